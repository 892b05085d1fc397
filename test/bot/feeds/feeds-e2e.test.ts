/**
 * Papers arrive by themselves, end to end: a fresh bot (its own store, its
 * clock on 25 July 2024, FEED_ENABLED) fetches the fake upstream's Daily
 * Papers at start, reports each source in `/papers help`, and its scheduled
 * digest posts the newest of them; an upstream that is down at start is
 * reported as such, and its papers arrive on the next attempt.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EPHEMERAL, papers, sentMessages, type PrivateEngine } from '../harness.js';
import { closeEngine, closeSharedEmbedder, feedEngine, startFeedBot, type RunningFeedBot } from './feed-bot.js';
import type { Payload } from '../../fake-discord/fake-discord.js';
import { FakeUpstream } from '../../fake-upstream/fake-upstream.js';
import { ManualClock } from '../../support/manual-clock.js';

const HOUR_MS = 60 * 60_000;
const Opt = { Subcommand: 1, String: 3, Integer: 4, Channel: 7 } as const;

let upstream: FakeUpstream;
const cleanup: (() => Promise<void>)[] = [];

beforeAll(async () => {
  upstream = await FakeUpstream.start({ lifetimeMs: 600_000 });
});

afterEach(async () => {
  upstream.clearFaults();
  upstream.requests.length = 0;
  for (const step of cleanup.splice(0).reverse()) await step();
});

afterAll(async () => {
  await closeSharedEmbedder();
  await upstream.close();
});

/** A bot on a store of its own, its clock at `now`; closed (and checked for mentions) after the test. */
async function freshBot(now: string): Promise<{ running: RunningFeedBot; opened: PrivateEngine; clock: ManualClock }> {
  const clock = new ManualClock(now);
  const opened = await feedEngine(clock);
  cleanup.push(() => closeEngine(opened));
  const running = await startFeedBot({ opened, clock, upstream });
  cleanup.push(async () => {
    await running.close();
    for (const { body } of sentMessages(running.fake)) expect(body.allowed_mentions).toEqual({ parse: [] });
  });
  return { running, opened, clock };
}

async function helpText(running: RunningFeedBot): Promise<string> {
  const response = await (await running.fake.sendCommand(papers('help'))).response();
  expect(response.data.flags).toBe(EPHEMERAL);
  return response.data.embeds[0].description as string;
}

async function newPapers(running: RunningFeedBot): Promise<Payload> {
  const handle = await running.fake.sendCommand(papers('new'));
  await handle.response();
  return handle.edit(20_000);
}

const arxivIds = (message: Payload): string[] => message.embeds.map((embed: Payload) => String(embed.url).replace('https://huggingface.co/papers/', ''));

describe('a fresh bot with feeds on', () => {
  it('GIVEN Daily Papers upstream THEN it fetches the missed days at start, help reports it, and the scheduled digest posts the newest, most upvoted first', { timeout: 120_000 }, async () => {
    const { running, opened, clock } = await freshBot('2024-07-25T06:00:00Z');
    const channelId = running.fake.channelIds[0]!;
    const set = await running.fake.sendCommand({
      name: 'digest',
      options: [{ name: 'set', type: Opt.Subcommand, options: [
        { name: 'channel', type: Opt.Channel, value: channelId },
        { name: 'time', type: Opt.String, value: '09:00' },
        { name: 'timezone', type: Opt.String, value: 'UTC' },
        { name: 'count', type: Opt.Integer, value: 5 },
      ] }],
    });
    expect((await set.response()).data.content).toMatch(/^✅ Created the digest/);
    const before = opened.engine.papers.length;
    await clock.flush();
    // The first round was due at start: FEED_BACKFILL_DAYS=3 → 23, 24 and 25 July.
    expect(upstream.requestsTo('daily').map((r) => r.query.date)).toEqual(['2024-07-23', '2024-07-24', '2024-07-25']);
    expect(opened.engine.papers.length).toBe(before + 11);
    await opened.engine.indexed();

    const help = await helpText(running);
    expect(help).toMatch(/📡 \*\*Hugging Face Daily Papers\*\*: last fetched <t:\d+:R>, 13 papers fetched so far; next attempt <t:(\d+):R>\./);
    const next = Number(/next attempt <t:(\d+):R>/.exec(help)?.[1]);
    expect(next * 1000).toBe(Date.parse('2024-07-25T07:00:00Z'));

    await clock.advanceTo('2024-07-25T09:00:00Z');
    const [post] = running.fake.channelMessages(channelId) as Payload[];
    expect(post.content.split('\n')[0]).toBe('📰 **Daily papers** · Thursday 25 July 2024');
    expect(arxivIds(post)).toEqual(['2407.18001', '2407.18002', '2407.18004', '2407.18003', '2407.18005']);
    expect(post.embeds[0].title).toBe('1. Video Diffusion Transformers with Causal Temporal Attention');
  });

  it('GIVEN the upstream down at start THEN help and /papers new say it is unreachable; back up THEN the papers arrive on the next attempt', { timeout: 120_000 }, async () => {
    upstream.fault('daily', { kind: 'status', status: 503 }, Infinity);
    const { running, opened, clock } = await freshBot('2024-07-25T06:00:00Z');
    const before = opened.engine.papers.length;
    await clock.flush();
    expect(opened.engine.papers.length).toBe(before);

    const help = await helpText(running);
    expect(help).toMatch(/⚠️ \*\*Hugging Face Daily Papers\*\*: unreachable since <t:\d+:R> \(HTTP\\_5xx: [^)]*503[^)]*\); never fetched yet, 0 papers fetched so far; next attempt <t:\d+:R>\./);
    const empty = await newPapers(running);
    expect(empty.content).toMatch(/^I know of no Daily Papers from today \(Jul 25, 2024\) yet\. Hugging Face has been unreachable since <t:\d+:R>\. I'll fetch again <t:\d+:R>\.$/);

    upstream.clearFaults();
    const attempts = upstream.requestsTo('daily').length;
    await clock.advanceBy(HOUR_MS - 1);
    expect(upstream.requestsTo('daily')).toHaveLength(attempts);
    await clock.advanceBy(1);
    expect(opened.engine.papers.length).toBe(before + 11);
    expect(arxivIds(await newPapers(running))).toEqual(['2407.18001', '2407.18002', '2407.18004', '2407.18003', '2407.18005']);
    expect(await helpText(running)).toMatch(/📡 \*\*Hugging Face Daily Papers\*\*: last fetched <t:\d+:R>, 13 papers fetched so far/);
  });
});

describe('a bot with feeds off', () => {
  it('GIVEN FEED_ENABLED=false THEN nothing is fetched and help says fetching is off', async () => {
    const clock = new ManualClock('2024-07-25T06:00:00Z');
    const opened = await feedEngine(clock);
    cleanup.push(() => closeEngine(opened));
    const running = await startFeedBot({ opened, clock, upstream, fetching: false });
    cleanup.push(() => running.close());
    const requests = upstream.requests.length;
    await clock.advanceBy(3 * HOUR_MS);
    expect(upstream.requests.length).toBe(requests);
    expect(await helpText(running)).toContain('📡 Fetching new papers is off on this bot (FEED_ENABLED=false): papers arrive only through /papers add.');
  });
});
