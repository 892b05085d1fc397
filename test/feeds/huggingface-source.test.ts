import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ABSTRACT_CHARS, MAX_SITE_SUMMARY_CHARS } from '../../src/corpus/index.js';
import type { FeedResult } from '../../src/feeds/feed-error.js';
import type { FetchedPaper } from '../../src/feeds/fetched-paper.js';
import { createHuggingFaceSource, type HuggingFaceSource } from '../../src/feeds/huggingface-source.js';
import type { SourceBatch } from '../../src/feeds/source-batch.js';
import { readSeed, SEED } from '../corpus/seeds.js';
import { FakeUpstream } from '../fake-upstream/fake-upstream.js';
import { testClient, type TestClient } from './feed-harness.js';

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await FakeUpstream.start();
});
afterEach(() => {
  fake.clearFaults();
  fake.requests.length = 0;
});
afterAll(() => fake.close());

function setup(): TestClient & { hf: HuggingFaceSource } {
  const harness = testClient();
  return { ...harness, hf: createHuggingFaceSource({ client: harness.client, baseUrl: fake.baseUrl }) };
}

function value<T>(result: FeedResult<T>): T {
  if (!result.ok) throw result.error;
  return result.value;
}

function paper(batch: SourceBatch, arxivId: string): FetchedPaper {
  const found = batch.papers.find((p) => p.arxivId === arxivId);
  if (!found) throw new Error(`no paper ${arxivId}`);
  return found;
}

const FIXTURE_DAY = new URL('../fake-upstream/fixtures/huggingface/daily/2024-07-24.json', import.meta.url);

describe('huggingface daily(): a normal day', () => {
  it('GIVEN 2024-07-24 THEN its seven papers, in listing order, nothing skipped, and the request asks for that date', async () => {
    const { hf } = setup();
    const batch = value(await hf.daily('2024-07-24'));
    expect(batch.papers.map((p) => p.arxivId)).toEqual(['2407.16001', '2407.17002', '2407.17003', '2407.17004', '2407.17005', '2407.17006', '2407.17007']);
    expect(batch).toMatchObject({ skipped: 0, skippedReasons: [], notModified: false });
    expect(batch.papers.every((p) => p.source === 'huggingface' && p.dailyDate === '2024-07-24' && p.categories.length === 0)).toBe(true);
    expect(fake.requests[0]?.query).toEqual({ date: '2024-07-24', limit: '100' });
  });

  it('GIVEN a fully described paper THEN every field is mapped, the organization object giving its full name', async () => {
    const { hf } = setup();
    expect(paper(value(await hf.daily('2024-07-24')), '2407.17002')).toEqual({
      arxivId: '2407.17002',
      title: 'Sparse Mixture-of-Adapters for Low-Resource Multilingual Speech Recognition',
      abstract: expect.stringMatching(/^Multilingual speech recognisers share one encoder .* Code and checkpoints are released\.$/),
      authorNames: ['Amara Okafor', 'Hiroshi Sato', 'Priya Raman', 'Mateo Fernández'],
      publishedAt: '2024-07-24T09:12:44.000Z',
      dailyDate: '2024-07-24',
      upvotes: 17,
      aiSummary: 'A language-aware gate routes each utterance to two of many small adapters on a frozen speech encoder, improving low-resource languages cheaply.',
      aiKeywords: ['mixture of adapters', 'multilingual ASR', 'low-resource languages', 'parameter-efficient fine-tuning'],
      githubRepo: 'https://github.com/example-speech/sparse-moa',
      githubStars: 214,
      projectPage: 'https://example-speech.github.io/sparse-moa/',
      organization: 'Example Speech Lab',
      categories: [],
      source: 'huggingface',
    });
  });

  it('GIVEN the SFPrompt paper THEN its title and abstract are exactly those of the copy in seed 000 (a later step merges them)', async () => {
    const { hf } = setup();
    const sf = paper(value(await hf.daily('2024-07-24')), '2407.16001');
    const seedLines = readSeed(SEED.s000).split('\n');
    expect(sf.title).toBe(seedLines[12]);
    expect(sf.abstract).toBe(seedLines[14]);
  });

  it('GIVEN non-ASCII names and LaTeX THEN both are kept as written', async () => {
    const { hf } = setup();
    const p = paper(value(await hf.daily('2024-07-24')), '2407.17003');
    expect(p.title).toBe('Schrödinger Bridges for $\\mathcal{O}(n \\log n)$ Sampling on Riemannian Manifolds');
    expect(p.authorNames).toEqual(['José Núñez', 'Zoë Müller', 'Łukasz Wójcik', '田中 太郎']);
    expect(p.abstract).toContain('$\\epsilon$-accurate sampler');
  });

  it('GIVEN hidden authors THEN their names are kept, in order (they are the arXiv author list)', async () => {
    const { hf } = setup();
    expect(paper(value(await hf.daily('2024-07-24')), '2407.17004').authorNames).toEqual(['Sofia Rossi', 'Daniel Kim', 'Grace Liu', 'Noah Wilson']);
  });

  it('GIVEN null and missing optional fields THEN null and [], and the abstract whitespace is collapsed', async () => {
    const { hf } = setup();
    expect(paper(value(await hf.daily('2024-07-24')), '2407.17005')).toMatchObject({
      publishedAt: null, upvotes: 0, aiSummary: null, aiKeywords: [], githubRepo: null, githubStars: null, projectPage: null, organization: null,
      abstract: 'Legal documents are long, cross-referenced and full of defined terms. We release a benchmark of 1,200 questions over court rulings and contracts, and evaluate retrieval-augmented and long-context models. Long-context models degrade sharply past 64k tokens; retrieval helps but misses cross-references.',
    });
  });

  it('GIVEN markdown and @everyone in a title THEN they are kept as plain text: neutralising them is the renderer\'s job', async () => {
    const { hf } = setup();
    expect(paper(value(await hf.daily('2024-07-24')), '2407.17006').title).toBe('**Attention** Is Not _All_ You Need: @everyone Should Read `This` [Now](https://example.com/click)');
  });

  it('GIVEN a javascript: repo link, an ftp: project page and negative stars THEN all three are null', async () => {
    const { hf } = setup();
    expect(paper(value(await hf.daily('2024-07-24')), '2407.17007')).toMatchObject({ githubRepo: null, projectPage: null, githubStars: null });
  });

  it('GIVEN a day THEN raw holds the body exactly as received, with URL, status, content type and validators', async () => {
    const { hf } = setup();
    const [raw, ...more] = value(await hf.daily('2024-07-24')).raw;
    expect(more).toEqual([]);
    expect(raw).toMatchObject({ url: `${fake.baseUrl}/api/daily_papers?date=2024-07-24&limit=100`, status: 200, contentType: 'application/json; charset=utf-8' });
    expect(JSON.parse(raw?.body ?? '')).toEqual(JSON.parse(readFileSync(FIXTURE_DAY, 'utf8')));
    expect(raw?.etag).not.toBeNull();
  });
});

describe('huggingface daily(): across days', () => {
  it('GIVEN the same paper on two days THEN each day lists it with its own day and upvote count', async () => {
    const { hf } = setup();
    const first = paper(value(await hf.daily('2024-07-24')), '2407.17002');
    const second = paper(value(await hf.daily('2024-07-25')), '2407.17002');
    expect([first.dailyDate, first.upvotes]).toEqual(['2024-07-24', 17]);
    expect([second.dailyDate, second.upvotes]).toEqual(['2024-07-25', 31]);
    expect(second.title).toBe(first.title);
  });

  it('GIVEN a weekend day with no papers THEN an empty batch, not an error', async () => {
    const { hf } = setup();
    expect(value(await hf.daily('2024-07-27'))).toMatchObject({ papers: [], skipped: 0, notModified: false });
  });

  it('GIVEN a day fetched twice THEN the second answer is 304: notModified, no papers, raw status 304', async () => {
    const { hf } = setup();
    await hf.daily('2024-07-25');
    const again = value(await hf.daily('2024-07-25'));
    expect(fake.requests[1]?.headers['if-none-match']).toBeDefined();
    expect(again).toMatchObject({ notModified: true, papers: [], skipped: 0, raw: [{ status: 304, body: '' }] });
  });

  it('GIVEN an invalid date THEN BAD_REQUEST and nothing is sent', async () => {
    const { hf } = setup();
    for (const date of ['2024-13-01', '2024-02-30', '24-07-24', '2024-07-24T00:00:00Z']) {
      const result = await hf.daily(date);
      expect(result.ok ? 'ok' : result.error.code).toBe('BAD_REQUEST');
    }
    expect(fake.requests).toEqual([]);
  });
});

describe('huggingface daily(): a hostile day', () => {
  it('GIVEN items without paper, without id, with wrong types, null, and a duplicate THEN those five are skipped with reasons and six are kept', async () => {
    const { hf } = setup();
    const batch = value(await hf.daily('2024-07-26'));
    expect(batch.papers.map((p) => p.arxivId)).toEqual(['2407.19001', '2407.19002', '2407.19003', '2407.19004', '2407.19010', '2407.19011']);
    expect(batch.skipped).toBe(5);
    expect(batch.skippedReasons).toEqual([
      { index: 4, id: null, reason: expect.stringMatching(/^paper: .*expected object, received undefined/) },
      { index: 5, id: null, reason: expect.stringMatching(/^paper\.id: .*expected string, received undefined/) },
      { index: 6, id: null, reason: expect.stringMatching(/^paper\.id: .*expected string, received number; paper\.title: .*received array/) },
      { index: 7, id: null, reason: expect.stringMatching(/^paper: .*expected object, received null/) },
      { index: 10, id: '2407.19001', reason: 'same paper as item 0' },
    ]);
  });

  it('GIVEN control and zero-width characters, wrong-typed optional fields and a plain-string organization THEN cleaned text and nulls, the paper kept', async () => {
    const { hf } = setup();
    expect(paper(value(await hf.daily('2024-07-26')), '2407.19010')).toMatchObject({
      title: 'ZeroWidth Bell and Newline Title',
      abstract: 'Control characters in the abstract too.',
      authorNames: ['Tab Name', 'Ok Name'],
      publishedAt: null,
      upvotes: null,
      githubStars: null,
      aiKeywords: ['fine', 'spaced keyword'],
      organization: 'A Plain-String Org',
    });
  });

  it('regression: a listing of 20,000 items for a request of 100 keeps the first 200 and skips the rest with one reason', async () => {
    const { hf } = setup();
    const items = Array.from({ length: 20_000 }, (_, i) => ({ paper: { id: `2407.${String(20_000 + i).padStart(5, '0')}`, title: `Flood paper ${i}`, summary: 'A made-up paper in a flood.' } }));
    fake.setDay('2031-03-03', items);
    const batch = value(await hf.daily('2031-03-03'));
    expect(batch.papers).toHaveLength(200);
    expect(batch.skippedReasons).toEqual([{ index: 200, id: null, reason: 'the listing holds 20000 items for a request of 100: the 19800 past 200 are skipped' }]);
  });

  it('regression: dates outside arXiv\'s lifetime (year 2999, year +275760, year 1) are dropped, not shown or sorted on', async () => {
    const { hf } = setup();
    const paperWith = (id: string, publishedAt: string) => ({ paper: { id, title: `Dated paper ${id}`, summary: 'A made-up paper with a date.', publishedAt } });
    fake.setDay('2031-04-04', [paperWith('2407.30001', '2999-12-31T00:00:00.000Z'), paperWith('2407.30002', '+275760-09-13T00:00:00.000Z'), paperWith('2407.30003', '0001-01-01T00:00:00.000Z'), paperWith('2407.30004', '2024-07-23T10:00:00.000Z')]);
    const batch = value(await hf.daily('2031-04-04'));
    expect(batch.papers.map((p) => p.publishedAt)).toEqual([null, null, null, '2024-07-23T10:00:00.000Z']);
  });

  it('GIVEN an id with a version suffix THEN the version is dropped', async () => {
    const { hf } = setup();
    expect(value(await hf.daily('2024-07-26')).papers.map((p) => p.arxivId)).toContain('2407.19011');
  });

  it('GIVEN a 200 KB "title" among good items THEN only that item is skipped, as absurd', async () => {
    const { hf } = setup();
    const good = JSON.parse(readFileSync(FIXTURE_DAY, 'utf8')) as unknown[];
    fake.setDay('2031-01-01', [good[0], { paper: { id: '2407.19999', title: 'x'.repeat(200 * 1024), summary: 'absurd' } }, good[1]]);
    const batch = value(await hf.daily('2031-01-01'));
    expect(batch.papers.map((p) => p.arxivId)).toEqual(['2407.16001', '2407.17002']);
    expect(batch.skippedReasons).toEqual([{ index: 1, id: '2407.19999', reason: 'title is 204800 characters (limit 300): not a title' }]);
  });

  it.each([
    ['an object', { papers: [] }, 'got object'],
    ['a string', 'papers', 'got string'],
    ['null', null, 'got null'],
  ])('GIVEN %s at the top level THEN BAD_BODY (expected a JSON array), raw kept, nothing thrown', async (_name, body, got) => {
    const { hf } = setup();
    fake.setDay('2032-01-01', body);
    const result = await hf.daily('2032-01-01');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'BAD_BODY', message: expect.stringContaining(`expected a JSON array, ${got}`) });
    expect(result.error.raw?.body).toBe(JSON.stringify(body));
  });

  it('regression: a 1 MB abstract, 10,000 keywords and a 100 KB site summary are cut to what a paper can hold, the paper kept', async () => {
    const { hf } = setup();
    const words = 'merging models by averaging their weights '.repeat(25_000);
    const keywords = Array.from({ length: 10_000 }, (_, i) => `keyword ${i}`);
    fake.setDay('2031-02-02', [{ paper: { id: '2407.19998', title: 'A Paper With Too Much Text', summary: words, ai_summary: 'x '.repeat(50_000), ai_keywords: keywords } }]);
    const found = paper(value(await hf.daily('2031-02-02')), '2407.19998');
    expect(found.abstract.length).toBeLessThanOrEqual(MAX_ABSTRACT_CHARS);
    expect(found.abstract).toMatch(/^merging models by averaging .* their…$/);
    expect(found.aiSummary!.length).toBeLessThanOrEqual(MAX_SITE_SUMMARY_CHARS);
    expect(found.aiKeywords).toHaveLength(200);
    expect(found.aiKeywords[0]).toBe('keyword 0');
  });
});

describe('huggingface daily(): faults', () => {
  it('GIVEN truncated JSON THEN BAD_BODY with the raw response, counted in health', async () => {
    const { hf, client } = setup();
    fake.fault('daily', { kind: 'truncate' });
    const result = await hf.daily('2024-07-24');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'BAD_BODY', message: expect.stringContaining('not valid JSON') });
    expect(result.error.raw?.status).toBe(200);
    expect(client.health()[0]).toMatchObject({ consecutiveFailures: 1, lastError: { code: 'BAD_BODY' } });
  });

  it.each([
    ['HTML instead of JSON', 'BAD_CONTENT_TYPE', { kind: 'html' } as const],
    ['a 20 MB body', 'TOO_LARGE', { kind: 'huge', bytes: 20 * 1024 * 1024 } as const],
    ['a 400', 'HTTP_4xx', { kind: 'status', status: 400 } as const],
  ])('GIVEN %s THEN a %s error value', async (_name, code, fault) => {
    const { hf } = setup();
    fake.fault('daily', fault);
    const result = await hf.daily('2024-07-24');
    expect(result.ok ? 'ok' : result.error.code).toBe(code);
  });

  it('GIVEN 500, then 429 with Retry-After, then success THEN the day arrives', async () => {
    const { hf, time } = setup();
    fake.fault('daily', { kind: 'status', status: 500 });
    fake.fault('daily', { kind: 'status', status: 429, headers: { 'retry-after': '1' } });
    expect(value(await hf.daily('2024-07-24')).papers).toHaveLength(7);
    expect(time.sleeps).toEqual([500, 1000]);
  });
});

describe('huggingface paper()', () => {
  it('GIVEN a known id THEN the paper, dated by the day it was listed (submittedOnDailyAt)', async () => {
    const { hf } = setup();
    const p = value(await hf.paper('2407.17004'));
    expect(p).toMatchObject({ arxivId: '2407.17004', title: 'Distilling Reward Models into Policy Heads for Cheaper RLHF', dailyDate: '2024-07-24', organization: 'Example Alignment Group' });
    expect(fake.requests[0]?.path).toBe('/api/papers/2407.17004');
  });

  it('GIVEN a versioned id THEN the bare id is requested', async () => {
    const { hf } = setup();
    expect(value(await hf.paper('2407.17002v3'))?.arxivId).toBe('2407.17002');
    expect(fake.requests[0]?.path).toBe('/api/papers/2407.17002');
  });

  it('GIVEN an id the Hub does not know (404) THEN null, not an error', async () => {
    const { hf } = setup();
    expect(value(await hf.paper('2501.00001'))).toBeNull();
  });

  it('GIVEN something that is not an id THEN BAD_REQUEST and nothing is sent', async () => {
    const { hf } = setup();
    const result = await hf.paper('banana');
    expect(result.ok ? 'ok' : result.error.code).toBe('BAD_REQUEST');
    expect(fake.requests).toEqual([]);
  });

  it('GIVEN a paper object without a title THEN BAD_BODY', async () => {
    const { hf } = setup();
    fake.fault('paper', { kind: 'body', body: JSON.stringify({ id: '2407.17004' }), contentType: 'application/json' });
    const result = await hf.paper('2407.17004');
    expect(result.ok ? 'ok' : result.error.message).toMatch(/paper 2407\.17004: no title/);
  });

  it('GIVEN the same paper looked up twice THEN both answers are full papers (lookups are not conditional)', async () => {
    const { hf } = setup();
    await hf.paper('2407.17003');
    expect(value(await hf.paper('2407.17003'))?.title).toContain('Schrödinger');
    expect(fake.requests[1]?.headers['if-none-match']).toBeUndefined();
  });
});
