/**
 * A damaged cache under DATA_DIR must never crash the engine nor change its
 * answers: whatever does not validate is rebuilt. Vector damage forces a
 * re-embed, so it runs on a three-paper corpus cut from the seeds; index damage
 * needs no re-embedding, so it runs on a copy of the full shared cache.
 */
import { cp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { loadEmbeddings, storeDir } from '../../src/index/embedding-store.js';
import { createEmbedder, createEngine } from '../../src/search/create-engine.js';
import type { RefreshableEngine, SearchResponse } from '../../src/search/engine-types.js';
import { splitSentences } from '../../src/search/sentences.js';
import {
  countingEmbedder,
  fixtureConfig,
  fixtureSeeds,
  FIRST_FILE,
  PAPER,
  removeTemps,
  tempDir,
  type CountingEmbedder,
} from '../search/fixture-seeds.js';
import { privateDataDir, testConfig } from '../support/test-engine.js';
import { DIMENSION, MODEL_ID } from './shared-vectors.js';

/** Re-embedding ~30 texts takes seconds, more when other jobs share the two cores: a guard, not a speed check. */
const RE_EMBED_TIMEOUT = 120_000;
const QUERIES = ['model merging', 'federated fine-tuning on resource-limited devices', 'face name alignment in captions'];

let embedder: CountingEmbedder;
let seedsDir: string;
let cleanDataDir: string;
let clean: RefreshableEngine;
let cleanAnswers: string[][];
/** How many texts a cold build of the small corpus embeds: each paper's whole text plus its sentences. */
let coldTexts: number;

/** The top results for each query, as ids in rank order. */
async function topIds(engine: RefreshableEngine, queries = QUERIES): Promise<string[][]> {
  const responses: SearchResponse[] = [];
  for (const query of queries) responses.push(await engine.about(query, { k: 10 }));
  return responses.map((r) => r.results.map((hit) => hit.id));
}

/** Warnings the engine logged while starting, as parsed pino lines. */
function capturingLogger(): { logger: ReturnType<typeof createLogger>; warnings: () => { msg: string; reason?: string }[] } {
  const lines: string[] = [];
  const logger = createLogger('warn', { write: (line: string) => void lines.push(line) });
  return { logger, warnings: () => lines.map((line) => JSON.parse(line) as { msg: string; reason?: string }) };
}

beforeAll(async () => {
  embedder = countingEmbedder(await createEmbedder(testConfig()));
  seedsDir = await fixtureSeeds(FIRST_FILE);
  cleanDataDir = await tempDir('data');
  clean = await createEngine(fixtureConfig(seedsDir, cleanDataDir), createLogger('silent'), { embedder });
  coldTexts = clean.papers.reduce((sum, paper) => sum + 1 + splitSentences(paper.abstract).length, 0);
  expect(embedder.documents).toHaveLength(coldTexts);
  cleanAnswers = await topIds(clean);
});
afterAll(removeTemps);

describe('GIVEN a clean cache for the three-paper corpus', () => {
  it('THEN the corpus and its answers are what the damage tests compare against', () => {
    expect(clean.papers.map((p) => p.id)).toEqual([PAPER.sfprompt, PAPER.twinMerging, PAPER.faceNaming]);
    expect(coldTexts).toBeGreaterThan(20);
    expect(cleanAnswers.map((ids) => ids[0])).toEqual([PAPER.twinMerging, PAPER.sfprompt, PAPER.faceNaming]);
  });

  it('THEN a restart embeds nothing and answers the same', async () => {
    embedder.reset();
    const again = await createEngine(fixtureConfig(seedsDir, cleanDataDir), createLogger('silent'), { embedder });
    expect(embedder.documents).toEqual([]);
    expect(await topIds(again)).toEqual(cleanAnswers);
  });
});

/** Paths inside a copy of the clean cache. */
interface Store {
  readonly dataDir: string;
  readonly dir: string;
  manifest(): Promise<Record<string, unknown> & { vectorsFile: string }>;
}

async function copyOfClean(): Promise<Store> {
  const dataDir = await tempDir('damaged');
  await cp(cleanDataDir, dataDir, { recursive: true });
  const dir = storeDir(dataDir, MODEL_ID);
  return {
    dataDir,
    dir,
    manifest: async () => JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown> & { vectorsFile: string },
  };
}

const writeManifest = (store: Store, value: unknown) => writeFile(path.join(store.dir, 'manifest.json'), JSON.stringify(value));

describe('damaged embedding cache: detected, re-embedded, same answers', () => {
  it.each<[string, RegExp, (store: Store) => Promise<void>]>([
    [
      'a truncated vectors file',
      /wrong size/,
      async (store) => {
        const file = path.join(store.dir, (await store.manifest()).vectorsFile);
        await truncate(file, (await stat(file)).size - 4 * DIMENSION);
      },
    ],
    [
      'a flipped byte in the vectors file',
      /fails its checksum/,
      async (store) => {
        const file = path.join(store.dir, (await store.manifest()).vectorsFile);
        const bytes = await readFile(file);
        bytes[100] = bytes[100]! ^ 0x40;
        await writeFile(file, bytes);
      },
    ],
    ['a manifest that is not JSON', /not valid JSON/, async (store) => writeFile(path.join(store.dir, 'manifest.json'), '{"version":1,"mod')],
    ['a manifest of another version', /does not match schema/, async (store) => writeManifest(store, { ...(await store.manifest()), version: 99 })],
    [
      'a manifest written for another model',
      /cache is for model Xenova\/all-MiniLM-L6-v2/,
      async (store) => writeManifest(store, { ...(await store.manifest()), modelId: 'Xenova/all-MiniLM-L6-v2' }),
    ],
    [
      'a manifest claiming another dimension',
      /cache has 768-d vectors, model has 384/,
      async (store) => writeManifest(store, { ...(await store.manifest()), dimension: 768 }),
    ],
    ['a missing vectors file', /is missing/, async (store) => rm(path.join(store.dir, (await store.manifest()).vectorsFile))],
  ])('GIVEN %s THEN the engine warns, re-embeds every paper and answers as the clean engine does', async (_name, reason, damage) => {
    const store = await copyOfClean();
    await damage(store);
    embedder.reset();
    const { logger, warnings } = capturingLogger();
    const engine = await createEngine(fixtureConfig(seedsDir, store.dataDir), logger, { embedder });

    expect(warnings()).toEqual([expect.objectContaining({ msg: 'embedding cache unusable: rebuilding it', reason: expect.stringMatching(reason) })]);
    expect(embedder.documents).toHaveLength(coldTexts);
    expect(engine.papers).toHaveLength(3);
    expect(await topIds(engine)).toEqual(cleanAnswers);
    // The cache was rewritten whole: valid again, one vectors file, no temp files.
    const reloaded = await loadEmbeddings(store.dir, MODEL_ID, DIMENSION);
    expect(reloaded.ok && [...reloaded.embeddings.keys()].sort()).toEqual(clean.papers.map((p) => p.id).sort());
    const files = await readdir(store.dir);
    expect(files.filter((f) => f.endsWith('.f32'))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, RE_EMBED_TIMEOUT);

  it('GIVEN the whole embeddings directory deleted THEN it is a cold start without a warning, and the same answers', async () => {
    const store = await copyOfClean();
    await rm(path.join(store.dataDir, 'embeddings'), { recursive: true });
    embedder.reset();
    const { logger, warnings } = capturingLogger();
    const engine = await createEngine(fixtureConfig(seedsDir, store.dataDir), logger, { embedder });
    expect(warnings()).toEqual([]);
    expect(embedder.documents).toHaveLength(coldTexts);
    expect(await topIds(engine)).toEqual(cleanAnswers);
  }, RE_EMBED_TIMEOUT);
});

describe('damaged vector index on the full corpus: rebuilt from cached vectors, nothing re-embedded', () => {
  const FULL_QUERIES = ['model merging', 'protein folding with AlphaFold', 'continual learning without rehearsal', 'SFPrompt'];
  let shared: RefreshableEngine;
  let sharedAnswers: string[][];
  beforeAll(async () => {
    embedder.reset();
    shared = await createEngine(testConfig(), createLogger('silent'), { embedder });
    expect(embedder.documents).toEqual([]);
    sharedAnswers = await topIds(shared, FULL_QUERIES);
    // similar() reads the HNSW graph alone: the most direct probe of a rebuilt index.
    sharedAnswers.push(shared.similar(PAPER.twinMerging, { k: 10 }).results.map((hit) => hit.id));
  });

  it.each<[string, (dir: string) => Promise<void>]>([
    ['papers.hnsw truncated', async (dir) => truncate(path.join(dir, 'papers.hnsw'), 1000)],
    [
      'papers.hnsw with a corrupt byte',
      async (dir) => {
        const file = path.join(dir, 'papers.hnsw');
        const bytes = await readFile(file);
        bytes[bytes.length - 50] = bytes[bytes.length - 50]! ^ 0xff;
        await writeFile(file, bytes);
      },
    ],
    ['papers.hnsw deleted', async (dir) => rm(path.join(dir, 'papers.hnsw'))],
    ['index.json not JSON', async (dir) => writeFile(path.join(dir, 'index.json'), 'not json at all')],
    [
      'index.json listing other papers than the graph holds',
      async (dir) => {
        const meta = JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8')) as { ids: string[] };
        await writeFile(path.join(dir, 'index.json'), JSON.stringify({ ...meta, ids: [...meta.ids].reverse() }));
      },
    ],
  ])('GIVEN %s THEN the engine starts, embeds nothing and answers exactly as the clean engine', async (_name, damage) => {
    const dataDir = await privateDataDir();
    try {
      const dir = storeDir(dataDir, MODEL_ID);
      await damage(dir);
      embedder.reset();
      const engine = await createEngine(testConfig({ DATA_DIR: dataDir }), createLogger('silent'), { embedder });
      expect(embedder.documents).toEqual([]);
      expect(engine.papers).toHaveLength(210);
      const answers = await topIds(engine, FULL_QUERIES);
      answers.push(engine.similar(PAPER.twinMerging, { k: 10 }).results.map((hit) => hit.id));
      expect(answers).toEqual(sharedAnswers);
      // The rebuilt graph was saved with a matching index.json.
      const meta = JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8')) as { ids: string[] };
      expect(meta.ids).toEqual(engine.papers.map((p) => p.id));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
