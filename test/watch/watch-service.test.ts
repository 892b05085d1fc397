/**
 * The watch service on the real engine and store (a private copy of the warm
 * store, the real model) with papers the feed service fetched from the fake
 * upstream, and an in-memory notifier whose answers each test scripts. Each
 * test has users of its own, so the store's notices never mix between tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedService } from '../../src/feeds/feed-service.js';
import { createHttpClient } from '../../src/feeds/http-client.js';
import { silentLogger } from '../../src/logger.js';
import type { OpenedEngine } from '../../src/search/create-engine.js';
import type { NoticeOutcome, WatchNotice, WatchNotifier } from '../../src/watch/watch-notifier.js';
import { MAX_WATCHES_PER_USER } from '../../src/watch/watch-record.js';
import { WatchService } from '../../src/watch/watch-service.js';
import { FakeUpstream } from '../fake-upstream/fake-upstream.js';
import { ManualClock } from '../support/manual-clock.js';
import { privateTestEngine } from '../support/test-engine.js';

const DAY_MS = 24 * 60 * 60_000;

/** Records every notice; answers from a script, then "sent, every paper shown". */
class ScriptedNotifier implements WatchNotifier {
  readonly notices: WatchNotice[] = [];
  readonly script: ((notice: WatchNotice) => NoticeOutcome)[] = [];

  async send(notice: WatchNotice): Promise<NoticeOutcome> {
    this.notices.push(notice);
    return this.script.shift()?.(notice) ?? { kind: 'sent', delivered: notice.matches.map((match) => match.card.id) };
  }
}

let upstream: FakeUpstream;
let opened: OpenedEngine;
/** The engine's clock: the papers below entered the corpus on 25 July 2024. */
const engineClock = new ManualClock('2024-07-25T12:00:00Z');
/** Paper id by arXiv id, for the papers fetched. */
const byArxiv = new Map<string, string>();
let fetched: string[] = [];
let nextUser = 1;

/** A user id of the test's own (a snowflake-shaped string). */
const user = (): string => String(1_300_000_000_000_000_000n + BigInt(nextUser++));

function service(options: { now?: string; maxDmsPerDay?: number } = {}) {
  const notifier = new ScriptedNotifier();
  // Watches made before the papers arrived, unless a test says otherwise.
  const clock = new ManualClock(options.now ?? '2024-07-20T00:00:00Z');
  const watches = new WatchService({
    repository: opened.store.watches,
    engine: () => opened.engine,
    notifier,
    clock,
    logger: silentLogger,
    maxDmsPerDay: options.maxDmsPerDay ?? 3,
  });
  return { watches, notifier, clock };
}

const ids = (notice: WatchNotice | undefined): string[] => notice?.matches.map((match) => match.card.id) ?? [];

/** Earlier tests' users watch too (the store is shared): each test looks at its own users only. */
const of = <T extends { readonly userId: string }>(userId: string, items: readonly T[]): T[] => items.filter((item) => item.userId === userId);

beforeAll(async () => {
  upstream = await FakeUpstream.start({ lifetimeMs: 600_000 });
  opened = await privateTestEngine({ processKind: 'test', now: () => engineClock.now() });
  const http = createHttpClient({ logger: silentLogger, timeoutMs: 2_000, maxRetries: 1, backoff: { baseMs: 1, maxMs: 2 } });
  const settings = { hfApiBase: upstream.baseUrl, arxivApiBase: upstream.baseUrl, backfillDays: 3, intervalMinutes: 60, arxivCategories: [], arxivIntervalMs: 1 };
  const feeds = new FeedService({ engine: opened.engine, repository: opened.store.feeds, settings, logger: silentLogger, clock: engineClock, http });
  const reports = await feeds.fetchDays(['2024-07-24', '2024-07-25']);
  fetched = [...new Set(reports.flatMap((report) => [...report.added, ...report.updated]))];
  await opened.engine.indexed();
  for (const paper of opened.engine.papers) if (paper.arxivId !== null) byArxiv.set(paper.arxivId, paper.id);
});

afterAll(async () => {
  await opened.engine.close();
  await upstream.close();
});

describe('watches of a user', () => {
  it('GIVEN a topic THEN it is watched once: the same words in another case are the same watch, its spacing collapsed', async () => {
    const { watches } = service();
    const me = user();
    const created = await watches.create(me, '  Video   Diffusion ');
    expect(created).toMatchObject({ kind: 'created', watch: { userId: me, topic: 'Video Diffusion', status: { kind: 'active' } } });
    expect(await watches.create(me, 'video diffusion')).toMatchObject({ kind: 'exists' });
    expect((await watches.list(me)).map((w) => w.topic)).toEqual(['Video Diffusion']);
  });

  it(`GIVEN ${MAX_WATCHES_PER_USER} watches THEN an 11th is refused, also when two arrive at once; another user is unaffected`, async () => {
    const { watches, clock } = service();
    const me = user();
    for (let i = 1; i < MAX_WATCHES_PER_USER; i++) {
      await watches.create(me, `topic ${i}`);
      await clock.advanceBy(1000);
    }
    const [a, b] = await Promise.all([watches.create(me, 'one more'), watches.create(me, 'and another')]);
    expect([a.kind, b.kind].sort()).toEqual(['created', 'limit']);
    expect(await watches.list(me)).toHaveLength(MAX_WATCHES_PER_USER);
    expect(await watches.create(me, 'too many')).toEqual({ kind: 'limit', max: MAX_WATCHES_PER_USER });
    expect((await watches.create(user(), 'too many')).kind).toBe('created');
  });

  it('GIVEN a watch THEN it is removed by id or by its topic, only by its owner', async () => {
    const { watches } = service();
    const me = user();
    const { watch } = (await watches.create(me, 'speech recognition')) as { watch: { id: string } };
    await watches.create(me, 'household robots');
    expect(await watches.remove(user(), watch.id)).toBeUndefined();
    expect((await watches.remove(me, watch.id))?.topic).toBe('speech recognition');
    expect((await watches.remove(me, 'HOUSEHOLD robots'))?.topic).toBe('household robots');
    expect(await watches.list(me)).toEqual([]);
  });

  it('GIVEN a blank topic THEN EMPTY_QUERY; GIVEN a stored watch that does not validate THEN it is left out, not trusted', async () => {
    const { watches } = service();
    const me = user();
    await expect(watches.create(me, '   ')).rejects.toMatchObject({ name: 'UserError', code: 'EMPTY_QUERY' });
    // regression: zero-width and control characters only were accepted as a topic.
    await expect(watches.create(me, '\u200b\u200d\u0007')).rejects.toMatchObject({ name: 'UserError', code: 'EMPTY_QUERY' });
    // regression: "!!!" was watched, could never match, and held one of the user's watches.
    await expect(watches.create(me, '!!! ???')).rejects.toMatchObject({ name: 'UserError', code: 'INVALID_OPTION', message: 'The topic has no words to search for.' });
    await opened.store.watches.save({ id: 'damaged01', userId: me, body: { version: 9, topic: 42 } });
    await watches.create(me, 'code generation');
    expect((await watches.list(me)).map((w) => w.topic)).toEqual(['code generation']);
  });
});

describe('notify', () => {
  it('GIVEN a watch and new papers THEN one DM with its confident matches among them, nearest first, recorded', async () => {
    const { watches, notifier } = service();
    const me = user();
    await watches.create(me, 'video diffusion');
    const notices = of(me, await watches.notify(fetched));
    expect(notices).toEqual([{ userId: me, outcome: 'sent', paperIds: ids(of(me, notifier.notices)[0]) }]);
    const [dm] = of(me, notifier.notices);
    expect(ids(dm)[0]).toBe(byArxiv.get('2407.18001'));
    expect(ids(dm).every((id) => fetched.includes(id))).toBe(true);
    expect(dm?.matches.every((m) => m.topic === 'video diffusion')).toBe(true);
    expect(await opened.store.watches.sentTo(me, ids(dm))).toEqual(new Set(ids(dm)));
    expect(await watches.dmsToday(me)).toEqual({ sent: 1, max: 3 });
  });

  it('GIVEN the same papers again (a refetch that re-embeds them) THEN nothing is sent twice', async () => {
    const { watches, notifier } = service();
    const me = user();
    await watches.create(me, 'video diffusion');
    await watches.notify(fetched);
    expect(of(me, await watches.notify(fetched))).toEqual([]);
    expect(of(me, notifier.notices)).toHaveLength(1);
  });

  it('GIVEN two watches of one user and a second user THEN one DM each, every paper once, under the watch that matched it', async () => {
    const { watches, notifier } = service();
    const [me, other] = [user(), user()];
    await watches.create(me, 'video diffusion');
    await watches.create(me, 'multilingual speech recognition');
    await watches.create(other, 'code generation');
    const notices = await watches.notify(fetched);
    expect([...of(me, notices), ...of(other, notices)].map((n) => n.outcome)).toEqual(['sent', 'sent']);
    expect(of(me, notifier.notices)).toHaveLength(1);
    const mine = of(me, notifier.notices)[0]!;
    expect(new Set(ids(mine)).size).toBe(mine.matches.length);
    expect(mine.matches.find((m) => m.card.id === byArxiv.get('2407.17002'))?.topic).toBe('multilingual speech recognition');
    expect(ids(notifier.notices.find((n) => n.userId === other))[0]).toBe(byArxiv.get('2407.18002'));
  });

  it('GIVEN papers that entered the corpus before the watch was made THEN they are not news to it', async () => {
    const { watches, notifier } = service({ now: '2024-07-30T00:00:00Z' });
    const me = user();
    await watches.create(me, 'video diffusion');
    expect(of(me, await watches.notify(fetched))).toEqual([]);
    expect(of(me, notifier.notices)).toEqual([]);
  });

  it('GIVEN closed DMs THEN the watches concerned are paused with the reason and nothing is recorded; watching again resumes', async () => {
    const { watches, notifier } = service();
    const me = user();
    await watches.create(me, 'video diffusion');
    // Nothing in the corpus is about this: the engine flags it low confidence, so it matches no paper.
    await watches.create(me, 'best pizza dough hydration for a wood-fired oven');
    const closed = (notice: WatchNotice): NoticeOutcome => (notice.userId === me ? { kind: 'closed', reason: 'DMs closed (50007)' } : { kind: 'sent', delivered: ids(notice) });
    notifier.script.push(closed, closed, closed);
    expect(of(me, await watches.notify(fetched)).map((n) => n.outcome)).toEqual(['closed']);
    const mine = await watches.list(me);
    const [video, pizza] = [mine.find((w) => w.topic === 'video diffusion'), mine.find((w) => w.topic.startsWith('best pizza'))];
    expect(video?.status).toEqual({ kind: 'paused', reason: 'DMs closed (50007)', since: '2024-07-20T00:00:00.000Z' });
    expect(pizza?.status).toEqual({ kind: 'active' });
    expect(await opened.store.watches.sentTo(me, fetched)).toEqual(new Set());
    notifier.script.length = 0;
    expect(of(me, await watches.notify(fetched))).toEqual([]);
    expect((await watches.create(me, 'VIDEO DIFFUSION')).kind).toBe('resumed');
    expect(of(me, await watches.notify(fetched)).map((n) => n.outcome)).toEqual(['sent']);
  });

  it('GIVEN a DM that fails for another reason THEN nothing is recorded and the papers come again with the next batch, even an empty one', async () => {
    const { watches, notifier } = service();
    const me = user();
    await watches.create(me, 'video diffusion');
    const failed = (notice: WatchNotice): NoticeOutcome => (notice.userId === me ? { kind: 'failed', reason: '503 Service Unavailable' } : { kind: 'sent', delivered: ids(notice) });
    notifier.script.push(failed, failed, failed);
    expect(of(me, await watches.notify(fetched)).map((n) => n.outcome)).toEqual(['failed']);
    expect(await opened.store.watches.dmsSince(me, new Date(0))).toBe(0);
    notifier.script.length = 0;
    expect(of(me, await watches.notify([])).map((n) => n.outcome)).toEqual(['sent']);
    const [first, again] = of(me, notifier.notices);
    expect(ids(again)).toEqual(ids(first));
  });

  it('GIVEN a DM that could show only some papers THEN only those are recorded, and the rest lead the next DM', async () => {
    const { watches, notifier } = service();
    const me = user();
    await watches.create(me, 'language model calibration');
    const partly = (notice: WatchNotice): NoticeOutcome => ({ kind: 'sent', delivered: notice.userId === me ? ids(notice).slice(0, 1) : ids(notice) });
    notifier.script.push(partly, partly, partly);
    const [first] = of(me, await watches.notify(fetched));
    const due = ids(of(me, notifier.notices)[0]);
    expect(due.length).toBeGreaterThan(1);
    expect(first?.paperIds).toEqual(due.slice(0, 1));
    notifier.script.length = 0;
    const [second] = of(me, await watches.notify([]));
    expect(second?.paperIds).toEqual(due.slice(1));
  });

  it('GIVEN the daily cap reached THEN no DM, the papers are kept; over 24 hours after the first DM THEN the next batch brings them', async () => {
    const { watches, notifier, clock } = service({ maxDmsPerDay: 1 });
    const me = user();
    await watches.create(me, 'video diffusion');
    await watches.create(me, 'multilingual speech recognition');
    const video = fetched.filter((id) => id === byArxiv.get('2407.18001'));
    const speech = fetched.filter((id) => id === byArxiv.get('2407.17002'));
    expect(of(me, await watches.notify(video)).map((n) => n.outcome)).toEqual(['sent']);
    await clock.advanceBy(DAY_MS - 60_000);
    expect(of(me, await watches.notify(speech))).toEqual([{ userId: me, outcome: 'capped', paperIds: speech }]);
    expect(of(me, notifier.notices)).toHaveLength(1);
    // The window is the last 24 hours, its first instant included.
    await clock.advanceBy(60_001);
    expect(of(me, await watches.notify([]))).toEqual([{ userId: me, outcome: 'sent', paperIds: speech }]);
    expect(await watches.dmsToday(me)).toEqual({ sent: 1, max: 1 });
  });

  it('GIVEN a notice recorded for one DM listing papers of two watches THEN the daily cap counts it as one DM', async () => {
    const { watches } = service({ maxDmsPerDay: 2 });
    const me = user();
    await watches.create(me, 'video diffusion');
    await watches.create(me, 'multilingual speech recognition');
    const [notice] = of(me, await watches.notify(fetched));
    expect(notice?.outcome).toBe('sent');
    expect(await watches.dmsToday(me)).toEqual({ sent: 1, max: 2 });
  });
});
