/**
 * Newly embedded papers → one watch batch. The engine reports embedded
 * papers a few at a time; a fetch round (several Daily Papers days, then
 * embedding) is worth one DM, not one per embedding batch. So ids are
 * collected until none has arrived for `debounceMs`, but never held longer
 * than `maxWaitMs` (a long backfill still notifies as it goes). Batches run
 * one at a time; ids arriving meanwhile form the next one.
 */
import { systemClock, type Clock, type Timer } from '../clock.js';
import type { Logger } from '../logger.js';

/** Quiet time after the last embedded papers before a batch is sent. */
export const WATCH_DEBOUNCE_MS = 10_000;
/** The longest a newly embedded paper waits for its batch. */
export const WATCH_MAX_WAIT_MS = 60_000;

export interface WatchBatcherDeps {
  readonly notify: (paperIds: readonly string[]) => Promise<unknown>;
  readonly logger: Logger;
  /** Real time by default: embedding runs in real time, whatever clock drives the schedules. */
  readonly clock?: Clock;
  readonly debounceMs?: number;
  readonly maxWaitMs?: number;
}

export class WatchBatcher {
  private readonly clock: Clock;
  private pending = new Set<string>();
  private firstAt: number | null = null;
  private timer: Timer | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly deps: WatchBatcherDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  /** Adds papers to the coming batch and (re)sets its timer. */
  add(paperIds: readonly string[]): void {
    if (this.stopped || paperIds.length === 0) return;
    for (const id of paperIds) this.pending.add(id);
    const now = this.clock.now().getTime();
    this.firstAt ??= now;
    const due = Math.min(now + (this.deps.debounceMs ?? WATCH_DEBOUNCE_MS), this.firstAt + (this.deps.maxWaitMs ?? WATCH_MAX_WAIT_MS));
    this.timer?.cancel();
    this.timer = this.clock.setTimer(() => this.flush(), due - now);
  }

  /** Sends the coming batch now; resolves when it (and any batch before it) is done. */
  flush(): Promise<void> {
    this.timer?.cancel();
    this.timer = null;
    const ids = [...this.pending];
    this.pending = new Set();
    this.firstAt = null;
    if (ids.length === 0) return this.running;
    const run = async (): Promise<void> => {
      try {
        await this.deps.notify(ids);
      } catch (error) {
        this.deps.logger.error({ err: error, papers: ids.length }, 'watches: a batch of notices failed');
      }
    };
    this.running = this.running.then(run);
    return this.running;
  }

  /** Takes no more papers; sends what is pending (the bot is still connected) and waits for it. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.flush();
  }
}
