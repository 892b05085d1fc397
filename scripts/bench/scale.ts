/**
 * The raw HNSW index at scale (--scale N): recall, which the synthetic store
 * cannot show (its hash vectors mean nothing). Builds the index
 * over synthetic clustered vectors with the engine's own factory, saves and
 * reloads it, then measures k=10 query latency and recall@10 against exact
 * search for the default efSearch and a sweep of other values.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_HNSW_PARAMS, createHnswIndex, loadHnswIndex } from '../../src/index/hnsw-index.js';
import type { VectorIndex } from '../../src/index/vector-index.js';
import { exactTopK, recall } from './exact-search.js';
import { median, round, summariseRepeated } from './stats.js';
import { clusteredUnitVectors, queriesNearCentres, row } from './synthetic-vectors.js';

const DIMENSION = 384;
const CLUSTERS = 1000;
const K = 10;
const SEED = 20240611;
const QUERY_SEED = 7;
const WARM_UP_QUERIES = 100;
const SWEEP = [16, 32, 64, 128, 256];

/** Each query is timed REPS times; latencies are per-query medians (see RepeatedSummary), raw p99 kept beside. */
const REPS = 3;

export interface EfRow {
  readonly efSearch: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** p99 over every call, machine stalls included. */
  readonly rawP99Ms: number;
  readonly recallAt10: number;
}

export interface ScaleRun {
  readonly vectors: number;
  readonly dimension: number;
  readonly clusters: number;
  readonly queries: number;
  readonly params: typeof DEFAULT_HNSW_PARAMS;
  readonly generateMs: number;
  readonly buildMs: number;
  readonly saveMs: number;
  /** Median over every load (one per efSearch value). */
  readonly loadMs: number;
  readonly fileMiB: number;
  readonly exactMsPerQuery: number;
  readonly sweep: readonly EfRow[];
}

function measure(index: VectorIndex, efSearch: number, queries: Float32Array, count: number, exact: readonly Int32Array[]): EfRow {
  for (let q = 0; q < Math.min(WARM_UP_QUERIES, count); q++) index.search(row(queries, DIMENSION, q), K);
  const latencies = Array.from({ length: count }, (): number[] => []);
  let recallSum = 0;
  for (let rep = 0; rep < REPS; rep++) {
    for (let q = 0; q < count; q++) {
      const started = performance.now();
      const found = index.search(row(queries, DIMENSION, q), K);
      latencies[q]!.push(performance.now() - started);
      // The graph and efSearch are fixed, so every repetition finds the same neighbours.
      if (rep === 0) recallSum += recall(found.map((n) => n.label), exact[q]!);
    }
  }
  const summary = summariseRepeated(latencies);
  return { efSearch, p50Ms: summary.itemMedianP50, p99Ms: summary.itemMedianP99, rawP99Ms: summary.p99, recallAt10: round(recallSum / count, 4) };
}

export async function measureScale(vectors: number, queryCount: number): Promise<ScaleRun> {
  let started = performance.now();
  const set = clusteredUnitVectors(vectors, DIMENSION, CLUSTERS, SEED);
  const queries = queriesNearCentres(set, queryCount, QUERY_SEED);
  const generateMs = Math.round(performance.now() - started);
  console.log(`  generated ${vectors} vectors in ${generateMs} ms; building the index…`);

  started = performance.now();
  const built = createHnswIndex(DIMENSION, vectors);
  for (let i = 0; i < vectors; i++) {
    built.add(i, row(set.data, DIMENSION, i));
    if ((i + 1) % Math.max(1, Math.floor(vectors / 10)) === 0) console.log(`  built ${i + 1}/${vectors} (${Math.round(performance.now() - started)} ms)`);
  }
  const buildMs = Math.round(performance.now() - started);

  const dir = await mkdtemp(path.join(os.tmpdir(), 'paperbot-bench-scale-'));
  try {
    const file = path.join(dir, 'scale.hnsw');
    started = performance.now();
    await built.save(file);
    const saveMs = Math.round(performance.now() - started);
    const fileMiB = round((await stat(file)).size / 2 ** 20, 1);

    started = performance.now();
    const exact = Array.from({ length: queryCount }, (_, q) => exactTopK(set.data, DIMENSION, row(queries, DIMENSION, q), K));
    const exactMsPerQuery = round((performance.now() - started) / queryCount, 2);
    console.log(`  exact top-${K} for ${queryCount} queries: ${exactMsPerQuery} ms each`);

    const loadTimes: number[] = [];
    const sweep: EfRow[] = [];
    for (const efSearch of [...new Set([DEFAULT_HNSW_PARAMS.efSearch, ...SWEEP])].sort((a, b) => a - b)) {
      started = performance.now();
      const index = await loadHnswIndex(file, DIMENSION, [], { ...DEFAULT_HNSW_PARAMS, efSearch });
      loadTimes.push(performance.now() - started);
      if (index.size !== vectors) throw new Error(`The loaded index holds ${index.size} vectors, expected ${vectors}`);
      const result = measure(index, efSearch, queries, queryCount, exact);
      console.log(`  efSearch ${efSearch}: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (raw ${result.rawP99Ms}), recall@${K} ${result.recallAt10}`);
      sweep.push(result);
    }
    return {
      vectors,
      dimension: DIMENSION,
      clusters: CLUSTERS,
      queries: queryCount,
      params: DEFAULT_HNSW_PARAMS,
      generateMs,
      buildMs,
      saveMs,
      loadMs: Math.round(median(loadTimes)),
      fileMiB,
      exactMsPerQuery,
      sweep,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
