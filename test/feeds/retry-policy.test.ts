import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryableStatus, parseRetryAfter } from '../../src/feeds/retry-policy.js';

describe('backoffDelay (full jitter)', () => {
  it('GIVEN the top of the jitter range THEN ceilings double from the base and stop at the maximum', () => {
    const top = (): number => 0.999999;
    expect([0, 1, 2, 3, 4, 5, 6].map((retry) => backoffDelay(retry, top, { baseMs: 1000, maxMs: 30_000 }))).toEqual([
      999, 1999, 3999, 7999, 15_999, 29_999, 29_999,
    ]);
  });

  it('GIVEN random 0 THEN no wait at all: full jitter spans the whole range', () => {
    expect(backoffDelay(3, () => 0)).toBe(0);
  });
});

describe('isRetryableStatus', () => {
  it('GIVEN statuses THEN only 429 and 5xx are worth retrying', () => {
    expect([200, 304, 400, 404, 429, 500, 502, 503, 599].filter(isRetryableStatus)).toEqual([429, 500, 502, 503, 599]);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-07-26T12:00:00Z');

  it('GIVEN delay-seconds THEN milliseconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('GIVEN an HTTP-date THEN the time until it, and 0 for a date already past', () => {
    expect(parseRetryAfter('Fri, 26 Jul 2024 12:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Fri, 26 Jul 2024 11:00:00 GMT', now)).toBe(0);
  });

  it('GIVEN nothing or nonsense THEN null (the caller falls back to backoff)', () => {
    expect([parseRetryAfter(null, now), parseRetryAfter('soon', now), parseRetryAfter('-5', now)]).toEqual([null, null, null]);
  });
});
