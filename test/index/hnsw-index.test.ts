import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosine, type Vector } from '../../src/embedding/embedder.js';
import { createHnswIndex, loadHnswIndex } from '../../src/index/hnsw-index.js';
import type { VectorIndex } from '../../src/index/vector-index.js';
import { DIMENSION, sharedDocumentVectors } from './shared-vectors.js';

/** The 210 real paper vectors, label = position. */
let vectors: Vector[];
let index: VectorIndex;
let tmp: string;

beforeAll(async () => {
  vectors = [...sharedDocumentVectors().values()];
  // Capacity 1 (the minimum is 1,024) forces the index to grow while the papers are added.
  index = createHnswIndex(DIMENSION, 1);
  vectors.forEach((vector, label) => index.add(label, vector));
  tmp = await mkdtemp(path.join(os.tmpdir(), 'paperbot-hnsw-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Exact top-k by brute force: the oracle for the approximate index. */
function bruteForce(query: Vector, k: number, accept: (label: number) => boolean = () => true): number[] {
  return vectors
    .map((v, label) => ({ label, similarity: cosine(query, v) }))
    .filter((n) => accept(n.label))
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, k)
    .map((n) => n.label);
}

describe('HNSW index over the real paper vectors', () => {
  it('GIVEN 210 vectors added beyond the initial capacity THEN every one is stored', () => {
    expect(vectors).toHaveLength(210);
    expect(index.size).toBe(210);
    expect(index.dimension).toBe(DIMENSION);
  });

  it('GIVEN a paper vector as the query THEN the paper itself comes first with similarity ≈ 1', () => {
    for (const label of [0, 57, 209]) {
      const [first] = index.search(vectors[label]!, 1);
      expect(first?.label).toBe(label);
      expect(first?.similarity).toBeCloseTo(1, 4);
    }
  });

  it('GIVEN a query THEN neighbours come best first, each with its true cosine similarity', () => {
    const query = vectors[10]!;
    const found = index.search(query, 20);
    expect(found).toHaveLength(20);
    const sims = found.map((n) => n.similarity);
    expect(sims).toEqual([...sims].sort((a, b) => b - a));
    for (const n of found) expect(n.similarity).toBeCloseTo(cosine(query, vectors[n.label]!), 4);
  });

  it('GIVEN every paper as a query THEN the top 10 are the exact top 10 (recall 1 on this corpus size)', () => {
    const misses = vectors.filter((query) => {
      const found = index.search(query, 10).map((n) => n.label);
      return found.join() !== bruteForce(query, 10).join();
    });
    expect(misses).toHaveLength(0);
  });

  it('GIVEN a filter THEN only accepted labels are returned, and k counts accepted labels only', () => {
    const even = (label: number) => label % 2 === 0;
    const query = vectors[3]!; // an odd label: the query paper itself is filtered out
    const found = index.search(query, 5, even);
    expect(found).toHaveLength(5);
    expect(found.every((n) => even(n.label))).toBe(true);
    expect(found.map((n) => n.label)).toEqual(bruteForce(query, 5, even));
  });

  it('GIVEN a filter that accepts 3 labels THEN at most those 3 come back, however large k is', () => {
    const accepted = new Set([5, 100, 200]);
    const found = index.search(vectors[0]!, 50, (label) => accepted.has(label));
    expect(found.map((n) => n.label).sort((a, b) => a - b)).toEqual([5, 100, 200]);
  });

  it('GIVEN k larger than the index, zero or negative THEN it returns everything, or nothing', () => {
    expect(index.search(vectors[0]!, 1000)).toHaveLength(210);
    expect(index.search(vectors[0]!, 0)).toEqual([]);
    expect(index.search(vectors[0]!, -1)).toEqual([]);
  });

  it('GIVEN an empty index THEN a search finds nothing', () => {
    expect(createHnswIndex(DIMENSION, 10).search(vectors[0]!, 5)).toEqual([]);
  });

  it('GIVEN a vector of the wrong dimension THEN add throws a RangeError and the index is unchanged', () => {
    const small = createHnswIndex(DIMENSION, 4);
    expect(() => small.add(0, new Float32Array(383))).toThrow(RangeError);
    expect(() => small.add(0, new Float32Array(383))).toThrow(`Vector has 383 dimensions, the index ${DIMENSION}`);
    expect(small.size).toBe(0);
  });

  it('GIVEN the index saved and loaded THEN the loaded one answers every query exactly like the original', async () => {
    const file = path.join(tmp, 'papers.hnsw');
    await index.save(file);
    const loaded = await loadHnswIndex(file, DIMENSION);
    expect(loaded.size).toBe(210);
    for (const label of [0, 33, 150, 209]) {
      expect(loaded.search(vectors[label]!, 10)).toEqual(index.search(vectors[label]!, 10));
    }
    // And it still grows after loading.
    loaded.add(210, vectors[0]!);
    expect(loaded.size).toBe(211);
  });

  it('GIVEN a label removed THEN it is never returned, size and labels drop it, and adding it again brings it back (replaced)', () => {
    const copy = createHnswIndex(DIMENSION, 210);
    vectors.forEach((vector, label) => copy.add(label, vector));
    copy.remove(57);
    copy.remove(57);
    copy.remove(9999);
    expect(copy.size).toBe(209);
    expect(copy.has(57)).toBe(false);
    expect(copy.labels()).not.toContain(57);
    expect(copy.search(vectors[57]!, 210).map((n) => n.label)).not.toContain(57);
    expect(copy.vector(57)).toBeUndefined();
    copy.add(57, vectors[58]!);
    expect(copy.size).toBe(210);
    expect(copy.search(vectors[58]!, 2).map((n) => n.label).sort((a, b) => a - b)).toEqual([57, 58]);
  });

  it('GIVEN a label added again with another vector THEN the vector is replaced in place, not added twice', () => {
    const copy = createHnswIndex(DIMENSION, 10);
    copy.add(1, vectors[0]!);
    copy.add(1, vectors[100]!);
    expect(copy.size).toBe(1);
    expect(cosine(copy.vector(1)!, vectors[100]!)).toBeCloseTo(1, 5);
  });

  it('GIVEN a file saved with deletions THEN loading with its deleted labels leaves them out', async () => {
    const copy = createHnswIndex(DIMENSION, 210);
    vectors.forEach((vector, label) => copy.add(label, vector));
    copy.remove(3);
    const file = path.join(tmp, 'deleted.hnsw');
    await copy.save(file);
    const loaded = await loadHnswIndex(file, DIMENSION, [3]);
    expect(loaded.size).toBe(209);
    expect(loaded.has(3)).toBe(false);
    expect(loaded.search(vectors[3]!, 209).map((n) => n.label)).not.toContain(3);
  });

  it('GIVEN the same vectors added in the same order twice THEN both graphs give identical results (fixed seed)', () => {
    const again = createHnswIndex(DIMENSION, 210);
    vectors.forEach((vector, label) => again.add(label, vector));
    for (const label of [1, 99, 208]) expect(again.search(vectors[label]!, 10)).toEqual(index.search(vectors[label]!, 10));
  });
});
