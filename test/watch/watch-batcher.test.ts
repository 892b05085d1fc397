/** The watch batcher on a hand-moved clock: embedded papers arriving close together make one batch. */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { WatchBatcher } from '../../src/watch/watch-batcher.js';
import { LogCapture } from '../support/log-capture.js';
import { ManualClock } from '../support/manual-clock.js';

function batcher(notify: (ids: readonly string[]) => Promise<unknown> = async () => undefined) {
  const clock = new ManualClock('2024-07-25T00:00:00Z');
  const batches: string[][] = [];
  const logs = new LogCapture();
  const papers = new WatchBatcher({
    notify: async (ids) => {
      batches.push([...ids]);
      await notify(ids);
    },
    logger: createLogger('debug', logs.stream),
    clock,
    debounceMs: 1_000,
    maxWaitMs: 5_000,
  });
  return { papers, clock, batches, logs };
}

describe('WatchBatcher', () => {
  it('GIVEN papers embedded a moment apart THEN one batch, a debounce after the last', async () => {
    const { papers, clock, batches } = batcher();
    papers.add(['a', 'b']);
    await clock.advanceBy(900);
    papers.add(['c', 'a']);
    await clock.advanceBy(900);
    expect(batches).toEqual([]);
    await clock.advanceBy(100);
    expect(batches).toEqual([['a', 'b', 'c']]);
  });

  it('GIVEN papers that keep arriving THEN a batch goes out at the latest the longest wait after the first', async () => {
    const { papers, clock, batches } = batcher();
    for (let at = 0; at < 5_000; at += 500) {
      papers.add([`p${at}`]);
      await clock.advanceBy(500);
    }
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(10);
  });

  it('GIVEN a batch that fails THEN it is logged and the next batch still runs', async () => {
    let calls = 0;
    const { papers, clock, batches, logs } = batcher(async () => {
      if (calls++ === 0) throw new Error('model worker died');
    });
    papers.add(['a']);
    await clock.advanceBy(1_000);
    papers.add(['b']);
    await clock.advanceBy(1_000);
    expect(batches).toEqual([['a'], ['b']]);
    expect(logs.find('watches: a batch of notices failed')).toHaveLength(1);
  });

  it('GIVEN stop with papers pending THEN they are sent at once and later papers are ignored', async () => {
    const { papers, clock, batches } = batcher();
    papers.add(['a']);
    await papers.stop();
    expect(batches).toEqual([['a']]);
    papers.add(['b']);
    await clock.advanceBy(10_000);
    expect(batches).toEqual([['a']]);
  });

  it('GIVEN papers arriving while a batch is being sent THEN they form the next batch, after it', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    const { papers, clock, batches } = batcher(async (ids) => {
      order.push(`start ${ids.join()}`);
      if (ids.includes('a')) await held;
      order.push(`end ${ids.join()}`);
    });
    papers.add(['a']);
    const first = clock.advanceBy(1_000);
    papers.add(['b']);
    const second = papers.flush();
    release();
    await Promise.all([first, second]);
    expect(batches).toEqual([['a'], ['b']]);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b']);
  });
});
