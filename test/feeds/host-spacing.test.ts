import { describe, expect, it } from 'vitest';
import { ARXIV_MIN_INTERVAL_MS, createHostSpacing } from '../../src/feeds/host-spacing.js';
import { VirtualTime } from './virtual-time.js';

describe('createHostSpacing', () => {
  it('GIVEN three requests to one host at once THEN each starts one interval after the previous one ended, one at a time', async () => {
    const time = new VirtualTime();
    const spacing = createHostSpacing(time);
    const starts: number[] = [];
    let running = 0;
    let maxRunning = 0;
    const task = async (): Promise<void> => {
      starts.push(time.now());
      maxRunning = Math.max(maxRunning, ++running);
      await time.sleep(10); // the request itself takes a while
      running--;
    };
    await Promise.all([1, 2, 3].map(() => spacing.run('export.arxiv.org', ARXIV_MIN_INTERVAL_MS, task)));
    const t0 = starts[0] ?? 0;
    expect(starts.map((t) => t - t0)).toEqual([0, 3010, 6020]);
    expect(maxRunning).toBe(1);
  });

  it('GIVEN a slow request THEN the gap counts from when it finished, so the server too sees the full gap', async () => {
    const time = new VirtualTime();
    const spacing = createHostSpacing(time);
    await spacing.run('h', 100, () => time.sleep(250));
    const ended = time.now();
    let started = 0;
    await spacing.run('h', 100, async () => void (started = time.now()));
    expect(started - ended).toBe(100);
  });

  it('GIVEN the gap already passed while the caller was busy THEN no wait', async () => {
    const time = new VirtualTime();
    const spacing = createHostSpacing(time);
    await spacing.run('h', 100, async () => undefined);
    await time.sleep(500);
    await spacing.run('h', 100, async () => undefined);
    expect(time.sleeps).toEqual([500]);
  });

  it('GIVEN different hosts, or no interval THEN nobody waits', async () => {
    const time = new VirtualTime();
    const spacing = createHostSpacing(time);
    await spacing.run('a', 3000, async () => undefined);
    await spacing.run('b', 3000, async () => undefined);
    await spacing.run('c', 0, async () => undefined);
    await spacing.run('c', 0, async () => undefined);
    expect(time.sleeps).toEqual([]);
  });

  it('GIVEN a task that fails THEN the queue still moves on', async () => {
    const spacing = createHostSpacing(new VirtualTime());
    await expect(spacing.run('h', 10, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(spacing.run('h', 10, async () => 'next')).resolves.toBe('next');
  });
});
