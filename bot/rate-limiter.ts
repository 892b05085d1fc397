/**
 * Per-user sliding-window rate limit: at most `limit` commands in any
 * `windowMs` span. A sliding log (not fixed buckets) so a burst straddling a
 * bucket edge cannot get twice the limit through.
 */
import type { Clock } from '../src/clock.js';

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAt: number };

export interface RateLimiterOptions {
  readonly limit: number;
  readonly windowMs: number;
  readonly clock: Clock;
}

/** Above this many tracked users, idle ones are swept so memory stays bounded. */
const SWEEP_THRESHOLD = 10_000;

export class RateLimiter {
  readonly #hits = new Map<string, number[]>();

  constructor(private readonly options: RateLimiterOptions) {}

  /** Records a command for `key` if allowed; otherwise says when the oldest hit leaves the window. */
  take(key: string): RateDecision {
    const now = this.options.clock.now().getTime();
    const recent = this.#recent(key, now);
    if (recent.length >= this.options.limit) {
      const oldest = recent[0] ?? now;
      return { allowed: false, retryAt: oldest + this.options.windowMs };
    }
    recent.push(now);
    this.#hits.set(key, recent);
    if (this.#hits.size > SWEEP_THRESHOLD) this.#sweep(now);
    return { allowed: true };
  }

  #recent(key: string, now: number): number[] {
    const since = now - this.options.windowMs;
    return (this.#hits.get(key) ?? []).filter((time) => time > since);
  }

  #sweep(now: number): void {
    for (const key of [...this.#hits.keys()]) {
      if (this.#recent(key, now).length === 0) this.#hits.delete(key);
    }
  }
}
