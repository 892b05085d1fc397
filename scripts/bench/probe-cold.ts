/**
 * The cold start, in the probe: an empty DATA_DIR, the real seeds and the
 * real model in its own process. The main thread's event-loop delay is recorded
 * from openEngine to indexed(), and `about` is called every few seconds
 * meanwhile, as a user would: interactive work must not wait behind the bulk
 * embedding (the model process serves a query between two bulk batches).
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Paper } from '../../src/corpus/paper.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { planBatches } from '../../src/embedding/batch-plan.js';
import { BATCH_PAPERS } from '../../src/ingest/embed-pending.js';
import { openEngine } from '../../src/search/create-engine.js';
import { paperTexts } from '../../src/search/paper-texts.js';
import { benchConfig, benchLogger } from './bench-env.js';
import { LOOP_RESOLUTION_MS, LoopMonitor } from './loop-delay.js';
import type { AboutDuringCold, ColdArgs, ColdProbe } from './probe-types.js';
import { ABOUT_QUERIES } from './queries.js';
import { treeRss } from './process-rss.js';
import { round, since } from './stats.js';

/** A user asking something now and then while the corpus is embedded (spacing samples, not waiting for an event). */
const ABOUT_EVERY_MS = 3_000;

/** Forward passes background embedding makes: batches of papers, each planned into passes by the model process's queue. */
function bulkPasses(papers: readonly Paper[]): number {
  let passes = 0;
  for (let i = 0; i < papers.length; i += BATCH_PAPERS) {
    const texts = papers.slice(i, i + BATCH_PAPERS).flatMap((paper) => {
      const { document, sentences } = paperTexts(paper);
      return [document, ...sentences];
    });
    passes += planBatches(texts).length;
  }
  return passes;
}

export async function coldProbe(args: ColdArgs): Promise<ColdProbe> {
  const config = benchConfig(args.dataDir, args.seedsDir);
  const corpus = await loadCorpus(config.SEEDS_DIR);
  const texts = corpus.papers.reduce((n, paper) => n + 1 + paperTexts(paper).sentences.length, 0);
  const bulkBatches = bulkPasses(corpus.papers);
  const logger = benchLogger(config);

  let lastTenth = -1;
  const onProgress = (done: number, total: number): void => {
    const tenth = Math.floor((done / Math.max(1, total)) * 10);
    if (tenth !== lastTenth) process.stderr.write(`  cold start: ${done}/${total} papers embedded\n`);
    lastTenth = tenth;
  };

  const [whole, open] = await Promise.all([LoopMonitor.started(), LoopMonitor.started()]);
  const started = performance.now();
  const { engine } = await openEngine(config, logger, { processKind: 'bench', onProgress });
  const openMs = since(started);
  const opened = performance.now();
  // Its own warm-up ticks: a stall in its first 30 ms is counted in `open` and `whole` only.
  const [openDelay, embedding] = await Promise.all([open.stop(), LoopMonitor.started()]);

  let indexedAt: number | null = null;
  const indexed = engine.indexed().then(() => {
    indexedAt = performance.now();
  });
  const abouts: AboutDuringCold[] = [];
  for (let i = 0; indexedAt === null; i++) {
    const asked = performance.now();
    const response = await engine.about(ABOUT_QUERIES[i % ABOUT_QUERIES.length]!);
    abouts.push({
      atMs: round(asked - started, 1),
      ms: since(asked),
      embedded: response.indexing?.embedded ?? engine.status().papers,
      papers: response.indexing?.papers ?? engine.status().papers,
    });
    await Promise.race([indexed, delay(ABOUT_EVERY_MS)]);
  }
  await indexed;
  const readySinceStartMs = Math.round(performance.now());
  const [wholeDelay, embeddingDelay] = await Promise.all([whole.stop(), embedding.stop()]);
  const status = engine.status();
  if (status.embedded !== status.papers) throw new Error(`indexed() resolved with ${status.embedded}/${status.papers} papers embedded: ${status.storeProblem ?? 'no reason given'}`);
  const rss = treeRss();
  const closing = performance.now();
  await engine.close();
  return {
    mode: 'cold',
    papers: status.papers,
    texts,
    bulkBatches,
    openMs,
    embedMs: round((indexedAt ?? performance.now()) - opened, 1),
    totalMs: round((indexedAt ?? performance.now()) - started, 1),
    readySinceStartMs,
    loop: { whole: wholeDelay, open: openDelay, embedding: embeddingDelay, resolutionMs: LOOP_RESOLUTION_MS },
    abouts,
    closeMs: since(closing),
    rss,
  };
}
