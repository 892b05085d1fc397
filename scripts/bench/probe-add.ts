/**
 * Adding one paper to the full synthetic store, step by step, in the probe:
 * the same calls the engine makes when a dump brings one new paper (sync:
 * texts, `papers.apply`, catalog and title index; background embedding: its
 * queries for what is pending, `embeddings.save`, `vectors.catchUp()`), each
 * timed, the model replaced by the hash embedder and its time kept apart.
 * The papers are removed again at the end (timed). Run it on a scratch copy
 * of the store: it changes the store.
 */
import path from 'node:path';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { mergePapers } from '../../src/corpus/merge-papers.js';
import { createHashEmbedder } from '../../src/embedding/hash-embedder.js';
import { PaperVectorIndex } from '../../src/index/paper-vector-index.js';
import { BATCH_PAPERS, countPending, lowestChangedAfter, SCAN_RANGE } from '../../src/ingest/embed-pending.js';
import { Catalog } from '../../src/search/catalog.js';
import { paperTexts, paperWrite } from '../../src/search/paper-texts.js';
import { createTitleIndex } from '../../src/search/title-index.js';
import { DB_FILE } from '../../src/store/data-dir.js';
import { openStore } from '../../src/store/open-store.js';
import { benchConfig, benchLogger, SEEDS_DIR } from './bench-env.js';
import { embeddingWrites } from './corpus-writes.js';
import type { AddArgs, AddProbe, AddStep } from './probe-types.js';
import { median, round, summarise } from './stats.js';
import { configuredDimension } from './model-dimension.js';
import { corpusModel, extraEntry } from './synthetic-corpus.js';

/** Far from the numbers refresh-adds.ts uses, so the two never add the same paper. */
const FIRST_EXTRA = 1_000;

export async function addProbe(args: AddArgs): Promise<AddProbe> {
  const config = benchConfig(args.dataDir);
  const logger = benchLogger(config);
  const hash = createHashEmbedder(configuredDimension(config));
  const { store } = await openStore({ dataDir: config.DATA_DIR, logger, kind: 'bench' });
  const catalog = new Catalog(await store.papers.summaries());
  const titles = createTitleIndex(catalog.all());
  const vectors = await PaperVectorIndex.open({
    store, dbFile: path.join(config.DATA_DIR, DB_FILE), dataDir: config.DATA_DIR, modelId: hash.modelId, dimension: hash.dimension, logger, writer: true,
  });
  const model = corpusModel((await loadCorpus(SEEDS_DIR)).papers);

  const steps: AddStep[] = [];
  const removals: number[] = [];
  const addedPapers: { id: string; file: string }[] = [];
  for (let i = 0; i < args.reps; i++) {
    const file = `bench-add-step-${i}.txt`;
    const entry = extraEntry(model, FIRST_EXTRA + i);
    let t = performance.now();
    const lap = (): number => {
      const now = performance.now();
      const ms = now - t;
      t = now;
      return ms;
    };
    const [paper] = mergePapers([{ file, entries: [entry] }]);
    if (paper === undefined) throw new Error('The extra entry made no paper');
    const write = paperWrite(paper);
    const textsMs = lap();
    const result = await store.papers.apply({
      replaceSourcesOf: file, sources: [{ paperId: paper.id, file, entry }], dumpFile: null, upsert: [write], remove: [], now: new Date(),
    });
    const applyMs = lap();
    for (const added of result.added) {
      catalog.upsert(added);
      titles.add(added);
    }
    const followMs = lap();
    // What background embedding asks the store to find the work: a count above the lowest changed label, then its first batch.
    const after = lowestChangedAfter([result]) ?? 0;
    await countPending(store, hash.modelId, after);
    const jobs = await store.embeddings.pending(hash.modelId, after, BATCH_PAPERS, after + SCAN_RANGE);
    let findMs = lap();
    const texts = jobs.map((job) => paperTexts(job));
    const embedded = await hash.embedDocuments(texts.flatMap((x) => [x.document, ...x.sentences]));
    const hashMs = lap();
    await store.embeddings.save(hash.modelId, embeddingWrites(jobs, texts, embedded));
    const saveMs = lap();
    await vectors.catchUp();
    const catchUpMs = lap();
    // … and, after the batch, the next one (none left).
    const last = jobs.at(-1)?.label ?? after;
    await store.embeddings.pending(hash.modelId, last, BATCH_PAPERS, last + SCAN_RANGE);
    findMs += lap();
    if (jobs.length !== 1 || !vectors.has(result.added[0]!.label)) throw new Error(`Expected one new paper to embed, found ${jobs.length}`);
    steps.push({ textsMs, applyMs, followMs, findMs, hashMs, saveMs, catchUpMs, totalMs: textsMs + applyMs + followMs + findMs + saveMs + catchUpMs });

    addedPapers.push({ id: paper.id, file });
  }
  // Removed only after all were added, so each addition is measured on a store of the same size.
  for (const { id, file } of addedPapers) {
    const removing = performance.now();
    const { removed } = await store.papers.apply({ replaceSourcesOf: file, sources: [], dumpFile: null, upsert: [], remove: [id], now: new Date() });
    await vectors.remove(removed.map((r) => r.label));
    catalog.remove(id);
    titles.remove(id);
    removals.push(performance.now() - removing);
  }
  await vectors.close();
  await store.close();

  const mid = (key: keyof AddStep): number => round(median(steps.map((s) => s[key])), 2);
  return {
    mode: 'add',
    papers: catalog.size,
    steps: steps.map((s) => stepOf((key) => round(s[key], 2))),
    medians: stepOf(mid),
    removeMs: summarise(removals),
  };
}

function stepOf(value: (key: keyof AddStep) => number): AddStep {
  return {
    textsMs: value('textsMs'),
    applyMs: value('applyMs'),
    followMs: value('followMs'),
    findMs: value('findMs'),
    hashMs: value('hashMs'),
    saveMs: value('saveMs'),
    catchUpMs: value('catchUpMs'),
    totalMs: value('totalMs'),
  };
}
