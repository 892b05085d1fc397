/**
 * Merging a big dump's papers again runs on the thread that answers users:
 * it must give the event loop turns, not hold it for the whole dump.
 */
import { describe, expect, it } from 'vitest';
import { paperId } from '../../src/corpus/paper-id.js';
import { remerge } from '../../src/ingest/remerge.js';
import type { SourceRecord } from '../../src/store/store.js';
import { entry, openTempStore } from '../store/store-fixture.js';

/** Counts event-loop turns (setImmediate callbacks) until stopped. */
function countTurns(): { stop: () => number } {
  let turns = 0;
  let running = true;
  const tick = (): void => {
    if (!running) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  return {
    stop: () => {
      running = false;
      return turns;
    },
  };
}

describe('remerge', () => {
  it('regression: merging a 5,000-paper dump yields to the event loop while it derives texts, and merges every paper', async () => {
    const { store } = await openTempStore();
    const sources: SourceRecord[] = Array.from({ length: 5_000 }, (_, i) => {
      const e = entry(`Synthetic paper ${i} on topic ${i % 50}`, i + 1, {
        abstract: `We study synthetic topic ${i} with a long enough abstract of several sentences. It is made up for paper ${i}. We report results on benchmark ${i % 97}.`,
      });
      return { paperId: paperId(e.title), file: 'big.txt', entry: e };
    });
    const turns = countTurns();
    const { upsert, remove } = await remerge(store, { file: { name: 'big.txt', sources } });
    expect(turns.stop()).toBeGreaterThan(0);
    expect(upsert.map((write) => write.paper.id)).toEqual(sources.map((s) => s.paperId));
    expect(remove).toEqual([]);
  });
});
