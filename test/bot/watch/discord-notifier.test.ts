/**
 * The watch notifier through a real discord.js client against the fake
 * Discord: one DM per notice in the user's DM channel (opened once), no
 * mentions, only as many cards as a message holds reported as delivered;
 * closed DMs are final ("closed"), a server error is not ("failed").
 */
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { Limits } from '../../../bot/render/limits.js';
import { WATCH_FOOTNOTE } from '../../../bot/render/watch-notice.js';
import { DiscordWatchNotifier } from '../../../bot/watch/discord-notifier.js';
import type { Paper } from '../../../src/corpus/index.js';
import { createLogger } from '../../../src/logger.js';
import type { WatchMatch, WatchNotice } from '../../../src/watch/watch-notifier.js';
import { FakeDiscord, type Payload } from '../../fake-discord/fake-discord.js';
import { LogCapture, TOKEN } from '../harness.js';
import { hitOf, longestPapers, realPapers } from '../render/real-papers.js';

let fake: FakeDiscord;
let client: Client;
let notifier: DiscordWatchNotifier;
let papers: Paper[];
const logs = new LogCapture();
let nextUser = 1;
const user = (): string => String(1_320_000_000_000_000_000n + BigInt(nextUser++));

const match = (paper: Paper, topic = 'federated learning', watchId = 'w1'): WatchMatch => ({ watchId, topic, card: hitOf(paper, paper.abstract.slice(0, 300)) });

beforeAll(async () => {
  fake = await FakeDiscord.start();
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBase } });
  const ready = once(client, Events.ClientReady);
  await client.login(TOKEN);
  await ready;
  notifier = new DiscordWatchNotifier(client, createLogger('debug', logs.stream));
  papers = (await realPapers()).slice(0, 3);
});

afterAll(async () => {
  await client.destroy();
  await fake.close();
});

describe('DiscordWatchNotifier', () => {
  it('GIVEN a notice THEN one DM in the user’s DM channel: the watch, a card per paper, no mentions; all reported delivered', async () => {
    const userId = user();
    const notice: WatchNotice = { userId, matches: papers.map((paper) => match(paper)) };
    expect(await notifier.send(notice)).toEqual({ kind: 'sent', delivered: papers.map((p) => p.id) });
    const [dm] = fake.dmsTo(userId) as Payload[];
    expect(dm.content).toBe(`📬 3 new papers for your watch “federated learning”:\n${WATCH_FOOTNOTE}`);
    expect(dm.embeds.map((e: Payload) => e.url)).toEqual(papers.map((p) => p.url));
    expect(dm.embeds[0].title).toMatch(/^1\. /);
    const post = fake.requests.find((r) => r.method === 'POST' && r.path === `/channels/${dm.channel_id}/messages`);
    expect((post?.body as Payload).allowed_mentions).toEqual({ parse: [] });
  });

  it('GIVEN two notices to one user THEN the DM channel is opened once', async () => {
    const userId = user();
    await notifier.send({ userId, matches: [match(papers[0]!)] });
    await notifier.send({ userId, matches: [match(papers[1]!)] });
    expect(fake.requests.filter((r) => r.path === '/users/@me/channels' && (r.body as Payload).recipient_id === userId)).toHaveLength(1);
    expect(fake.dmsTo(userId)).toHaveLength(2);
    expect((fake.dmsTo(userId)[0] as Payload).content.split('\n')[0]).toBe('📬 A new paper for your watch “federated learning”:');
  });

  it('GIVEN matches of two watches THEN the heading names both and each card says which watch it answers', async () => {
    const userId = user();
    await notifier.send({ userId, matches: [match(papers[0]!, 'diffusion', 'a'), match(papers[1]!, '@everyone *speech*', 'b')] });
    const [dm] = fake.dmsTo(userId) as Payload[];
    expect(dm.content.split('\n')[0]).toBe('📬 2 new papers for your watches “diffusion”, “@\u200beveryone \\*speech\\*”:');
    expect(dm.embeds[1].fields.at(-1)).toEqual({ name: 'Watch', value: '“@\u200beveryone \\*speech\\*”' });
  });

  it(`GIVEN more matches than a message holds THEN ${Limits.embedsPerMessage} cards at most, within Discord's limits, and only those reported delivered`, async () => {
    const userId = user();
    const long = await longestPapers(14);
    const outcome = await notifier.send({ userId, matches: long.map((paper) => ({ watchId: 'w', topic: 'anything', card: hitOf(paper) })) });
    const [dm] = fake.dmsTo(userId) as Payload[];
    expect(dm.embeds.length).toBeLessThanOrEqual(Limits.embedsPerMessage);
    expect(outcome).toEqual({ kind: 'sent', delivered: long.slice(0, dm.embeds.length).map((p) => p.id) });
  });

  it('GIVEN a user whose DMs are closed THEN "closed" with the reason for /papers watches, and nothing is kept', async () => {
    const userId = user();
    fake.setDmsClosed(userId);
    const outcome = await notifier.send({ userId, matches: [match(papers[0]!)] });
    expect(outcome).toEqual({ kind: 'closed', reason: 'Discord would not deliver my DM (your DMs are closed to me, 50007 Cannot send messages to this user)' });
    expect(fake.dmsTo(userId)).toEqual([]);
    expect(logs.find('watch DM refused').at(-1)).toMatchObject({ userId, outcome: { kind: 'closed' } });
  });

  it('GIVEN Discord failing beyond discord.js’s retries THEN "failed", which the watch service retries later', async () => {
    const userId = user();
    fake.failNext((method, path) => method === 'POST' && path === '/users/@me/channels', 500, 4);
    const outcome = await notifier.send({ userId, matches: [match(papers[0]!)] });
    expect(outcome).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/^500 /) });
    expect(await notifier.send({ userId, matches: [match(papers[0]!)] })).toMatchObject({ kind: 'sent' });
  });

  it('GIVEN the cached DM channel unknown to Discord (10003) THEN "failed", and the next notice opens the channel again', async () => {
    const userId = user();
    await notifier.send({ userId, matches: [match(papers[0]!)] });
    const opens = () => fake.requests.filter((r) => r.path === '/users/@me/channels' && (r.body as Payload).recipient_id === userId).length;
    expect(opens()).toBe(1);
    fake.failNext((method, path) => method === 'POST' && path.startsWith('/channels/'), 404, 1, { code: 10003, message: 'Unknown Channel' });
    expect(await notifier.send({ userId, matches: [match(papers[1]!)] })).toMatchObject({ kind: 'failed', reason: '404 Unknown Channel' });
    expect(await notifier.send({ userId, matches: [match(papers[1]!)] })).toMatchObject({ kind: 'sent' });
    expect(opens()).toBe(2);
  });
});
