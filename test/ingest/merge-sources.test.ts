/**
 * One paper from dumps and feeds: fixed rules per field, whatever order the
 * sources arrived in; the id and the dump's title never change.
 */
import { describe, expect, it } from 'vitest';
import type { FetchedPaper } from '../../src/feeds/fetched-paper.js';
import { ingestFetched } from '../../src/ingest/ingest-fetched.js';
import { mergeSources, type FetchedRecord } from '../../src/ingest/merge-sources.js';
import { paperId } from '../../src/corpus/paper-id.js';
import { entry, fileChange, openTempStore } from '../store/store-fixture.js';

const TITLE = 'SFPrompt: Split Federated Fine-Tuning';
const dumpEntry = entry(TITLE, 5, { upvotes: 1, date: { year: null, month: 7, day: 24 }, codeLinks: ['https://github.com/a/b'] });

function feed(source: 'huggingface' | 'arxiv', fields: Partial<FetchedPaper> = {}): FetchedPaper {
  return {
    arxivId: '2407.16001', title: 'SFPrompt: Split Federated Fine-tuning', abstract: `${dumpEntry.abstract} The full abstract has one more sentence.`,
    authorNames: ['Linxiao Cao', 'Yifei Zhu'], publishedAt: '2024-07-23T17:59:59.000Z', dailyDate: '2024-07-24', upvotes: 9,
    aiSummary: 'Fine-tune big models on small devices.', aiKeywords: ['split learning', 'federated learning'], githubRepo: 'https://github.com/c/d',
    githubStars: 4, projectPage: 'https://sfprompt.example.org', organization: null, categories: [], source, ...fields,
  };
}
const record = (paper: FetchedPaper, fetchedAt = '2024-07-24T12:00:00.000Z'): FetchedRecord => ({ paper, fetchedAt });

describe('mergeSources', () => {
  it('GIVEN a dump entry and a Hugging Face record THEN the dump keeps the title and id, the feed enriches the rest', () => {
    const id = paperId(TITLE);
    const merged = mergeSources(id, [{ file: 'a.txt', entries: [dumpEntry] }], [record(feed('huggingface'))]);
    expect(merged).toMatchObject({
      id,
      title: TITLE,
      arxivId: '2407.16001',
      url: 'https://huggingface.co/papers/2407.16001',
      authorNames: ['Linxiao Cao', 'Yifei Zhu'],
      authors: 2,
      date: { year: 2024, month: 7, day: 23 },
      upvotes: 9,
      keywords: ['split learning', 'federated learning'],
      aiSummary: 'Fine-tune big models on small devices.',
      projectPage: 'https://sfprompt.example.org',
      dailyDate: '2024-07-24',
      sources: [{ file: 'a.txt', line: 5 }],
      feeds: [{ source: 'huggingface', fetchedAt: '2024-07-24T12:00:00.000Z' }],
    });
    expect(merged.abstract).toContain('one more sentence');
    expect(merged.codeLinks).toEqual(['https://github.com/a/b', 'https://github.com/c/d']);
  });

  it('GIVEN the same sources in any order THEN the same paper', () => {
    const dumps = [{ file: 'a.txt', entries: [dumpEntry] }];
    const hf = record(feed('huggingface'));
    const arxiv = record(feed('arxiv', { upvotes: null, aiKeywords: [], githubRepo: null, authorNames: ['L. Cao'] }));
    expect(mergeSources('x', dumps, [hf, arxiv])).toEqual(mergeSources('x', dumps, [arxiv, hf]));
  });

  it('GIVEN only an arXiv record THEN its title, the HF page URL and no upvotes', () => {
    const merged = mergeSources('y', [], [record(feed('arxiv', { upvotes: null }))]);
    expect(merged).toMatchObject({ title: 'SFPrompt: Split Federated Fine-tuning', upvotes: null, url: 'https://huggingface.co/papers/2407.16001', sources: [] });
  });

  it('GIVEN no source THEN it is a bug, said as such', () => {
    expect(() => mergeSources('z', [], [])).toThrow('paper z has no source');
  });
});

describe('ingestFetched', () => {
  it('GIVEN a paper known from a dump (same normalised title) THEN the fetched copy merges into it: same id, same label', async () => {
    const { store } = await openTempStore();
    const [dumpPaper] = (await store.papers.apply(fileChange('a.txt', [dumpEntry]))).added;
    const report = await ingestFetched(store, [record(feed('huggingface'))], { now: () => new Date() });
    expect(report.ids).toEqual([dumpPaper!.id]);
    const stored = await store.papers.get(dumpPaper!.id);
    expect(stored).toMatchObject({ label: dumpPaper!.label, arxivId: '2407.16001', title: TITLE });
    expect(await store.papers.count()).toBe(1);
  });

  it('GIVEN the same paper on two days THEN one paper, the first day kept, the latest upvotes', async () => {
    const { store } = await openTempStore();
    await ingestFetched(store, [record(feed('huggingface', { dailyDate: '2024-07-24', upvotes: 3 }), '2024-07-24T10:00:00.000Z')], { now: () => new Date() });
    const { ids } = await ingestFetched(store, [record(feed('huggingface', { dailyDate: '2024-07-25', upvotes: 17 }), '2024-07-25T10:00:00.000Z')], { now: () => new Date() });
    expect(await store.papers.count()).toBe(1);
    expect(await store.papers.get(ids[0]!)).toMatchObject({ dailyDate: '2024-07-24', upvotes: 17 });
  });

  it('GIVEN a paper retitled on arXiv THEN it stays the same paper (found by its arXiv id), keeping its id', async () => {
    const { store } = await openTempStore();
    const first = await ingestFetched(store, [record(feed('arxiv'))], { now: () => new Date() });
    const second = await ingestFetched(store, [record(feed('arxiv', { title: 'SFPrompt v2: A Retitled Paper' }), '2024-08-01T00:00:00.000Z')], { now: () => new Date() });
    expect(second.ids).toEqual(first.ids);
    expect(await store.papers.count()).toBe(1);
  });

  it('GIVEN two different arXiv papers with the same title THEN two papers, the second under an id of its own', async () => {
    const { store } = await openTempStore();
    const a = await ingestFetched(store, [record(feed('arxiv', { arxivId: '2407.00001', title: 'Attention Is All You Need' }))], { now: () => new Date() });
    const b = await ingestFetched(store, [record(feed('arxiv', { arxivId: '2407.00002', title: 'Attention Is All You Need' }))], { now: () => new Date() });
    expect(a.ids[0]).not.toBe(b.ids[0]);
    expect(await store.papers.count()).toBe(2);
  });

  it('regression: GIVEN two arXiv papers with one title in the same batch THEN two papers, each with its own abstract (the second took the first\'s id)', async () => {
    const { store } = await openTempStore();
    const a = feed('arxiv', { arxivId: '2407.19001', title: 'A Survey of Things', abstract: 'We survey wombats, their burrows and their tunnels in great depth.' });
    const b = feed('arxiv', { arxivId: '2407.19002', title: 'A Survey of Things', abstract: 'Lattice simulations of gluon plasma at finite temperature.' });
    const report = await ingestFetched(store, [record(a), record(b)], { now: () => new Date() });
    expect(new Set(report.ids).size).toBe(2);
    expect(await store.papers.get(report.ids[0]!)).toMatchObject({ arxivId: '2407.19001', abstract: a.abstract });
    expect(await store.papers.get(report.ids[1]!)).toMatchObject({ arxivId: '2407.19002', abstract: b.abstract });
  });

  it('regression: a fetched paper that only copies a dump paper\'s title (another abstract) gets an id of its own, and the dump paper is untouched', async () => {
    const { store } = await openTempStore();
    const [dumpPaper] = (await store.papers.apply(fileChange('a.txt', [dumpEntry]))).added;
    const impostor = feed('huggingface', { arxivId: '2407.66666', title: TITLE.toUpperCase(), authorNames: ['Mallory'], abstract: 'Buy cheap watches online today. Totally unrelated text about shopping, prices and discounts for everyone.' });
    const report = await ingestFetched(store, [record(impostor)], { now: () => new Date() });
    expect(report.ids[0]).not.toBe(dumpPaper!.id);
    expect(await store.papers.get(dumpPaper!.id)).toMatchObject({ arxivId: null, authorNames: [], abstract: dumpPaper!.abstract });
    expect(await store.papers.count()).toBe(2);
  });
});
