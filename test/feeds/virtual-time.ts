/** Time that moves only when the code under test sleeps: backoff and gaps cost nothing, and every wait is recorded. */
import type { FeedTime } from '../../src/feeds/host-spacing.js';

export class VirtualTime implements FeedTime {
  readonly sleeps: number[] = [];
  private nowMs: number;

  constructor(start = '2024-07-26T12:00:00Z') {
    this.nowMs = Date.parse(start);
  }

  now(): number {
    return this.nowMs;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.nowMs += ms;
  }
}
