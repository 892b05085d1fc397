/**
 * A clock tests move by hand. Timers fire in time order as the clock passes
 * them; a timer callback's promise is awaited before the next timer fires,
 * so "advance a day" runs each due digest to completion, in order.
 */
import type { Clock, Timer } from '../../src/clock.js';

interface Pending {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => unknown;
}

export class ManualClock implements Clock {
  private nowMs: number;
  private seq = 0;
  private pending: Pending[] = [];

  constructor(start: Date | string) {
    this.nowMs = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.nowMs);
  }

  setTimer(callback: () => unknown, delayMs: number): Timer {
    const entry: Pending = { at: this.nowMs + Math.max(0, delayMs), seq: this.seq++, callback };
    this.pending.push(entry);
    return { cancel: () => void (this.pending = this.pending.filter((p) => p !== entry)) };
  }

  /** Timers not yet fired, soonest first (for assertions about what is planned). */
  get timers(): readonly Date[] {
    return this.sorted().map((p) => new Date(p.at));
  }

  /** Moves to `target`, firing (and awaiting) every timer due on the way, including ones those timers set. */
  async advanceTo(target: Date | string): Promise<void> {
    const end = new Date(target).getTime();
    for (;;) {
      const next = this.sorted()[0];
      if (next === undefined || next.at > end) break;
      this.pending = this.pending.filter((p) => p !== next);
      this.nowMs = Math.max(this.nowMs, next.at);
      await next.callback();
    }
    this.nowMs = Math.max(this.nowMs, end);
  }

  advanceBy(ms: number): Promise<void> {
    return this.advanceTo(new Date(this.nowMs + ms));
  }

  /** Fires what is due now (after start(), say) without moving time. */
  flush(): Promise<void> {
    return this.advanceTo(this.now());
  }

  private sorted(): Pending[] {
    return [...this.pending].sort((a, b) => a.at - b.at || a.seq - b.seq);
  }
}
