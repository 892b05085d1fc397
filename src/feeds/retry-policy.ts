/**
 * When to try an upstream again, and how long to wait first: exponential
 * backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And
 * Jitter"), and the server's own `Retry-After` when it gives one. Pure
 * functions: randomness and "now" come in as arguments.
 */

export interface BackoffOptions {
  /** First delay ceiling. */
  readonly baseMs: number;
  /** No single wait is longer than this. */
  readonly maxMs: number;
}

/** 1 s, 2 s, 4 s … capped at 30 s: gentle on a struggling host, quick after a blip. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 30_000 };

/**
 * The wait before retry number `retry` (0 for the first retry): uniformly
 * random in [0, min(max, base·2^retry)), so many clients that failed together
 * do not come back together.
 */
export function backoffDelay(retry: number, random: () => number, { baseMs, maxMs }: BackoffOptions = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/** Statuses worth trying again: the server is overloaded or briefly broken, not refusing us. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/**
 * `Retry-After` (RFC 9110 §10.2.3) as milliseconds from `nowMs`: either
 * delay-seconds or an HTTP-date. Null when absent or unreadable; a date in
 * the past means "now" (0).
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Every HTTP-date form starts with a day name; without this check Date.parse reads "-5" as a year.
  if (!/^[A-Za-z]{3}/.test(trimmed)) return null;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}
