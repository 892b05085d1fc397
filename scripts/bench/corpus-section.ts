/**
 * The synthetic store of N papers (--corpus N): built or reused, then warm
 * starts in fresh processes, the open's breakdown, the query workload with
 * RSS, and adding one paper — through `refresh()` end to end, and step by
 * step. What changes the store runs on a scratch copy.
 */
import path from 'node:path';
import { BENCH_ROOT, corpusDirs } from './bench-env.js';
import { buildCorpus, cachedBuild, storeSizes, type CorpusBuild } from './build-corpus.js';
import type { TreeRss } from './process-rss.js';
import type { AddProbe, WarmProbe } from './probe-types.js';
import { printLatency, printSlowest } from './query-workload.js';
import { runProbe } from './run-probe.js';
import { scratchCopy } from './scratch-store.js';
import { runSection, type Measured } from './section-runner.js';
import { median, round } from './stats.js';
import { measureBreakdown, measureWarmStart, printWarmStart, type WarmStart } from './warm-start.js';

const SCRATCH = path.join(BENCH_ROOT, 'scratch-corpus');

export interface CorpusResults {
  readonly papers: number;
  /** `reused`: the store was cached by an earlier run, and these are the timings of that build. */
  readonly build: Measured<CorpusBuild> & { readonly reused: boolean };
  readonly sizes: { readonly dbMiB: number; readonly hnswMiB: number };
  readonly warm: Measured<WarmStart>;
  readonly breakdown: Readonly<Record<string, number>>;
  readonly serve: Measured<WarmProbe>;
  readonly add: Measured<AddProbe>;
}

const section = (title: string) => console.log(`\n== ${title} ==`);

export async function measureCorpus(papers: number, rebuild: boolean, quick: boolean): Promise<CorpusResults> {
  const dirs = corpusDirs(papers);
  const runs = quick ? 3 : 5;
  section(`6. Synthetic store of ${papers} papers (seeds-shaped text; vectors from the HASH EMBEDDER, not a model)`);
  const cached = rebuild ? null : await cachedBuild(dirs, papers);
  let build: CorpusResults['build'];
  if (cached !== null) {
    console.log(`  reusing the store built ${cached.builtAt} in ${dirs.root} (--rebuild to build and time it again); timings of that build:`);
    build = { result: cached, load: { loadAverageStart: cached.loadAverage.start, loadAverageEnd: cached.loadAverage.end, othersCores: null, seconds: 0 }, reused: true };
  } else {
    build = { ...(await runSection(() => buildCorpus(dirs, papers), false)), reused: false };
  }
  printBuild(build.result);
  const sizes = await storeSizes(dirs.dataDir);

  section(`7. Warm start of the ${papers}-paper store (fresh process each, median of ${runs})`);
  const warm = await runSection(() => measureWarmStart(dirs.dataDir, dirs.seedsDir, 'hash', runs));
  const breakdown = await measureBreakdown(dirs.dataDir, 'hash', quick ? 1 : 3);
  printWarmStart(warm.result, breakdown);

  section(`8. Queries, RSS and adding papers on the ${papers}-paper store (fresh process, scratch copy)`);
  console.log('  `about`/`ask` embed the query with the real model and search the hash vectors: dense results are meaningless here, only latency counts');
  const serve = await runSection(async () => {
    const scratch = await scratchCopy(dirs.dataDir, SCRATCH);
    try {
      return (await runProbe('warm', { dataDir: scratch.dataDir, seedsDir: scratch.seedsDir, store: 'hash', workload: { quick }, refreshAdds: quick ? 3 : 7 })).result;
    } finally {
      await scratch.remove();
    }
  });
  const add = await runSection(async () => {
    const scratch = await scratchCopy(dirs.dataDir, SCRATCH);
    try {
      return (await runProbe('add', { dataDir: scratch.dataDir, reps: quick ? 5 : 11 })).result;
    } finally {
      await scratch.remove();
    }
  });
  printServe(serve.result, add.result);
  return { papers, build, sizes, warm, breakdown, serve, add };
}

function printBuild(b: CorpusBuild): void {
  const e = b.embeddingsMs;
  console.log(`  ingest (model excluded) ${round(b.ingestMs / 1000, 1)} s = papers + FTS ${round(b.papersMs.total / 1000, 1)} s (paperWrite ${b.papersMs.texts} ms, apply ${b.papersMs.apply} ms)`);
  console.log(`    + embeddings in the store ${round(e.storeTotal / 1000, 1)} s (pending ${e.pending}, sentence split ${e.texts}, save ${e.save} ms; ${b.texts} vectors)`);
  console.log(`    + HNSW graph built in its worker ${round(b.vectorIndexMs / 1000, 1)} s;  apart: generating ${b.generateMs} ms, hash embedder ${e.hash} ms`);
  console.log(`  sizes after the build: database ${b.dbMiB} MiB, HNSW file ${b.hnswMiB} MiB (load ${b.loadAverage.start[0]} → ${b.loadAverage.end[0]})`);
}

function printServe(serve: WarmProbe, add: AddProbe): void {
  const q = serve.queries;
  if (q !== null) {
    for (const name of ['about', 'ask', 'title', 'suggest', 'similar'] as const) printLatency(name, q[name]);
    printLatency('(embedQuery alone)', q.embedQuery);
    printSlowest(q.slowest);
  }
  const rss = (r: TreeRss | null) => (r === null ? '–' : `${r.totalMib} MiB (engine ${r.selfMib} + model ${r.childrenMib})`);
  console.log(`  RSS after the warm start ${rss(serve.rssAfterStart)}, after the queries ${rss(serve.rssAfterQueries)}, after the adds ${rss(serve.rssAtEnd)}`);
  const adds = serve.refreshAdds;
  const mid = (pick: (a: (typeof adds)[number]) => number) => round(median(adds.map(pick)), 1);
  console.log(`  add one paper via refresh(): stored ${mid((a) => a.storedMs)} ms, searchable ${mid((a) => a.searchableMs)} ms (median of ${adds.length}; each: ${adds.map((a) => a.searchableMs).join(', ')})`);
  console.log(`    longest event-loop block meanwhile ${mid((a) => a.loopMaxMs)} ms; then suggest('') ${mid((a) => a.emptySuggestMs)} ms; removing it again via refresh() ${mid((a) => a.removeMs)} ms`);
  const m = add.medians;
  console.log(`  add one paper step by step (median of ${add.steps.length}): ${m.totalMs} ms = paperWrite ${m.textsMs} + papers.apply ${m.applyMs} + catalog/titles ${m.followMs}`);
  console.log(`    + finding it to embed (pendingCount, pending) ${m.findMs} + embeddings.save ${m.saveMs} + vectors.catchUp ${m.catchUpMs} ms;  apart: hash embedder ${m.hashMs} ms`);
  console.log(`  remove one paper (apply + vectors.remove + catalog/titles): p50 ${add.removeMs.p50} ms`);
}
