/**
 * `/papers new` end to end: a bot whose feeds fetched the fake upstream's
 * Daily Papers of 24 and 25 July 2024 lists them most upvoted first, or a
 * topic's confident matches, pages them like `about`, and says plainly when
 * a period has no papers — and why, when fetching knows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Limits } from '../../../bot/render/limits.js';
import { FETCHING_OFF } from '../../../bot/render/feed-status.js';
import { papers, sentMessages, type PrivateEngine } from '../../bot/harness.js';
import { closeEngine, closeSharedEmbedder, feedEngine, startFeedBot, type RunningFeedBot } from '../../bot/feeds/feed-bot.js';
import type { Payload } from '../../fake-discord/fake-discord.js';
import { FakeUpstream } from '../../fake-upstream/fake-upstream.js';
import { ManualClock } from '../../support/manual-clock.js';

const ZWSP = '\u200b';

let upstream: FakeUpstream;
let opened: PrivateEngine;
let running: RunningFeedBot;
const clock = new ManualClock('2024-07-25T10:00:00Z');
const arxivOf = new Map<string, string>();

beforeAll(async () => {
  upstream = await FakeUpstream.start({ lifetimeMs: 600_000 });
  opened = await feedEngine(clock);
  running = await startFeedBot({ opened, clock, upstream });
  // The first round is due at start: 23, 24 and 25 July (FEED_BACKFILL_DAYS=3).
  await clock.flush();
  await opened.engine.indexed();
  for (const paper of opened.engine.papers) if (paper.arxivId !== null) arxivOf.set(paper.id, paper.arxivId);
});

afterAll(async () => {
  await running.close();
  for (const { body } of sentMessages(running.fake)) expect(body.allowed_mentions).toEqual({ parse: [] });
  await closeEngine(opened);
  await closeSharedEmbedder();
  await upstream.close();
});

async function newPapers(options: Record<string, string | number> = {}): Promise<Payload> {
  const handle = await running.fake.sendCommand(papers('new', options));
  expect((await handle.response()).type).toBe(5);
  return handle.edit(20_000);
}

/** The arXiv ids of a page's cards, by the paper each card links to. */
const shown = (page: Payload): string[] => page.embeds.map((embed: Payload) => String(embed.url).replace('https://huggingface.co/papers/', ''));
const buttons = (page: Payload): Payload[] => page.components.flatMap((row: Payload) => row.components).filter((c: Payload) => c.type === 2);

describe('/papers new', () => {
  it('GIVEN no options THEN today’s Daily Papers, most upvoted first (a paper first listed yesterday is yesterday’s)', async () => {
    const page = await newPapers();
    expect(page.content).toBe('Daily Papers of today (Jul 25, 2024), most upvoted first (results 1–5 of 5)');
    expect(shown(page)).toEqual(['2407.18001', '2407.18002', '2407.18004', '2407.18003', '2407.18005']);
    expect(page.embeds[0].footer.text).toContain('▲ 24');
  });

  it('GIVEN days:2 and count:5 THEN the two days page on with More results, and the hostile title renders inert', async () => {
    const first = await newPapers({ days: 2, count: 5 });
    expect(first.content).toBe('Daily Papers of the last 2 days (since Jul 24, 2024), most upvoted first (results 1–5 of 12)');
    expect(shown(first)).toEqual(['2407.17002', '2407.18001', '2407.18002', '2407.18004', '2407.17004']);
    const more = buttons(first).find((b: Payload) => b.label === 'More results ▶');
    expect(more.custom_id.length).toBeLessThanOrEqual(Limits.customId);
    const second = await (await running.fake.sendComponent({ customId: more.custom_id, componentType: 2 })).edit();
    expect(second.content).toContain('(results 6–10 of 12)');
    expect(shown(second)).toEqual(['2407.18003', '2407.17003', '2407.17007', '2407.18005', '2407.16001']);
    const last = buttons(second).find((b: Payload) => b.label === 'More results ▶');
    const third = await (await running.fake.sendComponent({ customId: last.custom_id, componentType: 2 })).edit();
    expect(third.content).toContain('(results 11–12 of 12)');
    expect(shown(third)).toEqual(['2407.17006', '2407.17005']);
    expect(buttons(third).map((b: Payload) => b.label)).toEqual(['◀ Previous']);
    const hostile = third.embeds[0].title as string;
    expect(hostile).toContain(`@${ZWSP}everyone`);
    expect(hostile).not.toMatch(/@everyone/);
    expect(hostile).toContain('\\*\\*Attention\\*\\*');
    expect(third.allowed_mentions).toEqual({ parse: [] });
  });

  it('GIVEN a topic THEN only its confident matches among those days, nearest first', async () => {
    const page = await newPapers({ days: 2, topic: 'video diffusion' });
    expect(page.content).toMatch(/^Daily Papers of the last 2 days \(since Jul 24, 2024\) about “video diffusion” \(results 1–\d of \d\)$/);
    expect(shown(page)[0]).toBe('2407.18001');
    const all = await opened.engine.newPapers({ dailyFrom: '2024-07-24', k: 50 });
    expect(page.embeds.length).toBeLessThan(all.total);
  });

  it('GIVEN a topic none of those days is about THEN it says so, naming the topic', async () => {
    const handle = await running.fake.sendCommand(papers('new', { days: 2, topic: 'protein folding with **graph** networks' }));
    await handle.response();
    const page = await handle.edit(20_000);
    expect(page.content).toBe('None of the Daily Papers from the last 2 days (since Jul 24, 2024) is a close match for “protein folding with \\*\\*graph\\*\\* networks”.');
    expect(page.embeds).toEqual([]);
  });

  it('GIVEN days out of range THEN a private refusal', async () => {
    const response = await (await running.fake.sendCommand(papers('new', { days: 8 }))).response();
    expect(response.data).toMatchObject({ flags: 64, content: 'days must be between 1 and 7.' });
  });

  it('GIVEN a day nothing was listed on (27 July is empty upstream) THEN it says so, and when papers were last fetched', async () => {
    await clock.advanceTo('2024-07-27T10:00:00Z');
    const page = await newPapers();
    expect(page.content).toMatch(/^I know of no Daily Papers from today \(Jul 27, 2024\) yet\. Daily Papers were last fetched <t:\d+:R>\. I'll fetch again <t:\d+:R>\.$/);
    // The rounds on the way fetched the 26th, so yesterday is not empty.
    expect(shown(await newPapers({ days: 2 }))).toContain('2407.19002');
  });
});

describe('/papers new with fetching off', () => {
  it('GIVEN FEED_ENABLED=false and no papers for the period THEN it says fetching is off', async () => {
    await running.close();
    running = await startFeedBot({ opened, clock, fetching: false });
    await clock.advanceTo('2024-07-30T10:00:00Z');
    const page = await newPapers();
    expect(page.content).toBe(`I know of no Daily Papers from today (Jul 30, 2024) yet. ${FETCHING_OFF}`);
  });
});
