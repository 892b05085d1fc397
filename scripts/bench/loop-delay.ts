/**
 * The main thread's event-loop delay (perf_hooks.monitorEventLoopDelay).
 * The histogram samples with a timer and records a stall when the timer
 * next fires, measured from its previous firing: a stall before the first
 * firing, or one not followed by another firing, is never recorded (and
 * `reset()` drops the baseline too). So a monitor is let tick before the
 * measured work starts and after it ends.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import type { LoopDelay } from './probe-types.js';
import { round } from './stats.js';

/** Fine enough to see a 50 ms stall, coarse enough to cost nothing. */
export const LOOP_RESOLUTION_MS = 10;
/** Long enough for the timer to fire at least twice. */
const TICKS_MS = 3 * LOOP_RESOLUTION_MS;

const ms = (ns: number): number => round(ns / 1e6, 1);

export class LoopMonitor {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });

  /** Enables the histogram and lets it take its first samples (idle ones, ~0 ms). */
  static async started(): Promise<LoopMonitor> {
    const monitor = new LoopMonitor();
    monitor.histogram.enable();
    await delay(TICKS_MS);
    return monitor;
  }

  /** Lets the timer fire once more (so a final stall is recorded), then stops and summarises. */
  async stop(): Promise<LoopDelay> {
    await delay(TICKS_MS);
    this.histogram.disable();
    return this.summary();
  }

  summary(): LoopDelay {
    const h = this.histogram;
    return { samples: h.count, p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), mean: ms(h.mean) };
  }
}
