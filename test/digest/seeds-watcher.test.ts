import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { watchSeeds, type SeedsWatcher } from '../../src/digest/seeds-watcher.js';
import { createLogger } from '../../src/logger.js';
import type { RefreshReport } from '../../src/search/engine-types.js';
import { readSeed, SEED } from '../corpus/seeds.js';
import type { Timer } from '../../src/clock.js';
import { ManualClock } from '../support/manual-clock.js';
import { tempDir } from './temp-dir.js';

const EMPTY: RefreshReport = { added: [], removed: [], skipped: [] };
let watcher: SeedsWatcher | undefined;

afterEach(() => watcher?.close());

/** A ManualClock that says when a timer is set: fs events arrive asynchronously, so tests wait for the watcher to arm its debounce. */
class WatchedClock extends ManualClock {
  private waiting: (() => void)[] = [];

  override setTimer(callback: () => unknown, delayMs: number): Timer {
    const timer = super.setTimer(callback, delayMs);
    for (const resolve of this.waiting.splice(0)) resolve();
    return timer;
  }

  /** Resolves once a timer is pending: at once if one is, else when the next is set. */
  armed(): Promise<void> {
    return this.timers.length > 0 ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }
}

const debounceArmed = (clock: WatchedClock): Promise<void> => clock.armed();

describe('watchSeeds', () => {
  it('GIVEN a dump copied in while running THEN the engine refreshes once, only after the changes settle', async () => {
    const dir = await tempDir('seeds');
    const clock = new WatchedClock('2026-05-01T00:00:00Z');
    let refreshes = 0;
    watcher = watchSeeds({ dir, clock, logger: createLogger('silent'), debounceMs: 1500, refresh: async () => (refreshes++, EMPTY) });
    const text = readSeed(SEED.s004);
    // A copy arrives in pieces: several write events for one file.
    await writeFile(path.join(dir, 'new.txt'), text.slice(0, 1000));
    await writeFile(path.join(dir, 'new.txt'), text);
    await debounceArmed(clock);
    await clock.advanceBy(1499);
    expect(refreshes).toBe(0);
    await clock.advanceBy(1);
    expect(refreshes).toBe(1);
  });

  it('GIVEN a change while a refresh is running THEN one more refresh follows it, never two at once', async () => {
    const dir = await tempDir('seeds');
    const clock = new WatchedClock('2026-05-01T00:00:00Z');
    let running = 0;
    let maxRunning = 0;
    let refreshes = 0;
    let release: () => void = () => undefined;
    let secondStarted: () => void = () => undefined;
    const second = new Promise<void>((resolve) => (secondStarted = resolve));
    watcher = watchSeeds({
      dir, clock, logger: createLogger('silent'), debounceMs: 100,
      refresh: async () => {
        refreshes++;
        maxRunning = Math.max(maxRunning, ++running);
        if (refreshes === 1) await new Promise<void>((resolve) => (release = resolve));
        if (refreshes === 2) secondStarted();
        running--;
        return EMPTY;
      },
    });
    await writeFile(path.join(dir, 'a.txt'), readSeed(SEED.s003));
    await debounceArmed(clock);
    await clock.advanceBy(100);
    await writeFile(path.join(dir, 'b.txt'), readSeed(SEED.s004));
    await debounceArmed(clock);
    await clock.advanceBy(100);
    expect(refreshes).toBe(1);
    release();
    await second;
    expect(refreshes).toBe(2);
    expect(maxRunning).toBe(1);
  });

  it('GIVEN a malformed dump THEN refresh reports it skipped and the watcher logs it as a warning', async () => {
    const dir = await tempDir('seeds');
    const clock = new WatchedClock('2026-05-01T00:00:00Z');
    const lines: string[] = [];
    const logger = createLogger('warn', new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) }));
    const reports: RefreshReport[] = [];
    watcher = watchSeeds({
      dir, clock, logger, debounceMs: 100,
      refresh: async () => ({ ...EMPTY, skipped: [{ file: 'broken.txt', reason: 'not a Daily Papers listing' }] }),
      onRefresh: (report) => reports.push(report),
    });
    await writeFile(path.join(dir, 'broken.txt'), 'just some prose');
    await debounceArmed(clock);
    await clock.advanceBy(100);
    expect(reports).toHaveLength(1);
    expect(lines.map((line) => JSON.parse(line) as { msg: string; file?: string })).toContainEqual(expect.objectContaining({ msg: 'seeds: listing file skipped', file: 'broken.txt' }));
  });
});
