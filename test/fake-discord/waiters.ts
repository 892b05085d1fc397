/**
 * A list that records items in order and lets callers wait for the n-th item matching a predicate,
 * whether it already arrived or arrives later. Timers are unref'd so a forgotten wait never keeps
 * the test process alive.
 */
export class WaitableLog<T> {
  readonly items: T[] = [];
  private readonly listeners = new Set<() => void>();

  push(item: T): void {
    this.items.push(item);
    for (const listener of [...this.listeners]) listener();
  }

  /** Resolves with the `nth` (0-based) item matching `pred`; rejects after `timeoutMs` with `describe()` in the message. */
  waitForNth(pred: (item: T) => boolean, nth: number, timeoutMs: number, describe: () => string): Promise<T> {
    const find = (): T | undefined => this.items.filter(pred)[nth];
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const listener = (): void => {
        const item = find();
        if (item === undefined) return;
        this.listeners.delete(listener);
        clearTimeout(timer);
        resolve(item);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`FakeDiscord: timed out after ${timeoutMs}ms: ${describe()}`));
      }, timeoutMs);
      timer.unref();
      this.listeners.add(listener);
    });
  }
}

/** Resolves once `ready()` is true, re-checking whenever `notify()` is called. */
export class Condition {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly ready: () => boolean) {}

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  wait(timeoutMs: number, what: string): Promise<void> {
    if (this.ready()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const listener = (): void => {
        if (!this.ready()) return;
        this.listeners.delete(listener);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`FakeDiscord: timed out after ${timeoutMs}ms waiting for ${what}`));
      }, timeoutMs);
      timer.unref();
      this.listeners.add(listener);
    });
  }
}
