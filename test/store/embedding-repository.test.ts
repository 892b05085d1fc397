import { describe, expect, it } from 'vitest';
import { paperId } from '../../src/corpus/paper-id.js';
import type { PaperVectors } from '../../src/store/store.js';
import { damageStore, entry, fileChange, openTempStore } from './store-fixture.js';

const MODEL = 'test/model';
const A = entry('Twin Merging of Language Models', 3);
const B = entry('Split Learning on Phones', 7);

function vectors(seed: number, sentences = 2): PaperVectors {
  const unit = (k: number) => {
    const v = Float32Array.from({ length: 8 }, (_, i) => Math.sin(seed * 13 + k * 7 + i));
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  };
  return { document: unit(0), sentences: Array.from({ length: sentences }, (_, k) => unit(k + 1)) };
}

async function seeded(dataDir?: string) {
  const opened = await openTempStore(dataDir);
  await opened.store.papers.apply(fileChange('a.txt', [A, B]));
  const [a, b] = await opened.store.papers.getMany([paperId(A.title), paperId(B.title)]);
  return { ...opened, a: a!, b: b! };
}

describe('embeddings in the store', () => {
  it('GIVEN papers without vectors THEN both are pending, in label order, with their texts', async () => {
    const { store, a, b } = await seeded();
    expect(await store.embeddings.pendingCount(MODEL)).toBe(2);
    expect(await store.embeddings.pending(MODEL, 0, 10)).toEqual([
      { paperId: a.id, label: a.label, textHash: a.textHash, title: a.title, abstract: a.abstract },
      { paperId: b.id, label: b.label, textHash: b.textHash, title: b.title, abstract: b.abstract },
    ]);
    expect((await store.embeddings.pending(MODEL, a.label, 10)).map((j) => j.paperId)).toEqual([b.id]);
  });

  it('GIVEN vectors saved THEN they read back (documents exact, sentences within int8 error) and nothing is pending', async () => {
    const { store, a, b } = await seeded();
    const va = vectors(1);
    expect(await store.embeddings.save(MODEL, [{ paperId: a.id, textHash: a.textHash, vectors: va }, { paperId: b.id, textHash: b.textHash, vectors: vectors(2, 0) }])).toBe(2);
    expect(await store.embeddings.pendingCount(MODEL)).toBe(0);
    expect(await store.embeddings.count(MODEL)).toBe(2);
    expect(await store.embeddings.document(MODEL, a.id)).toEqual(va.document);
    const sentences = (await store.embeddings.sentences(MODEL, [a.id, b.id])).get(a.id)!;
    expect(sentences).toHaveLength(2);
    sentences.forEach((s, i) => s.forEach((x, j) => expect(Math.abs(x - va.sentences[i]![j]!)).toBeLessThan(0.01)));
    expect((await store.embeddings.sentences(MODEL, [b.id])).get(b.id)).toEqual([]);
    expect(await store.embeddings.count('other/model')).toBe(0);
  });

  it('GIVEN vectors embedded from texts that changed meanwhile THEN they are not written', async () => {
    const { store, a } = await seeded();
    expect(await store.embeddings.save(MODEL, [{ paperId: a.id, textHash: 'stale'.padEnd(64, '0'), vectors: vectors(1) }])).toBe(0);
    expect(await store.embeddings.count(MODEL)).toBe(0);
  });

  it('GIVEN a paper whose text changed after it was embedded THEN it is pending again, keeps its document vector, and its sentence vectors no longer count', async () => {
    const { store, a } = await seeded();
    await store.embeddings.save(MODEL, [{ paperId: a.id, textHash: a.textHash, vectors: vectors(1) }]);
    await store.papers.apply(fileChange('a.txt', [{ ...A, abstract: 'A different abstract. It has two sentences now.' }, B]));
    expect((await store.embeddings.pending(MODEL, 0, 10)).map((j) => j.paperId)).toContain(a.id);
    expect(await store.embeddings.count(MODEL)).toBe(0);
    expect(await store.embeddings.document(MODEL, a.id)).toBeDefined();
    expect((await store.embeddings.sentences(MODEL, [a.id])).has(a.id)).toBe(false);
    expect(Array.from(await store.embeddings.labels(MODEL))).toEqual([a.label]);
  });

  it('GIVEN writes over time THEN each takes the next seq, and documentsSince returns exactly the later ones', async () => {
    const { store, a, b } = await seeded();
    await store.embeddings.save(MODEL, [{ paperId: a.id, textHash: a.textHash, vectors: vectors(1) }]);
    const after = await store.embeddings.lastSeq(MODEL);
    await store.embeddings.save(MODEL, [{ paperId: b.id, textHash: b.textHash, vectors: vectors(2) }]);
    const since = await store.embeddings.documentsSince(MODEL, after, 10);
    expect(since.map((v) => [v.label, v.seq])).toEqual([[b.label, after + 1]]);
    // Re-embedding a paper moves it past every earlier write.
    await store.embeddings.save(MODEL, [{ paperId: a.id, textHash: a.textHash, vectors: vectors(3) }]);
    expect((await store.embeddings.documentsSince(MODEL, after + 1, 10)).map((v) => v.label)).toEqual([a.label]);
  });

  it('GIVEN a removed paper THEN its vectors go with it', async () => {
    const { store, a, b } = await seeded();
    await store.embeddings.save(MODEL, [{ paperId: a.id, textHash: a.textHash, vectors: vectors(1) }, { paperId: b.id, textHash: b.textHash, vectors: vectors(2) }]);
    await store.papers.apply(fileChange('a.txt', [A], [b.id]));
    expect(Array.from(await store.embeddings.labels(MODEL))).toEqual([a.label]);
    expect(await store.embeddings.document(MODEL, b.id)).toBeUndefined();
  });

  it('regression: removing the paper embedded last never lets its seq be given again (a saved graph would miss the next write)', async () => {
    const { store, a, b } = await seeded();
    await store.embeddings.save(MODEL, [{ paperId: a.id, textHash: a.textHash, vectors: vectors(1) }]);
    await store.embeddings.save(MODEL, [{ paperId: b.id, textHash: b.textHash, vectors: vectors(2) }]);
    const seen = await store.embeddings.lastSeq(MODEL);
    await store.papers.apply(fileChange('a.txt', [A], [b.id]));
    expect(await store.embeddings.lastSeq(MODEL)).toBe(seen);
    await store.embeddings.save(MODEL, [{ paperId: a.id, textHash: a.textHash, vectors: vectors(3) }]);
    expect((await store.embeddings.documentsSince(MODEL, seen, 10)).map((v) => [v.label, v.seq])).toEqual([[a.label, seen + 1]]);
  });

  it('regression: vector BLOBs damaged on disk are deleted when met, and their papers are pending again instead of failing every read', async () => {
    const first = await seeded();
    await first.store.embeddings.save(MODEL, [{ paperId: first.a.id, textHash: first.a.textHash, vectors: vectors(1) }, { paperId: first.b.id, textHash: first.b.textHash, vectors: vectors(2) }]);
    await damageStore(first, `UPDATE embeddings SET document = x'0102', sentences = x'03' WHERE paper_id = '${first.a.id}'`);
    const { store, a, b } = await seeded(first.dataDir);
    expect((await store.embeddings.documentsSince(MODEL, 0, 10)).map((v) => v.label)).toEqual([b.label]);
    expect(await store.embeddings.document(MODEL, a.id)).toBeUndefined();
    expect((await store.embeddings.pending(MODEL, 0, 10)).map((j) => j.paperId)).toEqual([a.id]);
    expect((await store.embeddings.sentences(MODEL, [a.id, b.id])).has(b.id)).toBe(true);
  });
});
