/**
 * Time as paperbot sees it: "now" and one-shot timers. Injected (the rate limiter,
 * result pages and the digest scheduler share one) so tests
 * can drive a month of schedules in milliseconds.
 */

/** A pending one-shot timer. */
export interface Timer {
  cancel(): void;
}

export interface Clock {
  now(): Date;
  /**
   * Calls `callback` once, `delayMs` from now. The callback may return a promise:
   * a test clock awaits it before firing later timers, so work started by one
   * timer finishes before the next is due.
   */
  setTimer(callback: () => unknown, delayMs: number): Timer;
}

/** Node's setTimeout cannot wait longer than this (≈ 24.8 days); longer delays would fire immediately. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The real clock. Timers are unref'd: a pending digest never keeps the process alive on its own. */
export const systemClock: Clock = {
  now: () => new Date(),
  setTimer(callback, delayMs) {
    const timer = setTimeout(() => void callback(), Math.min(Math.max(0, delayMs), MAX_TIMER_MS));
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};
