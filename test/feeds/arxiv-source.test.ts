import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ABSTRACT_CHARS } from '../../src/corpus/index.js';
import { createArxivSource, type ArxivBatch, type ArxivSource } from '../../src/feeds/arxiv-source.js';
import type { FeedResult } from '../../src/feeds/feed-error.js';
import type { FetchedPaper } from '../../src/feeds/fetched-paper.js';
import { ARXIV_MIN_INTERVAL_MS } from '../../src/feeds/host-spacing.js';
import { createHuggingFaceSource } from '../../src/feeds/huggingface-source.js';
import { errorFeed, resultsFeed } from '../fake-upstream/atom-feed.js';
import { FakeUpstream } from '../fake-upstream/fake-upstream.js';
import { LEVEL, logsAt, testClient, type TestClient } from './feed-harness.js';

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await FakeUpstream.start();
});
afterEach(() => {
  fake.clearFaults();
  fake.requests.length = 0;
});
afterAll(() => fake.close());

const ATOM = 'application/atom+xml; charset=UTF-8';

function setup(options: { minIntervalMs?: number; batchSize?: number } = {}): TestClient & { arxiv: ArxivSource } {
  const harness = testClient();
  return { ...harness, arxiv: createArxivSource({ client: harness.client, baseUrl: fake.baseUrl, minIntervalMs: 0, ...options }) };
}

function value<T>(result: FeedResult<T>): T {
  if (!result.ok) throw result.error;
  return result.value;
}

function paper(batch: ArxivBatch, arxivId: string): FetchedPaper {
  const found = batch.papers.find((p) => p.arxivId === arxivId);
  if (!found) throw new Error(`no paper ${arxivId}`);
  return found;
}

describe('arxiv papers(ids)', () => {
  it('GIVEN ids THEN one id_list request with max_results set, and papers with the fields arXiv knows', async () => {
    const { arxiv } = setup();
    const batch = value(await arxiv.papers(['2407.16001', '2407.17002v1']));
    expect(fake.requests.map((r) => r.query)).toEqual([{ id_list: '2407.16001,2407.17002', max_results: '2' }]);
    expect(paper(batch, '2407.16001')).toEqual({
      arxivId: '2407.16001',
      title: 'SFPrompt: Communication-Efficient Split Federated Fine-Tuning for Large Pre-Trained Models over Resource-Limited Devices',
      abstract: expect.stringMatching(/^Large pre-trained models have exhibited .* 53% less communication cost\.$/),
      authorNames: ['Lin Chen', 'Yuki Tanaka', 'Omar Haddad'],
      publishedAt: '2024-07-23T15:41:07.000Z',
      dailyDate: null,
      upvotes: null,
      aiSummary: null,
      aiKeywords: [],
      githubRepo: null,
      githubStars: null,
      projectPage: null,
      organization: null,
      categories: ['cs.LG', 'cs.CR', 'cs.DC'],
      source: 'arxiv',
    });
    expect(batch).toMatchObject({ skipped: 0, notModified: false, totalResults: 2, missingIds: [] });
  });

  it('GIVEN the same paper from arXiv and Hugging Face THEN id, title and abstract agree after cleaning', async () => {
    const { arxiv, client } = setup();
    const hf = createHuggingFaceSource({ client, baseUrl: fake.baseUrl });
    const fromArxiv = paper(value(await arxiv.papers(['2407.16001'])), '2407.16001');
    const fromHf = value(await hf.paper('2407.16001'));
    expect([fromArxiv.arxivId, fromArxiv.title, fromArxiv.abstract]).toEqual([fromHf?.arxivId, fromHf?.title, fromHf?.abstract]);
  });

  it('GIVEN an https id, an ACM class and an MSC class THEN the id is read and only arXiv categories are kept, primary first', async () => {
    const { arxiv } = setup();
    const batch = value(await arxiv.papers(['2407.17002', '2407.17003']));
    expect(paper(batch, '2407.17002').categories).toEqual(['cs.CL', 'cs.SD', 'eess.AS']);
    expect(paper(batch, '2407.17003').categories).toEqual(['stat.ML', 'cs.LG', 'math.DG']);
  });

  it('GIVEN a hard-wrapped title, LaTeX and non-ASCII authors THEN one line, LaTeX kept, names intact', async () => {
    const { arxiv } = setup();
    const p = paper(value(await arxiv.papers(['2407.17003'])), '2407.17003');
    expect(p.title).toBe('Schrödinger Bridges for $\\mathcal{O}(n \\log n)$ Sampling on Riemannian Manifolds');
    expect(p.authorNames).toEqual(['José Núñez', 'Zoë Müller', 'Łukasz Wójcik', '田中 太郎']);
    expect(p.abstract).toMatch(/^We study Schrödinger bridges .* \$\\mathcal\{M\}\$\. Using/);
  });

  it('GIVEN an old-style id THEN it keeps its archive, and its -05:00 date becomes a UTC instant', async () => {
    const { arxiv } = setup();
    expect(paper(value(await arxiv.papers(['hep-th/9901001'])), 'hep-th/9901001')).toMatchObject({
      title: 'Notes on Dualities in Toy String Compactifications', publishedAt: '1999-01-04T17:00:00.000Z', categories: ['hep-th'],
    });
    expect(fake.requests[0]?.query.id_list).toBe('hep-th/9901001');
  });

  it('GIVEN XML entities in a title THEN they are decoded to text', async () => {
    const { arxiv } = setup();
    expect(paper(value(await arxiv.papers(['2407.18010'])), '2407.18010').title).toBe('Less < More: Pruning & Merging Experts in Sparse Transformers');
  });

  it('GIVEN five ids and batches of two THEN three requests, at least the interval apart, and unknown ids reported missing', async () => {
    const harness = testClient({ time: { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) } });
    const spaced = createArxivSource({ client: harness.client, baseUrl: fake.baseUrl, minIntervalMs: 50, batchSize: 2 });
    const batch = value(await spaced.papers(['2407.16001', '2407.17002', '2407.17003', 'hep-th/9901001', '2501.00001']));
    expect(fake.requests.map((r) => [r.query.id_list, r.query.max_results])).toEqual([
      ['2407.16001,2407.17002', '2'],
      ['2407.17003,hep-th/9901001', '2'],
      ['2501.00001', '1'],
    ]);
    const at = fake.requests.map((r) => r.at);
    expect(Math.min((at[1] ?? 0) - (at[0] ?? 0), (at[2] ?? 0) - (at[1] ?? 0))).toBeGreaterThanOrEqual(49);
    expect(batch.papers.map((p) => p.arxivId)).toEqual(['2407.16001', '2407.17002', '2407.17003', 'hep-th/9901001']);
    expect(batch).toMatchObject({ missingIds: ['2501.00001'], totalResults: 4 });
    expect(batch.raw.map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('GIVEN no interval configured THEN the default is arXiv\'s 3 s between requests', async () => {
    const harness = testClient();
    const arxiv = createArxivSource({ client: harness.client, baseUrl: fake.baseUrl, batchSize: 1 });
    value(await arxiv.papers(['2407.16001', '2407.17002', '2407.17003']));
    expect(ARXIV_MIN_INTERVAL_MS).toBe(3000);
    expect(harness.time.sleeps).toEqual([3000, 3000]);
  });

  it('GIVEN ids that are not arXiv ids, and a duplicate THEN the bad ones are skipped before any request, the duplicate asked once', async () => {
    const { arxiv } = setup();
    const batch = value(await arxiv.papers(['banana', '2407.16001', '2407.16001v2', '']));
    expect(fake.requests.map((r) => r.query.id_list)).toEqual(['2407.16001']);
    expect(batch.skippedReasons).toEqual([
      { index: 0, id: null, reason: '"banana" is not an arXiv id; not requested' },
      { index: 3, id: null, reason: '"" is not an arXiv id; not requested' },
    ]);
    expect(batch.papers).toHaveLength(1);
  });

  it('GIVEN only bad ids or none THEN no request at all', async () => {
    const { arxiv } = setup();
    expect(value(await arxiv.papers([]))).toMatchObject({ papers: [], skipped: 0, raw: [], notModified: false });
    expect(value(await arxiv.papers(['nope'])).skipped).toBe(1);
    expect(fake.requests).toEqual([]);
  });

  it("GIVEN arXiv's error entry THEN UPSTREAM_ERROR with arXiv's message, not a paper, and the service is not marked down", async () => {
    const { arxiv, client, logs } = setup();
    fake.fault('query', { kind: 'body', body: errorFeed('id_list=2407.16001', '2407.16001'), contentType: ATOM });
    const result = await arxiv.papers(['2407.16001']);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'UPSTREAM_ERROR', message: expect.stringContaining('incorrect id format for 2407.16001') });
    expect(result.error.raw?.body).toContain('<title>Error</title>');
    expect(client.health()[0]?.downSince).toBeNull();
    expect(logsAt(logs, LEVEL.warn)).toEqual([]);
  });

  it('regression: a 1 MB summary and 5,000 authors are cut to what a paper can hold, the paper kept', async () => {
    const { arxiv } = setup();
    const entry = [
      '<entry>',
      '  <id>http://arxiv.org/abs/2407.19997v1</id>',
      '  <title>A Paper With Too Much Text</title>',
      `  <summary>${'merging models by averaging their weights '.repeat(25_000)}</summary>`,
      ...Array.from({ length: 5_000 }, (_, k) => `  <author><name>Author ${k}</name></author>`),
      '  <published>2024-07-26T00:00:00Z</published>',
      '</entry>',
    ].join('\n');
    fake.fault('query', { kind: 'body', body: resultsFeed('id_list=2407.19997', [entry], 1, 0, 1), contentType: ATOM });
    const found = paper(value(await arxiv.papers(['2407.19997'])), '2407.19997');
    expect(found.abstract.length).toBeLessThanOrEqual(MAX_ABSTRACT_CHARS);
    expect(found.abstract.startsWith('merging models by averaging their weights')).toBe(true);
    expect(found.authorNames).toHaveLength(200);
  });
});

describe('arxiv category()', () => {
  it('GIVEN cs.LG THEN the documented query, newest first, with the broken entries skipped and counted', async () => {
    const { arxiv } = setup();
    const batch = value(await arxiv.category('cs.LG', { start: 0, maxResults: 10 }));
    expect(fake.requests[0]?.query).toEqual({ search_query: 'cat:cs.LG', sortBy: 'submittedDate', sortOrder: 'descending', start: '0', max_results: '10' });
    expect(batch.papers.map((p) => p.arxivId)).toEqual(['2407.18010', '2407.17003', '2407.16001', '2406.19999']);
    expect(batch.skippedReasons).toEqual([
      { index: 0, id: null, reason: 'entry has no id' },
      { index: 1, id: '2407.18012', reason: 'entry has no title' },
    ]);
    expect(batch).toMatchObject({ skipped: 2, totalResults: 6, missingIds: [] });
  });

  it('GIVEN a second page THEN start moves on and totalResults stays the whole set', async () => {
    const { arxiv } = setup();
    const batch = value(await arxiv.category('cs.LG', { start: 3, maxResults: 3 }));
    expect(batch.papers.map((p) => p.arxivId)).toEqual(['2407.17003', '2407.16001', '2406.19999']);
    expect(batch.totalResults).toBe(6);
  });

  it('GIVEN maxResults past arXiv\'s slice limit THEN it is clamped to 2000', async () => {
    const { arxiv } = setup();
    value(await arxiv.category('hep-th', { maxResults: 50_000 }));
    expect(fake.requests[0]?.query.max_results).toBe('2000');
  });

  it.each(['cs.LG OR all:x', 'CS.LG', '', 'cs.'])('GIVEN category %j THEN BAD_REQUEST and nothing sent', async (cat) => {
    const { arxiv } = setup();
    const result = await arxiv.category(cat);
    expect(result.ok ? 'ok' : result.error.code).toBe('BAD_REQUEST');
    expect(fake.requests).toEqual([]);
  });

  it('GIVEN the same page twice THEN the second is a 304: notModified, no papers', async () => {
    const { arxiv } = setup();
    await arxiv.category('cs.CL');
    expect(value(await arxiv.category('cs.CL'))).toMatchObject({ notModified: true, papers: [], totalResults: null });
  });
});

describe('arxiv faults', () => {
  it.each([
    ['a feed cut in half', 'BAD_BODY', { kind: 'truncate' } as const, /not well-formed XML/],
    ['an HTML page', 'BAD_CONTENT_TYPE', { kind: 'html' } as const, /got an HTML page/],
    ['a plain-text "Rate exceeded."', 'BAD_CONTENT_TYPE', { kind: 'body', body: 'Rate exceeded.', contentType: 'text/plain' } as const, /got text\/plain/],
    ['a 20 MB body', 'TOO_LARGE', { kind: 'huge', bytes: 20 * 1024 * 1024, contentType: ATOM } as const, /over 10\.0 MB/],
  ])('GIVEN %s THEN %s, nothing thrown', async (_name, code, fault, message) => {
    const { arxiv } = setup();
    fake.fault('query', fault);
    const result = await arxiv.category('cs.LG');
    expect(result.ok ? 'ok' : [result.error.code, result.error.message]).toEqual([code, expect.stringMatching(message)]);
  });

  it('GIVEN 503 with Retry-After (arXiv throttling) THEN it waits as told and gets the page', async () => {
    const { arxiv, time } = setup();
    fake.fault('query', { kind: 'status', status: 503, headers: { 'retry-after': '4' }, body: 'Rate exceeded.' });
    expect(value(await arxiv.category('cs.LG')).papers).toHaveLength(4);
    expect(time.sleeps).toEqual([4000]);
  });

  it('GIVEN a later batch that fails THEN the whole call fails with that error: nothing half-done passes as complete', async () => {
    const { arxiv } = setup({ batchSize: 1 });
    fake.fault('query', { kind: 'pass' });
    fake.fault('query', { kind: 'status', status: 400 });
    const result = await arxiv.papers(['2407.16001', '2407.17002']);
    expect(result.ok ? 'ok' : result.error.code).toBe('HTTP_4xx');
    expect(fake.requests).toHaveLength(2);
  });
});
