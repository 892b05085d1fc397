/**
 * The real bundled model (int8 bge-small-en-v1.5) against the fp32 reference
 * embeddings made by scripts/make-model.sh, plus the pooling, normalisation and
 * query-instruction choices the engine depends on.
 */
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline } from '@xenova/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosine, type Embedder, type Vector } from '../../src/embedding/embedder.js';
import { modelProfile } from '../../src/embedding/model-profiles.js';
import { createTransformersEmbedder, isBundledModel } from '../../src/embedding/transformers-embedder.js';
import { createWorkerEmbedder } from '../../src/embedding/worker-embedder.js';
import { silentLogger } from '../../src/logger.js';
import { REPO_ROOT, testConfig } from '../support/test-engine.js';

interface Reference {
  readonly model: string;
  readonly pooling: string;
  readonly texts: readonly string[];
  readonly fp32: readonly (readonly number[])[];
}

const reference = JSON.parse(readFileSync(path.join(REPO_ROOT, 'test/fixtures/embedding-reference.json'), 'utf8')) as Reference;
const MODEL_ID = 'BAAI/bge-small-en-v1.5';
const MODELS_DIR = path.join(REPO_ROOT, 'models');
const INSTRUCTION = 'Represent this sentence for searching relevant passages: ';

const norm = (v: ArrayLike<number>): number => Math.sqrt(Array.from(v).reduce((sum, x) => sum + x * x, 0));
const unit = (v: ArrayLike<number>): Vector => {
  const n = norm(v);
  return Float32Array.from(Array.from(v), (x) => x / n);
};

let embedder: Embedder;
/** The reference texts embedded in one call (the slow part: one of them is 512 tokens long). */
let referenceVectors: Vector[];
/** The model in this thread: the pooling tests compare it with transformers.js's own pipeline, set up the same way. */
const inProcess = (queryInstruction = true) =>
  createTransformersEmbedder({ modelId: MODEL_ID, modelsDir: MODELS_DIR, cacheDir: path.join(testConfig().DATA_DIR, 'models'), queryInstruction });
beforeAll(async () => {
  embedder = await inProcess();
  referenceVectors = await embedder.embedDocuments(reference.texts);
});

describe('the bundled model', () => {
  it('GIVEN the repository THEN bge-small-en-v1.5 is bundled and the reference fixture is for it, with CLS pooling', () => {
    expect(isBundledModel(MODELS_DIR, MODEL_ID)).toBe(true);
    expect(reference.model).toBe(MODEL_ID);
    expect(reference.pooling).toBe('cls');
    expect(modelProfile(MODEL_ID)).toEqual({ pooling: 'cls', queryInstruction: INSTRUCTION });
    expect(reference.texts).toHaveLength(10);
  });

  it('GIVEN the configured model THEN the embedder reports its id and 384 dimensions', () => {
    expect(embedder.modelId).toBe(MODEL_ID);
    expect(embedder.dimension).toBe(384);
  });

  it('GIVEN the 10 reference texts embedded in one call THEN every int8 vector has cosine ≥ 0.99 with its fp32 reference, in input order', async () => {
    const vectors = referenceVectors;
    expect(vectors).toHaveLength(reference.texts.length);
    const cosines = vectors.map((v, i) => cosine(v, Float32Array.from(reference.fp32[i]!)));
    for (const [i, c] of cosines.entries()) expect(c, `text ${i}: ${reference.texts[i]!.slice(0, 40)}`).toBeGreaterThanOrEqual(0.99);
    // And each vector is nearer its own reference than any other text's: the batch was not re-ordered.
    for (const [i, v] of vectors.entries()) {
      const best = reference.fp32.map((r, j) => ({ j, c: cosine(v, Float32Array.from(r)) })).sort((a, b) => b.c - a.c)[0];
      expect(best?.j).toBe(i);
    }
  });

  it('GIVEN any text THEN its vector is 384-d, finite and unit length (normalised)', async () => {
    const vectors = [...referenceVectors, ...(await embedder.embedDocuments(['x', '🤖', ' ']))];
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v).toHaveLength(384);
      expect(v.every(Number.isFinite)).toBe(true);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    expect(norm(await embedder.embedQuery('model merging'))).toBeCloseTo(1, 5);
  });

  it('GIVEN no texts THEN no vectors and no progress report', async () => {
    const calls: [number, number][] = [];
    expect(await embedder.embedDocuments([], { onProgress: (done, total) => calls.push([done, total]) })).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('GIVEN 40 texts THEN progress is reported after each batch of 16, ending at the total', async () => {
    const calls: [number, number][] = [];
    const texts = Array.from({ length: 40 }, (_, i) => `federated fine-tuning, sentence ${i}`);
    await embedder.embedDocuments(texts, { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual([
      [16, 40],
      [32, 40],
      [40, 40],
    ]);
  });

  it('GIVEN "model merging" THEN it is nearer the model-merging abstract than the deep-functional-maps one (it is bge)', async () => {
    const query = await embedder.embedQuery('model merging');
    const [merging, maps] = [referenceVectors[3]!, referenceVectors[4]!];
    expect(cosine(query, merging!)).toBeGreaterThan(0.75);
    expect(cosine(query, merging!) - cosine(query, maps!)).toBeGreaterThan(0.08);
  });
});

describe('pooling: the embedding is the [CLS] state, not the mean of tokens', () => {
  let extractor: FeatureExtractionPipeline;
  beforeAll(async () => {
    // The embedder set transformers.js's process-wide env to the bundled, offline model.
    extractor = await pipeline('feature-extraction', MODEL_ID, { quantized: true });
  });

  const text = reference.texts[3]!;

  it('GIVEN an abstract THEN the embedder equals pipeline CLS pooling and the normalised first token of the raw output', async () => {
    const [ours] = await embedder.embedDocuments([text]);
    const cls = await extractor([text], { pooling: 'cls', normalize: true });
    expect(cosine(ours!, cls.data as Float32Array)).toBeGreaterThan(0.99999);
    const raw = await extractor([text], { pooling: 'none' });
    const [, tokens, width] = raw.dims as [number, number, number];
    expect(tokens).toBeGreaterThan(1);
    const firstToken = unit((raw.data as Float32Array).slice(0, width));
    expect(cosine(ours!, firstToken)).toBeGreaterThan(0.99999);
  });

  it('GIVEN the same abstract THEN mean pooling gives a clearly different vector', async () => {
    const [ours] = await embedder.embedDocuments([text]);
    const mean = await extractor([text], { pooling: 'mean', normalize: true });
    expect(cosine(ours!, mean.data as Float32Array)).toBeLessThan(0.98);
    // Mean pooling is also further from the fp32 CLS reference than our vector is.
    const fp32 = Float32Array.from(reference.fp32[3]!);
    expect(cosine(mean.data as Float32Array, fp32)).toBeLessThan(cosine(ours!, fp32) - 0.02);
  });
});

describe('the query instruction', () => {
  const query = 'federated fine-tuning on resource-limited devices';

  it('GIVEN a query THEN embedQuery(text) is the passage embedding of instruction + text, not of the text alone', async () => {
    const asQuery = await embedder.embedQuery(query);
    const [withInstruction, bare] = [(await embedder.embedDocuments([INSTRUCTION + query]))[0]!, (await embedder.embedDocuments([query]))[0]!];
    expect(cosine(asQuery, withInstruction)).toBeGreaterThan(0.9999);
    expect(cosine(asQuery, bare)).toBeLessThan(0.98);
  });

  it('GIVEN queryInstruction turned off THEN embedQuery(text) is the bare text embedding', async () => {
    const plain = await inProcess(false);
    const [bare] = await embedder.embedDocuments([query]);
    expect(cosine(await plain.embedQuery(query), bare!)).toBeGreaterThan(0.9999);
  });
});

describe('a model that cannot be loaded', () => {
  let modelsDir: string;
  const remoteHost = env.remoteHost;
  beforeAll(async () => {
    modelsDir = await mkdtemp(path.join(os.tmpdir(), 'paperbot-models-'));
    // A model directory with a config but no weights or tokenizer: "bundled", yet broken.
    await mkdir(path.join(modelsDir, 'acme', 'broken'), { recursive: true });
    await copyFile(path.join(MODELS_DIR, MODEL_ID, 'config.json'), path.join(modelsDir, 'acme', 'broken', 'config.json'));
    // A model that is not bundled is fetched from the hub. Point the hub at a closed local port so the
    // test fails fast and the same way with or without internet.
    env.remoteHost = 'http://127.0.0.1:9/';
  });
  afterAll(async () => {
    env.remoteHost = remoteHost;
    await rm(modelsDir, { recursive: true, force: true });
  });

  it('GIVEN a model id not bundled under MODELS_DIR and an unreachable hub THEN loading fails naming the model and the directory', async () => {
    const loading = createTransformersEmbedder({ modelId: 'acme/not-a-model', modelsDir, cacheDir: path.join(modelsDir, 'cache') });
    await expect(loading).rejects.toThrow(
      `Cannot load embedding model acme/not-a-model: it is not bundled under ${modelsDir} and could not be fetched from the Hugging Face hub`,
    );
  });

  it('GIVEN the same in the embed worker THEN the worker reports the load failure and the embedder rejects with it', async () => {
    const loading = createWorkerEmbedder(
      { modelId: 'acme/not-a-model', modelsDir, cacheDir: path.join(modelsDir, 'cache'), remoteHost: 'http://127.0.0.1:9/' },
      silentLogger,
    );
    await expect(loading).rejects.toThrow(/Cannot load embedding model acme\/not-a-model: it is not bundled/);
  });

  it('GIVEN a bundled model directory with files missing THEN loading fails offline, naming the model and its directory', async () => {
    const loading = createTransformersEmbedder({ modelId: 'acme/broken', modelsDir, cacheDir: path.join(modelsDir, 'cache') });
    await expect(loading).rejects.toThrow(/Cannot load embedding model acme\/broken/);
    await expect(
      createTransformersEmbedder({ modelId: 'acme/broken', modelsDir, cacheDir: path.join(modelsDir, 'cache') }),
    ).rejects.toThrow(path.join(modelsDir, 'acme', 'broken'));
  });

  // The message reads "…model acme/brokenfrom /tmp/…": the bundled branch lacks a space before "from".
  it('regression: the "cannot load a bundled model" message has a space between the model id and "from"', async () => {
    await expect(
      createTransformersEmbedder({ modelId: 'acme/broken', modelsDir, cacheDir: path.join(modelsDir, 'cache') }),
    ).rejects.toThrow(`Cannot load embedding model acme/broken from ${path.join(modelsDir, 'acme', 'broken')}`);
  });
});
