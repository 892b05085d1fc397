import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../bot/rate-limiter.js';
import { ManualClock } from '../support/manual-clock.js';

function limiter(limit = 3, windowMs = 10_000) {
  const clock = new ManualClock(new Date(1_000_000));
  return { clock, limiter: new RateLimiter({ limit, windowMs, clock }) };
}

describe('RateLimiter', () => {
  it('GIVEN a user under the limit THEN every command is allowed', () => {
    const { limiter: rl } = limiter(3);
    expect([rl.take('u'), rl.take('u'), rl.take('u')].every((d) => d.allowed)).toBe(true);
  });

  it('GIVEN a user at the limit THEN the next command is refused with the time the oldest leaves the window', async () => {
    const { clock, limiter: rl } = limiter(3, 10_000);
    rl.take('u');
    await clock.advanceBy(2_000);
    rl.take('u');
    rl.take('u');
    const decision = rl.take('u');
    expect(decision).toEqual({ allowed: false, retryAt: 1_000_000 + 10_000 });
  });

  it('GIVEN the oldest command left the window THEN one more is allowed (sliding, not fixed buckets)', async () => {
    const { clock, limiter: rl } = limiter(2, 10_000);
    rl.take('u');
    await clock.advanceBy(6_000);
    rl.take('u');
    await clock.advanceBy(4_001); // first hit is now 10.001 s old; second 4.001 s
    expect(rl.take('u').allowed).toBe(true);
    expect(rl.take('u').allowed).toBe(false);
  });

  it('GIVEN a refused command THEN it does not count against the user', async () => {
    const { clock, limiter: rl } = limiter(1, 10_000);
    rl.take('u');
    await clock.advanceBy(5_000);
    rl.take('u'); // refused
    await clock.advanceBy(5_001);
    expect(rl.take('u').allowed).toBe(true);
  });

  it('GIVEN two users THEN each has their own budget', () => {
    const { limiter: rl } = limiter(1);
    expect(rl.take('a').allowed).toBe(true);
    expect(rl.take('b').allowed).toBe(true);
    expect(rl.take('a').allowed).toBe(false);
  });
});
