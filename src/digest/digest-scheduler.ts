/**
 * Runs digests when they are due. One timer, always set for the earliest due
 * slot (or unfinished intent); each wake-up runs ONE due item, then waits a
 * short gap before the next, so a busy minute is spread out instead of
 * bursting Discord's rate limits. Starting runs whatever came due while the
 * bot was down — once per digest, since a run moves its slot past "now".
 */
import type { Logger } from '../logger.js';
import type { Clock, Timer } from '../clock.js';
import type { DigestRunner } from './digest-runner.js';
import type { DigestStore } from './digest-store.js';

/** Gap between two posts that fall due together. */
export const SPREAD_MS = 1_500;
/** The longest the scheduler sleeps without re-reading the clock, so a suspended machine or a clock jump is noticed. */
export const MAX_SLEEP_MS = 60 * 60_000;
/** After an unexpected error (a failed state write), wait this long before trying again. */
export const ERROR_BACKOFF_MS = 60_000;

export interface DigestSchedulerDeps {
  readonly store: DigestStore;
  readonly runner: DigestRunner;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly spreadMs?: number;
}

export class DigestScheduler {
  private timer: Timer | null = null;
  private started = false;
  /** Every run, scheduled or on demand, goes through this chain: one at a time, never interleaved. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: DigestSchedulerDeps) {}

  /** Begins with a wake-up right away: reconciles unfinished intents, then posts missed digests (late). */
  start(): void {
    this.started = true;
    this.arm(0);
  }

  /** No new runs start; resolves when the current one (if any) has finished. */
  async stop(): Promise<void> {
    this.started = false;
    this.timer?.cancel();
    this.timer = null;
    await this.chain;
  }

  /** Re-plans the timer after digests changed (set, removed, resumed). */
  reschedule(): void {
    if (this.started) this.plan(0);
  }

  /** Runs `task` once no other run is in progress. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.chain.then(task, task);
    this.chain = result.catch(() => undefined);
    return result;
  }

  private arm(delayMs: number): void {
    this.timer?.cancel();
    this.timer = this.deps.clock.setTimer(() => this.wake(), delayMs);
  }

  private async wake(): Promise<void> {
    this.timer = null;
    if (!this.started) return;
    try {
      const ran = await this.exclusive(() => this.runOneDue());
      if (this.started) this.plan(ran ? (this.deps.spreadMs ?? SPREAD_MS) : 0);
    } catch (error) {
      this.deps.logger.error({ err: error }, 'digest scheduler: run failed unexpectedly');
      if (this.started) this.arm(ERROR_BACKOFF_MS);
    }
  }

  /** Runs the most overdue item: an unfinished intent first (it was chosen earlier), else a due digest. */
  private async runOneDue(): Promise<boolean> {
    const now = this.deps.clock.now().getTime();
    const { intents, digests } = this.deps.store.state;
    const intent = intents.filter((i) => Date.parse(i.retryAt) <= now).sort((a, b) => Date.parse(a.retryAt) - Date.parse(b.retryAt))[0];
    if (intent !== undefined) {
      await this.deps.runner.resume(intent);
      return true;
    }
    const digest = digests
      .filter((d) => d.status.kind !== 'paused' && Date.parse(d.nextDueAt) <= now)
      .sort((a, b) => Date.parse(a.nextDueAt) - Date.parse(b.nextDueAt))[0];
    if (digest === undefined) return false;
    await this.deps.runner.run(digest.id, { kind: 'scheduled', dueAt: new Date(digest.nextDueAt) });
    return true;
  }

  /** Sets the timer for the earliest due item, at least `minDelayMs` away; none when nothing is scheduled. */
  private plan(minDelayMs: number): void {
    const { intents, digests } = this.deps.store.state;
    const times = [
      ...intents.map((i) => Date.parse(i.retryAt)),
      ...digests.filter((d) => d.status.kind !== 'paused').map((d) => Date.parse(d.nextDueAt)),
    ];
    if (times.length === 0) {
      this.timer?.cancel();
      this.timer = null;
      return;
    }
    const wait = Math.min(...times) - this.deps.clock.now().getTime();
    this.arm(Math.min(Math.max(wait, minDelayMs), MAX_SLEEP_MS));
  }
}
