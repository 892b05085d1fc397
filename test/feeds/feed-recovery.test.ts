/**
 * What the hostile review found the feeds could lose, for real: a day whose
 * papers were fetched but not stored must be fetched in full again (never a
 * 304 that hides it), a day that failed in the middle of a round must stay
 * due, and `/papers add` must store only the paper that was asked for.
 * Each test has its own store (a private copy) and the fake upstream.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FeedService, storedValidators } from '../../src/feeds/feed-service.js';
import { createHttpClient } from '../../src/feeds/http-client.js';
import { silentLogger } from '../../src/logger.js';
import type { OpenedEngine } from '../../src/search/create-engine.js';
import type { RefreshableEngine } from '../../src/search/engine-types.js';
import { FakeUpstream } from '../fake-upstream/fake-upstream.js';
import { ManualClock } from '../support/manual-clock.js';
import { privateTestEngine } from '../support/test-engine.js';

let fake: FakeUpstream;
const open: OpenedEngine[] = [];
beforeAll(async () => {
  fake = await FakeUpstream.start();
});
afterEach(async () => {
  fake.clearFaults();
  fake.requests.length = 0;
  for (const opened of open.splice(0)) await opened.engine.close();
});
afterAll(() => fake.close());

/** The service as the bot builds it: validators read from the store, never saved by the HTTP client. */
async function service(now: string, engine?: (real: RefreshableEngine) => RefreshableEngine): Promise<{ feeds: FeedService; opened: OpenedEngine }> {
  const opened = await privateTestEngine({ processKind: 'test' });
  open.push(opened);
  const http = createHttpClient({ logger: silentLogger, timeoutMs: 2_000, maxRetries: 1, backoff: { baseMs: 1, maxMs: 2 }, validators: storedValidators(opened.store.feeds) });
  const settings = { hfApiBase: fake.baseUrl, arxivApiBase: fake.baseUrl, backfillDays: 3, intervalMinutes: 60, arxivCategories: [], arxivIntervalMs: 1 };
  const feeds = new FeedService({ engine: engine?.(opened.engine) ?? opened.engine, repository: opened.store.feeds, settings, logger: silentLogger, clock: new ManualClock(now), http });
  await feeds.load();
  return { feeds, opened };
}

describe('feeds that must not lose a day', () => {
  it('regression: a day whose papers could not be stored (a full disk, a crash) is fetched in full the next time, not answered 304', { timeout: 120_000 }, async () => {
    let failNext = true;
    const { feeds, opened } = await service('2024-07-24T10:00:00Z', (real) =>
      Object.create(real, {
        ingest: {
          value: (...args: Parameters<RefreshableEngine['ingest']>) => {
            if (!failNext) return real.ingest(...args);
            failNext = false;
            return Promise.reject(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
          },
        },
      }),
    );
    await expect(feeds.fetchDays(['2024-07-24'])).rejects.toThrow(/disk is full/);
    expect(opened.engine.papers.some((p) => p.dailyDate === '2024-07-24')).toBe(false);
    const [again] = await feeds.fetchDays(['2024-07-24']);
    expect(again).toMatchObject({ notModified: false, fetched: 7, error: null });
    expect(fake.requestsTo('daily').at(-1)?.headers['if-none-match']).toBeUndefined();
    expect(opened.engine.papers.filter((p) => p.dailyDate === '2024-07-24').length).toBeGreaterThan(0);
    // Stored now: the next request is conditional, and answered 304.
    const [third] = await feeds.fetchDays(['2024-07-24']);
    expect(third?.notModified).toBe(true);
  });

  it('regression: a day that fails in the middle of a round stays due, and the next round fetches it', { timeout: 120_000 }, async () => {
    const { feeds } = await service('2024-07-25T10:00:00Z');
    // The round asks for 07-23, 07-24, 07-25: the first passes, 07-24 fails both attempts, 07-25 passes.
    fake.fault('daily', { kind: 'pass' });
    fake.fault('daily', { kind: 'status', status: 503 }, 2);
    const first = await feeds.fetchDue();
    expect(first.map((r) => [r.what, r.error === null])).toEqual([['2024-07-23', true], ['2024-07-24', false], ['2024-07-25', true]]);
    expect(feeds.status()[0]?.state.lastDay).toBe('2024-07-23');
    const second = await feeds.fetchDue();
    expect(second.map((r) => [r.what, r.error === null])).toEqual([['2024-07-23', true], ['2024-07-24', true], ['2024-07-25', true]]);
    expect(second.find((r) => r.what === '2024-07-24')?.fetched).toBe(7);
    expect(feeds.status()[0]?.state.lastDay).toBe('2024-07-25');
  });

  it('regression: a last day in the future (fetch --date of a later day, a wrong clock) does not switch the catch-up off', { timeout: 120_000 }, async () => {
    const { feeds } = await service('2024-07-25T10:00:00Z');
    await feeds.fetchDays(['2099-01-01']);
    expect(feeds.status()[0]?.state.lastDay).toBeNull();
    expect((await feeds.fetchDue()).map((r) => r.what)).toEqual(['2024-07-23', '2024-07-24', '2024-07-25']);
  });
});

describe('/papers add against an upstream that lies', () => {
  it('regression: Hugging Face answering with another paper is not believed; arXiv gives the one asked for', { timeout: 120_000 }, async () => {
    const { feeds } = await service('2024-07-28T10:00:00Z');
    fake.fault('paper', { kind: 'body', contentType: 'application/json', body: JSON.stringify({ id: '2407.17777', title: 'Some other paper entirely', summary: 'Not the one asked for at all, as anyone can see.' }) });
    const outcome = await feeds.addPaper('2406.19999');
    expect(outcome).toMatchObject({ kind: 'added', source: 'arxiv', paper: { arxivId: '2406.19999' } });
  });

  it('regression: both upstreams answering with another paper stores nothing and says so', { timeout: 120_000 }, async () => {
    const { feeds, opened } = await service('2024-07-28T10:00:00Z');
    const before = opened.engine.papers.length;
    fake.fault('paper', { kind: 'body', contentType: 'application/json', body: JSON.stringify({ id: '2407.17777', title: 'Some other paper entirely', summary: 'Not the one asked for at all, as anyone can see.' }) });
    fake.fault('query', { kind: 'status', status: 500 }, Infinity);
    const outcome = await feeds.addPaper('2406.19999');
    expect(outcome).toMatchObject({ kind: 'unavailable', arxivId: '2406.19999' });
    expect(opened.engine.papers.length).toBe(before);
  });
});

describe('stopping while an upstream hangs', () => {
  it('regression: stop() ends the request in flight and the rest of the round at once, instead of waiting out timeouts and retries', { timeout: 60_000 }, async () => {
    const opened = await privateTestEngine({ processKind: 'test' });
    open.push(opened);
    // Timeouts far longer than this test may run: it passes only if stop() aborts the request.
    const http = createHttpClient({ logger: silentLogger, timeoutMs: 120_000, maxRetries: 3, validators: storedValidators(opened.store.feeds) });
    const settings = { hfApiBase: fake.baseUrl, arxivApiBase: fake.baseUrl, backfillDays: 3, intervalMinutes: 60, arxivCategories: [], arxivIntervalMs: 1 };
    const feeds = new FeedService({ engine: opened.engine, repository: opened.store.feeds, settings, logger: silentLogger, clock: new ManualClock('2024-07-25T10:00:00Z'), http });
    await feeds.load();
    fake.fault('daily', { kind: 'hang' }, Infinity);
    const round = feeds.fetchDue();
    await until(() => fake.requestsTo('daily').length > 0);
    await feeds.stop();
    const reports = await round;
    expect(reports.length).toBeLessThan(3);
    expect(fake.requestsTo('daily')).toHaveLength(1);
    expect(feeds.status()[0]?.state.lastError).toBeNull();
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}
