import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DB_FILE } from '../../src/store/data-dir.js';
import { paperId } from '../../src/corpus/paper-id.js';
import { NO_FILTER } from '../../src/search/catalog.js';
import { paperWrite } from '../../src/search/paper-texts.js';
import { entry, fileChange, NOW, openTempStore } from './store-fixture.js';

const A = entry('Twin Merging of Language Models', 3);
const B = entry('Split Learning on Phones', 7, { codeLinks: ['https://github.com/x/split'] });
const C = entry('Sparse Attention Kernels', 11);

describe('papers in the store', () => {
  it('GIVEN a new dump THEN its papers are inserted with labels in file order, their sources and dump record kept', async () => {
    const { store } = await openTempStore();
    const result = await store.papers.apply(fileChange('a.txt', [A, B]));
    expect(result.added.map((p) => p.title)).toEqual([A.title, B.title]);
    expect(result.added.map((p) => p.label)).toEqual([1, 2]);
    expect(await store.papers.count()).toBe(2);
    const stored = await store.papers.get(paperId(B.title));
    expect(stored).toMatchObject({ title: B.title, abstract: B.abstract, codeLinks: B.codeLinks, sources: [{ file: 'a.txt', line: 7 }], addedAt: NOW });
    expect((await store.papers.sourcesOf([paperId(A.title)])).map((s) => s.entry)).toEqual([A]);
    expect((await store.papers.dumpFiles()).map((f) => f.name)).toEqual(['a.txt']);
  });

  it('GIVEN the same change applied again THEN nothing is reported added or updated (no rewrite)', async () => {
    const { store } = await openTempStore();
    await store.papers.apply(fileChange('a.txt', [A, B]));
    const again = await store.papers.apply(fileChange('a.txt', [A, B], [], new Date('2026-06-01T00:00:00Z')));
    expect(again).toEqual({ added: [], updated: [], removed: [] });
    expect((await store.papers.get(paperId(A.title)))?.addedAt).toEqual(NOW);
  });

  it('GIVEN a paper whose text changed THEN it is updated in place: same label, first addedAt, new text hash', async () => {
    const { store } = await openTempStore();
    const [before] = (await store.papers.apply(fileChange('a.txt', [A]))).added;
    const changed = { ...A, abstract: `${A.abstract} A new sentence was added to this abstract.` };
    const { updated } = await store.papers.apply(fileChange('a.txt', [changed], [], new Date('2026-06-01T00:00:00Z')));
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({ label: before!.label, addedAt: NOW, abstract: changed.abstract });
    expect(updated[0]!.textHash).not.toBe(before!.textHash);
  });

  // Labels key the vector index: a label reused for another paper would return the wrong paper for a stored vector.
  it('GIVEN a paper removed and another added THEN the new one gets a new label, never the removed one', async () => {
    const { store } = await openTempStore();
    await store.papers.apply(fileChange('a.txt', [A, B]));
    const { removed } = await store.papers.apply(fileChange('a.txt', [A], [paperId(B.title)]));
    expect(removed).toEqual([{ id: paperId(B.title), label: 2 }]);
    const { added } = await store.papers.apply(fileChange('a.txt', [A, C]));
    expect(added.map((p) => p.label)).toEqual([3]);
    expect(await store.papers.get(paperId(B.title))).toBeUndefined();
    expect(await store.papers.sourcesOf([paperId(B.title)])).toEqual([]);
  });

  it('GIVEN papers THEN the lexical index follows inserts, updates and removals in the same transaction', async () => {
    const { store } = await openTempStore();
    await store.papers.apply(fileChange('a.txt', [A, B]));
    const labelsFor = async (term: string) => (await store.lexical.search([term], NO_FILTER, 10)).map((hit) => hit.label);
    expect(await labelsFor('split')).toEqual([2]);
    await store.papers.apply(fileChange('a.txt', [A, { ...B, title: 'Federated Learning on Phones', abstract: 'Phones learn together.' }], [paperId(B.title)]));
    expect(await labelsFor('split')).toEqual([]);
    expect(await labelsFor('feder')).toEqual([3]);
  });

  // fts5vocab reads a term's whole posting list to count it: the counts are cached, and must follow every change.
  it('regression: document frequencies are cached, yet follow a change of this process and of another connection', async () => {
    const { store, dataDir } = await openTempStore();
    await store.papers.apply(fileChange('a.txt', [A, B]));
    const phones = async () => (await store.lexical.documentFrequencies(['phone', 'split', 'nowher'])).get('phone');
    expect(await phones()).toBe(1);
    expect([...(await store.lexical.documentFrequencies(['split', 'nowher', 'split'])).entries()]).toEqual([['split', 1], ['nowher', 0]]);
    await store.papers.apply(fileChange('b.txt', [entry('More Phones for Everyone', 5)]));
    expect(await phones()).toBe(2);
    const other = new Database(path.join(dataDir, DB_FILE));
    other.prepare("DELETE FROM papers_fts WHERE rowid = (SELECT label FROM papers WHERE title = 'More Phones for Everyone')").run();
    other.close();
    expect(await phones()).toBe(1);
  });

  // FTS5 (contentless_delete) never takes a deleted row out of its document count: rewriting unchanged rows on every
  // upvote update inflated BM25's N (427 rows counted for 210 papers after one text-version rewrite).
  it('regression: the lexical index counts each paper once after metadata-only updates and a rewrite of every text', async () => {
    const { store, dataDir } = await openTempStore();
    const counted = (): number => {
      const db = new Database(path.join(dataDir, DB_FILE), { readonly: true });
      try {
        const block = (db.prepare('SELECT block FROM papers_fts_data WHERE id = 1').get() as { block: Buffer }).block;
        // The averages record starts with the document count, an SQLite varint.
        let n = 0;
        for (const byte of block) {
          n = n * 128 + (byte & 0x7f);
          if (byte < 0x80) break;
        }
        return n;
      } finally {
        db.close();
      }
    };
    await store.papers.apply(fileChange('a.txt', [A, B, C]));
    expect(counted()).toBe(3);
    for (const upvotes of [5, 6, 7]) await store.papers.apply(fileChange('a.txt', [{ ...A, upvotes }, B, C]));
    expect(counted()).toBe(3);
    await store.papers.apply(fileChange('a.txt', [A, { ...B, abstract: 'Phones split the work between them.' }, C]));
    expect(await store.papers.rewriteTexts((paper) => paperWrite(paper))).toBe(3);
    expect(counted()).toBe(3);
    expect((await store.lexical.search(['phone'], NO_FILTER, 10)).map((hit) => hit.label)).toEqual([2]);
  });

  it('GIVEN summaries() THEN every paper without its abstract, in label order; summariesAfter(n) only the newer ones', async () => {
    const { store } = await openTempStore();
    await store.papers.apply(fileChange('a.txt', [A, B, C]));
    const summaries = await store.papers.summaries();
    expect(summaries.map((s) => s.label)).toEqual([1, 2, 3]);
    expect(summaries[0]).not.toHaveProperty('abstract');
    expect((await store.papers.summariesAfter(2)).map((s) => s.title)).toEqual([C.title]);
  });

  it('GIVEN getMany with unknown and repeated ids THEN the known ones come back in the order asked', async () => {
    const { store } = await openTempStore();
    await store.papers.apply(fileChange('a.txt', [A, B, C]));
    const ids = [paperId(C.title), 'ffffffffffff', paperId(A.title)];
    expect((await store.papers.getMany(ids)).map((p) => p.title)).toEqual([C.title, A.title]);
  });

  it('GIVEN keepEarlierAddedAt THEN addedAt only ever moves back', async () => {
    const { store } = await openTempStore();
    await store.papers.apply(fileChange('a.txt', [A]));
    const id = paperId(A.title);
    await store.papers.keepEarlierAddedAt(id, new Date('2026-09-01T00:00:00Z'));
    expect((await store.papers.get(id))?.addedAt).toEqual(NOW);
    await store.papers.keepEarlierAddedAt(id, new Date('2025-01-01T00:00:00Z'));
    expect((await store.papers.get(id))?.addedAt).toEqual(new Date('2025-01-01T00:00:00Z'));
  });
});
