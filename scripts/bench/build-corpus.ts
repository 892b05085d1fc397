/**
 * The synthetic store of N papers, built through the engine's own write path
 * and cached between runs. Papers go in as sync-dumps writes a dump (texts
 * by `paperWrite`, `papers.apply` a chunk at a time, the file's sources with
 * its first chunk); vectors come from the hash embedder in the batches
 * background embedding commits; the HNSW graph is then built by the vector
 * index's own rebuild (a worker reading the stored vectors). Each part is
 * timed; the hash embedder's own time is kept apart (it stands in for the
 * model, which is excluded).
 *
 * build.json is written last: a directory without a valid one is rebuilt.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { createHashEmbedder } from '../../src/embedding/hash-embedder.js';
import { openEngine } from '../../src/search/create-engine.js';
import { DB_FILE } from '../../src/store/data-dir.js';
import { openStore } from '../../src/store/open-store.js';
import { SCHEMA_VERSION } from '../../src/store/sqlite/migrations.js';
import { TEXT_VERSION } from '../../src/search/paper-texts.js';
import { benchConfig, benchLogger, SEEDS_DIR, type CorpusDirs } from './bench-env.js';
import { buildVectorIndex, writeEmbeddings, writePapers } from './corpus-writes.js';
import { configuredDimension } from './model-dimension.js';
import { round } from './stats.js';
import { CORPUS_SEED, GENERATOR_VERSION, corpusModel, syntheticEntries } from './synthetic-corpus.js';

/** A store made by another generator, schema or text processing is rebuilt rather than migrated (which would be timed as a start). */
const buildSchema = z.object({
  generator: z.literal(GENERATOR_VERSION),
  schema: z.literal(SCHEMA_VERSION),
  textVersion: z.literal(TEXT_VERSION),
  seed: z.literal(CORPUS_SEED),
  /** Of the hash vectors: the configured model's (a store for another model is rebuilt). */
  dimension: z.number().int(),
  papers: z.number().int().positive(),
  builtAt: z.string(),
  loadAverage: z.object({ start: z.array(z.number()), end: z.array(z.number()) }),
  generateMs: z.number(),
  papersMs: z.object({ texts: z.number(), apply: z.number(), total: z.number() }),
  embeddingsMs: z.object({ pending: z.number(), texts: z.number(), hash: z.number(), save: z.number(), storeTotal: z.number() }),
  texts: z.number().int(),
  vectorIndexMs: z.number(),
  /** Papers + embeddings (store side only) + vector index: the model-free ingest time. */
  ingestMs: z.number(),
  dbMiB: z.number(),
  hnswMiB: z.number(),
});
export type CorpusBuild = z.infer<typeof buildSchema>;

const mib = (bytes: number): number => round(bytes / 2 ** 20, 1);
const loads = (): number[] => os.loadavg().map((x) => round(x, 2));

/** The build recorded in `dirs`, if it is complete and made by this generator for `papers` papers. */
export async function cachedBuild(dirs: CorpusDirs, papers: number): Promise<CorpusBuild | null> {
  try {
    const build = buildSchema.parse(JSON.parse(await readFile(dirs.buildFile, 'utf8')));
    await stat(path.join(dirs.dataDir, DB_FILE));
    return build.papers === papers && build.dimension === configuredDimension(benchConfig(dirs.dataDir, dirs.seedsDir)) ? build : null;
  } catch {
    return null;
  }
}

export async function storeSizes(dataDir: string): Promise<{ dbMiB: number; hnswMiB: number }> {
  let hnsw = 0;
  for (const name of await readdir(dataDir)) if (name.endsWith('.hnsw')) hnsw += (await stat(path.join(dataDir, name))).size;
  return { dbMiB: mib((await stat(path.join(dataDir, DB_FILE))).size), hnswMiB: mib(hnsw) };
}

export async function buildCorpus(dirs: CorpusDirs, papers: number): Promise<CorpusBuild> {
  const loadStart = loads();
  await rm(dirs.root, { recursive: true, force: true });
  await mkdir(dirs.dataDir, { recursive: true });
  await mkdir(dirs.seedsDir, { recursive: true });
  const config = benchConfig(dirs.dataDir, dirs.seedsDir);
  const logger = benchLogger(config);
  const dimension = configuredDimension(config);
  // An empty store made by the engine itself, so its own bookkeeping (schema, text version) is in place.
  await (await openEngine(config, logger, { embedder: createHashEmbedder(dimension), processKind: 'bench' })).engine.close();

  const started = performance.now();
  const entries = syntheticEntries(corpusModel((await loadCorpus(SEEDS_DIR)).papers), papers);
  const generateMs = Math.round(performance.now() - started);
  console.log(`  generated ${papers} papers in ${generateMs} ms; storing them…`);

  const { store } = await openStore({ dataDir: config.DATA_DIR, logger, kind: 'bench' });
  const papersMs = await writePapers(store, entries);
  console.log(`  papers + FTS: ${papersMs.total} ms; embedding with the hash embedder…`);
  const hash = createHashEmbedder(dimension);
  const embedded = await writeEmbeddings(store, hash);
  console.log(`  embeddings: ${embedded.ms.storeTotal} ms in the store (+ ${embedded.ms.hash} ms hash embedder); building the HNSW graph…`);
  const vectorIndexMs = await buildVectorIndex(store, hash, config.DATA_DIR, logger);
  await store.close();

  const build: CorpusBuild = {
    generator: GENERATOR_VERSION,
    schema: SCHEMA_VERSION,
    textVersion: TEXT_VERSION,
    seed: CORPUS_SEED,
    dimension,
    papers,
    builtAt: new Date().toISOString(),
    loadAverage: { start: loadStart, end: loads() },
    generateMs,
    papersMs,
    embeddingsMs: embedded.ms,
    texts: embedded.texts,
    vectorIndexMs,
    ingestMs: Math.round(papersMs.total + embedded.ms.storeTotal + vectorIndexMs),
    ...(await storeSizes(config.DATA_DIR)),
  };
  await writeFile(`${dirs.buildFile}.tmp`, `${JSON.stringify(build, null, 2)}\n`);
  await rename(`${dirs.buildFile}.tmp`, dirs.buildFile);
  return build;
}
