/**
 * Adding one paper to a running engine the way it really arrives: a new
 * one-paper dump appears in SEEDS_DIR and `refresh()` is called (what the
 * bot's seeds watcher does). Timed until it is stored and in the catalog and
 * title index, then until it is searchable by meaning (`indexed()`: its
 * vectors stored and added to the HNSW graph). The synthetic store embeds
 * documents with the hash embedder, so this is the store and index cost
 * alone, model excluded. The dumps are removed again at the end (timed too).
 * Run it on a scratch copy of the store: it changes the store.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import type { RefreshableEngine } from '../../src/search/engine-types.js';
import { SEEDS_DIR } from './bench-env.js';
import type { RefreshAdd } from './probe-types.js';
import { LoopMonitor } from './loop-delay.js';
import { since } from './stats.js';
import { corpusModel, extraEntry, listingText } from './synthetic-corpus.js';

export async function refreshAdds(engine: RefreshableEngine, seedsDir: string, count: number): Promise<RefreshAdd[]> {
  if (count === 0) return [];
  const model = corpusModel((await loadCorpus(SEEDS_DIR)).papers);
  const before = engine.status().papers;
  const files = Array.from({ length: count }, (_, i) => path.join(seedsDir, `bench-added-${i}.txt`));
  const adds: Omit<RefreshAdd, 'removeMs'>[] = [];
  for (const [i, file] of files.entries()) {
    await writeFile(file, listingText(extraEntry(model, i)));
    const loop = await LoopMonitor.started();
    const started = performance.now();
    const added = await engine.refresh();
    const storedMs = since(started);
    await engine.indexed();
    const searchableMs = since(started);
    const loopMaxMs = (await loop.stop()).max;
    const status = engine.status();
    if (added.added.length !== 1 || status.embedded !== before + i + 1) {
      throw new Error(`refresh() added ${added.added.length} papers (${status.embedded}/${status.papers} embedded); expected one more, embedded`);
    }
    const suggesting = performance.now();
    engine.suggest('');
    adds.push({ storedMs, searchableMs, loopMaxMs, emptySuggestMs: since(suggesting) });
    process.stderr.write(`  add one paper via refresh ${i + 1}/${count}: searchable in ${searchableMs} ms\n`);
  }
  // Removed only after all were added, so each addition is measured on a store of the same size.
  const removals: number[] = [];
  for (const file of files) {
    await rm(file);
    const started = performance.now();
    const removed = await engine.refresh();
    removals.push(since(started));
    if (removed.removed.length !== 1) throw new Error(`Removing an added dump removed ${removed.removed.length} papers, expected one`);
  }
  return adds.map((add, i) => ({ ...add, removeMs: removals[i]! }));
}
