import { mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contentHash, loadEmbeddings, saveEmbeddings, STORE_VERSION, storeDir, type PaperVectors } from '../../src/index/embedding-store.js';
import { DIMENSION, MODEL_ID, sharedEmbeddings } from './shared-vectors.js';

/** Ten real papers' vectors (document + every sentence) from the shared cache. */
let sample: Map<string, PaperVectors>;
let root: string;
let dir: string;

beforeAll(async () => {
  sample = new Map([...(await sharedEmbeddings())].slice(0, 10));
  root = await mkdtemp(path.join(os.tmpdir(), 'paperbot-store-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});
let run = 0;
beforeEach(async () => {
  dir = path.join(root, `store-${run++}`);
  await saveEmbeddings(dir, MODEL_ID, DIMENSION, sample);
});

const manifestPath = () => path.join(dir, 'manifest.json');
/** The fields of manifest.json these tests read or damage. */
interface Manifest {
  readonly vectorsFile: string;
  readonly vectorsSha256: string;
  readonly papers: { sentences: number }[];
  readonly [field: string]: unknown;
}
async function manifest(): Promise<Manifest> {
  return JSON.parse(await readFile(manifestPath(), 'utf8')) as Manifest;
}
async function vectorsPath(): Promise<string> {
  return path.join(dir, (await manifest()).vectorsFile);
}
async function reason(): Promise<string> {
  const load = await loadEmbeddings(dir, MODEL_ID, DIMENSION);
  expect(load.ok).toBe(false);
  return load.ok ? '' : load.reason;
}

describe('embedding store round trip', () => {
  it('GIVEN real vectors saved THEN loading gives back every paper, hash, addedAt and vector exactly, in order', async () => {
    const load = await loadEmbeddings(dir, MODEL_ID, DIMENSION);
    if (!load.ok) throw new Error(load.reason);
    expect([...load.embeddings.keys()]).toEqual([...sample.keys()]);
    for (const [id, saved] of sample) {
      const loaded = load.embeddings.get(id)!;
      expect(loaded.hash).toBe(saved.hash);
      expect(loaded.addedAt.toISOString()).toBe(saved.addedAt.toISOString());
      expect(loaded.document).toEqual(saved.document);
      expect(loaded.sentences).toHaveLength(saved.sentences.length);
      loaded.sentences.forEach((v, i) => expect(v).toEqual(saved.sentences[i]));
    }
  });

  it('GIVEN the store saved THEN the manifest is versioned and names a vectors file by its checksum', async () => {
    const m = await manifest();
    expect(m).toMatchObject({ version: STORE_VERSION, modelId: MODEL_ID, dimension: DIMENSION });
    expect(m.vectorsFile).toMatch(/^vectors-[0-9a-f]{16}\.f32$/);
    expect(m.vectorsFile).toBe(`vectors-${m.vectorsSha256.slice(0, 16)}.f32`);
  });

  it('GIVEN an empty store saved THEN it loads as an empty map', async () => {
    await saveEmbeddings(dir, MODEL_ID, DIMENSION, new Map());
    const load = await loadEmbeddings(dir, MODEL_ID, DIMENSION);
    expect(load.ok && load.embeddings.size).toBe(0);
  });

  it('GIVEN a second save with other papers THEN the old vectors file is removed and no temp files remain', async () => {
    const before = await vectorsPath();
    await saveEmbeddings(dir, MODEL_ID, DIMENSION, new Map([...sample].slice(0, 3)));
    const files = await readdir(dir);
    expect(files.filter((f) => f.endsWith('.f32'))).toEqual([path.basename(await vectorsPath())]);
    expect(files).not.toContain(path.basename(before));
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const load = await loadEmbeddings(dir, MODEL_ID, DIMENSION);
    expect(load.ok && load.embeddings.size).toBe(3);
  });
});

describe('embedding store damage is detected, never trusted', () => {
  it('GIVEN no store at all THEN the reason is "no cache yet"', async () => {
    expect(await loadEmbeddings(path.join(root, 'nothing-here'), MODEL_ID, DIMENSION)).toEqual({ ok: false, reason: 'no cache yet' });
  });

  it('GIVEN a truncated vectors file THEN it is reported as the wrong size', async () => {
    const file = await vectorsPath();
    const { size } = await stat(file);
    await truncate(file, size - 100);
    expect(await reason()).toMatch(/has the wrong size/);
  });

  it('GIVEN one flipped byte in the vectors file THEN it fails its checksum', async () => {
    const file = await vectorsPath();
    const bytes = await readFile(file);
    bytes[1234] = bytes[1234]! ^ 0xff;
    await writeFile(file, bytes);
    expect(await reason()).toMatch(/fails its checksum/);
  });

  it('GIVEN a manifest that is not JSON (cut in half) THEN it is reported as not valid JSON', async () => {
    const raw = await readFile(manifestPath(), 'utf8');
    await writeFile(manifestPath(), raw.slice(0, raw.length / 2));
    expect(await reason()).toBe('manifest.json is not valid JSON (truncated or corrupt)');
  });

  it('GIVEN a manifest of another version THEN it does not match the schema', async () => {
    await writeFile(manifestPath(), JSON.stringify({ ...(await manifest()), version: STORE_VERSION + 1 }));
    expect(await reason()).toBe(`manifest.json does not match schema v${STORE_VERSION}`);
  });

  it('GIVEN a manifest missing a field or with a path-like vectors file name THEN it does not match the schema', async () => {
    const original = await manifest();
    await writeFile(manifestPath(), JSON.stringify({ ...original, papers: undefined }));
    expect(await reason()).toMatch(/does not match schema/);
    await writeFile(manifestPath(), JSON.stringify({ ...original, vectorsFile: '../../etc/passwd' }));
    expect(await reason()).toMatch(/does not match schema/);
  });

  it('GIVEN a store written for another model THEN the reason names that model', async () => {
    expect(await loadEmbeddings(dir, 'Xenova/all-MiniLM-L6-v2', DIMENSION)).toEqual({ ok: false, reason: `cache is for model ${MODEL_ID}` });
  });

  it('GIVEN a model of another dimension THEN the mismatch is reported', async () => {
    expect(await loadEmbeddings(dir, MODEL_ID, 768)).toEqual({ ok: false, reason: 'cache has 384-d vectors, model has 768' });
  });

  it('GIVEN the vectors file deleted THEN it is reported missing', async () => {
    const file = await vectorsPath();
    await rm(file);
    expect(await reason()).toBe(`${path.basename(file)} is missing`);
  });

  it('GIVEN a manifest claiming one more sentence for a paper THEN the size check catches it', async () => {
    const m = await manifest();
    m.papers[0]!.sentences += 1;
    await writeFile(manifestPath(), JSON.stringify(m));
    expect(await reason()).toMatch(/has the wrong size/);
  });
});

describe('storeDir and contentHash', () => {
  it('GIVEN a model id with a slash THEN the store directory is a safe single folder under embeddings/', () => {
    expect(storeDir('/data', 'BAAI/bge-small-en-v1.5')).toBe(path.join('/data', 'embeddings', 'BAAI__bge-small-en-v1.5'));
    expect(path.basename(storeDir('/data', '../../escape'))).not.toContain('/');
    expect(path.dirname(storeDir('/data', '../../escape'))).toBe(path.join('/data', 'embeddings'));
  });

  it('GIVEN the same text THEN the hash is stable; another model, document or sentence split THEN it changes', () => {
    const base = contentHash(MODEL_ID, 'Title. Abstract one. Two.', ['Abstract one.', 'Two.']);
    expect(contentHash(MODEL_ID, 'Title. Abstract one. Two.', ['Abstract one.', 'Two.'])).toBe(base);
    expect(contentHash('other/model', 'Title. Abstract one. Two.', ['Abstract one.', 'Two.'])).not.toBe(base);
    expect(contentHash(MODEL_ID, 'Title. Abstract one! Two.', ['Abstract one.', 'Two.'])).not.toBe(base);
    expect(contentHash(MODEL_ID, 'Title. Abstract one. Two.', ['Abstract one. Two.'])).not.toBe(base);
  });
});
