/**
 * A minimum gap between requests to one host, for hosts that ask for it:
 * arXiv's terms of use want at most one request every three seconds and one
 * connection at a time (https://info.arxiv.org/help/api/tou.html). Requests
 * to such a host run one after another, each starting no sooner than the gap
 * after the previous one *finished*: measured that way the server, too, sees
 * at least the gap between two requests, however slow the network was.
 *
 * Kept here (~40 lines) rather than taken from a scheduling library: a
 * serial queue with a start gap is all that is needed, and the popular
 * choice for it (bottleneck) has not had a release since 2019.
 */

/** "Now" and "wait", injectable so tests can run on virtual time. */
export interface FeedTime {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** arXiv's requested gap between requests. */
export const ARXIV_MIN_INTERVAL_MS = 3000;

export interface HostSpacing {
  /** Runs `task` once `host` is free and `intervalMs` has passed since its last request ended; `intervalMs <= 0` runs it at once. */
  run<T>(host: string, intervalMs: number, task: () => Promise<T>): Promise<T>;
}

export function createHostSpacing(time: FeedTime): HostSpacing {
  const lastEnd = new Map<string, number>();
  const queueTail = new Map<string, Promise<void>>();

  return {
    async run<T>(host: string, intervalMs: number, task: () => Promise<T>): Promise<T> {
      if (intervalMs <= 0) return task();
      const previous = queueTail.get(host) ?? Promise.resolve();
      let release = (): void => undefined;
      const done = new Promise<void>((resolve) => (release = resolve));
      queueTail.set(host, previous.then(() => done));
      await previous;
      try {
        const ended = lastEnd.get(host);
        if (ended !== undefined) {
          // Re-checked after waking: a timer may fire a millisecond early.
          for (let wait = ended + intervalMs - time.now(); wait > 0; wait = ended + intervalMs - time.now()) {
            await time.sleep(wait);
          }
        }
        return await task();
      } finally {
        lastEnd.set(host, time.now());
        release();
      }
    },
  };
}
