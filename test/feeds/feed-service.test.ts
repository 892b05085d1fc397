/**
 * The feed service over the real engine (the bundled corpus in a private
 * store, the real model) and the fake upstream: papers arrive by themselves,
 * merge with the dumps, survive an upstream that is down, and one paper can
 * be added by id from either source.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FeedService, daysToFetch } from '../../src/feeds/feed-service.js';
import { createHttpClient } from '../../src/feeds/http-client.js';
import { silentLogger } from '../../src/logger.js';
import type { OpenedEngine } from '../../src/search/create-engine.js';
import { FakeUpstream } from '../fake-upstream/fake-upstream.js';
import { ManualClock } from '../support/manual-clock.js';
import { privateTestEngine } from '../support/test-engine.js';

const SFPROMPT = 'c37bc651aef0';

let fake: FakeUpstream;
let opened: OpenedEngine;
beforeAll(async () => {
  fake = await FakeUpstream.start();
  opened = await privateTestEngine({ processKind: 'test' });
}, 120_000);
afterAll(async () => {
  await opened.engine.close();
  await fake.close();
});
afterEach(() => {
  fake.clearFaults();
  fake.requests.length = 0;
});

function service(now: string, backfillDays = 3, on: OpenedEngine = opened): { feeds: FeedService; clock: ManualClock } {
  const clock = new ManualClock(now);
  const http = createHttpClient({ logger: silentLogger, timeoutMs: 2_000, maxRetries: 1, backoff: { baseMs: 1, maxMs: 2 } });
  const settings = { hfApiBase: fake.baseUrl, arxivApiBase: fake.baseUrl, backfillDays, intervalMinutes: 60, arxivCategories: [], arxivIntervalMs: 1 };
  return { feeds: new FeedService({ engine: on.engine, repository: on.store.feeds, settings, logger: silentLogger, clock, http }), clock };
}

describe('daysToFetch', () => {
  it('GIVEN no fetch yet THEN the backfill days up to today; GIVEN a last day THEN from it (its listing may have grown) to today', () => {
    expect(daysToFetch(new Date('2024-07-25T10:00:00Z'), null, 3)).toEqual(['2024-07-23', '2024-07-24', '2024-07-25']);
    expect(daysToFetch(new Date('2024-07-25T10:00:00Z'), '2024-07-24', 3)).toEqual(['2024-07-24', '2024-07-25']);
    expect(daysToFetch(new Date('2024-07-25T10:00:00Z'), '2024-06-01', 3)).toEqual(['2024-07-23', '2024-07-24', '2024-07-25']);
    expect(daysToFetch(new Date('2024-07-25T10:00:00Z'), '2024-07-25', 3)).toEqual(['2024-07-25']);
  });
});

describe('GIVEN the bundled corpus and two days of Daily Papers upstream', () => {
  it('WHEN the due days are fetched THEN every new paper is stored, SFPrompt merges into the dump paper (same id, enriched), and all become searchable', { timeout: 120_000 }, async () => {
    const { feeds } = service('2024-07-25T10:00:00Z');
    const before = opened.engine.papers.length;
    const reports = await feeds.fetchDue();
    expect(reports.map((r) => [r.what, r.fetched, r.error])).toEqual([
      ['2024-07-23', 0, null],
      ['2024-07-24', 7, null],
      ['2024-07-25', 6, null],
    ]);
    // 13 items, one paper on both days, SFPrompt already known from the dumps.
    expect(opened.engine.papers.length).toBe(before + 11);
    const sfprompt = await opened.engine.paper(SFPROMPT);
    expect(sfprompt).toMatchObject({ arxivId: '2407.16001', url: 'https://huggingface.co/papers/2407.16001', dailyDate: '2024-07-24' });
    expect(sfprompt?.authorNames.length).toBeGreaterThan(0);
    expect(sfprompt?.sources.length).toBeGreaterThan(0);
    expect(sfprompt?.feeds.map((f) => f.source)).toEqual(['huggingface']);
    // The paper on both days keeps the first day that listed it, and the latest upvotes.
    const repeated = opened.engine.papers.find((p) => p.arxivId === '2407.17002')!;
    expect(repeated.dailyDate).toBe('2024-07-24');
    await opened.engine.indexed();
    expect(opened.engine.status()).toMatchObject({ papers: before + 11, embedded: before + 11 });
    const found = await opened.engine.about('multilingual speech recognition with sparse adapters');
    expect(found.results[0]?.id).toBe(repeated.id);
    expect(feeds.status()[0]?.state).toMatchObject({ lastDay: '2024-07-25', papersFetched: 13, lastError: null });
  });

  it('WHEN the upstream is down THEN the round reports the error as a value, stores nothing new, and the state says so; back up THEN the papers arrive', { timeout: 120_000 }, async () => {
    const { feeds } = service('2024-07-26T10:00:00Z', 1);
    fake.fault('daily', { kind: 'status', status: 503 }, Infinity);
    const down = await feeds.fetchDue();
    expect(down).toHaveLength(1);
    expect(down[0]?.error?.code).toMatch(/HTTP_5xx|RATE_LIMITED/);
    expect(feeds.status()[0]?.state.lastError?.code).toBe(down[0]?.error?.code);
    fake.clearFaults();
    const back = await feeds.fetchDue();
    expect(back[0]).toMatchObject({ what: '2024-07-26', error: null });
    // The hostile day: 11 items, 6 usable; the bad ones are skipped and counted, the rest kept.
    expect(back[0]?.fetched).toBe(6);
    expect(back[0]?.skipped.length).toBe(5);
  });

  it('WHEN a paper is added by id THEN Hugging Face is asked first, else arXiv; it is embedded before the call returns', { timeout: 120_000 }, async () => {
    const { feeds } = service('2024-07-28T10:00:00Z');
    const fromArxiv = await feeds.addPaper('https://arxiv.org/abs/2406.19999v2');
    expect(fromArxiv).toMatchObject({ kind: 'added', source: 'arxiv', paper: { arxivId: '2406.19999' } });
    if (fromArxiv.kind !== 'added') return;
    expect(opened.engine.status().embedded).toBe(opened.engine.status().papers);
    expect((await opened.engine.similar(fromArxiv.paper.id, { k: 3 })).results).toHaveLength(3);
    const again = await feeds.addPaper('arXiv:2406.19999');
    expect(again.kind).toBe('known');
    expect(await feeds.addPaper('https://huggingface.co/papers/2407.16001')).toMatchObject({ kind: 'known', source: 'huggingface', paper: { id: SFPROMPT } });
    expect(await feeds.addPaper('2407.99999')).toEqual({ kind: 'not-found', arxivId: '2407.99999' });
    expect((await feeds.addPaper('not a paper')).kind).toBe('malformed');
    fake.fault('paper', { kind: 'status', status: 500 }, Infinity);
    fake.fault('query', { kind: 'status', status: 500 }, Infinity);
    expect(await feeds.addPaper('2407.99998')).toMatchObject({ kind: 'unavailable', arxivId: '2407.99998' });
  });
});

/** Three items of a real fixture day under new arXiv ids and titles, so they are new papers on any store. */
function listing(change: (item: { paper: Record<string, unknown> }, index: number) => void): string {
  const file = path.join(import.meta.dirname, '../fake-upstream/fixtures/huggingface/daily/2024-07-25.json');
  const items = (JSON.parse(readFileSync(file, 'utf8')) as { paper: Record<string, unknown> }[]).slice(0, 3);
  items.forEach((item, index) => {
    item.paper.id = `2407.2900${index + 1}`;
    item.paper.title = `${String(item.paper.title)} (copy ${index + 1})`;
    change(item, index);
  });
  return JSON.stringify(items);
}

describe('GIVEN a store of its own, per test (what a test does to the feed state stays in it)', () => {
  async function withOwnStore(work: (own: OpenedEngine) => Promise<void>): Promise<void> {
    const own = await privateTestEngine({ processKind: 'test' });
    try {
      await work(own);
    } finally {
      await own.engine.close();
    }
  }

  it('regression: GIVEN one paper of a day claims 1e20 upvotes THEN the day is stored whole, that count dropped (SQLite refused it, and the batch with it)', { timeout: 120_000 }, () =>
    withOwnStore(async (own) => {
      const { feeds } = service('2024-07-29T10:00:00Z', 1, own);
      fake.fault('daily', { kind: 'body', contentType: 'application/json', body: listing((item, i) => i === 1 && (item.paper.upvotes = 1e20)) });
      const [report] = await feeds.fetchDue();
      expect(report).toMatchObject({ what: '2024-07-29', fetched: 3, error: null });
      expect(report?.added).toHaveLength(3);
      expect(own.engine.papers.find((p) => p.arxivId === '2407.29002')?.upvotes).toBeNull();
      expect(own.engine.papers.find((p) => p.arxivId === '2407.29001')?.upvotes).toEqual(expect.any(Number));
      expect(feeds.status()[0]?.state).toMatchObject({ lastDay: '2024-07-29', lastError: null });
    }));

  it('regression: GIVEN the store refuses a fetched batch THEN the round fails, /papers help shows the STORE error, and the day stays due', { timeout: 120_000 }, () =>
    withOwnStore(async (own) => {
      const refusing = Object.create(own.engine, { ingest: { value: () => Promise.reject(new Error('database or disk is full')) } }) as OpenedEngine['engine'];
      const { feeds } = service('2024-07-30T10:00:00Z', 2, { ...own, engine: refusing });
      fake.fault('daily', { kind: 'body', contentType: 'application/json', body: listing(() => undefined) });
      await expect(feeds.fetchDue()).rejects.toThrow('database or disk is full');
      expect(feeds.status()[0]?.state).toMatchObject({
        lastDay: null,
        lastError: { code: 'STORE', message: 'the fetched papers could not be stored: database or disk is full' },
      });
      expect(own.engine.papers.some((p) => p.arxivId === '2407.29001')).toBe(false);
    }));
});
