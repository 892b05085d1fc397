/**
 * The digest's Discord poster through a real discord.js client against the fake Discord: what a post
 * sends, how a repeated nonce stays one message, how a restarted bot finds its post in the channel's
 * history (by nonce, then by the ref line once Discord forgot the nonce), and which refusals pause.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Events, GatewayIntentBits, Routes, type APIMessage } from 'discord.js';
import { DiscordDigestPoster, HISTORY_PAGE } from '../../../bot/digest/discord-poster.js';
import { EXHAUSTED_TEXT, refLine } from '../../../bot/digest/render-digest.js';
import { cardFor } from '../../../src/digest/digest-cards.js';
import type { DigestMessage } from '../../../src/digest/digest-message.js';
import { createLogger } from '../../../src/logger.js';
import { FakeDiscord, type Payload } from '../../fake-discord/fake-discord.js';
import { LogCapture, TOKEN } from '../harness.js';
import { hitOf, realPapers } from '../render/real-papers.js';

const CHANNELS = 20;
/** Every intent in this file is recorded after this instant. */
const SINCE = new Date();

let fake: FakeDiscord;
let client: Client;
let poster: DiscordDigestPoster;
let papersMessage: DigestMessage;
const logs = new LogCapture();

beforeAll(async () => {
  fake = await FakeDiscord.start({ channelIds: Array.from({ length: CHANNELS }, (_, i) => `13010000000000000${10 + i}`) });
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBase } });
  const ready = once(client, Events.ClientReady);
  await client.login(TOKEN);
  await ready;
  poster = new DiscordDigestPoster(client, createLogger('debug', logs.stream));
  // Five real papers with their whole abstracts as summaries: the longest cards a digest can carry.
  const papers = (await realPapers()).slice(0, 5);
  papersMessage = {
    kind: 'papers', dateLabel: 'Monday 30 March 2026', topic: null, lateFor: null,
    cards: papers.map((paper, i) => cardFor(hitOf(paper, paper.abstract), i === 0)),
  };
});

afterAll(async () => {
  await client?.destroy();
  await fake?.close();
});

/** Each test posts in channels of its own, so one test's messages never satisfy another's lookup. */
let used = 0;
function freshChannel(): string {
  const id = fake.channelIds[used++];
  if (id === undefined) throw new Error('raise CHANNELS');
  return id;
}

/** A nonce as the runner makes one. */
const newNonce = (): string => randomBytes(12).toString('base64url');
const postsTo = (channelId: string) => fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
const historyReads = (channelId: string) => fake.requests.filter((r) => r.method === 'GET' && r.path === `/channels/${channelId}/messages`);
const stored = (channelId: string) => fake.channelMessages(channelId) as Payload[];

describe('DiscordDigestPoster.post', () => {
  it('GIVEN a digest of real papers THEN one message with nonce, enforce_nonce, no mentions and the ref line, and the outcome names it', async () => {
    const channelId = freshChannel();
    const nonce = newNonce();
    const outcome = await poster.post(channelId, papersMessage, nonce);
    const [message] = stored(channelId);
    expect(outcome).toEqual({ kind: 'posted', messageId: message?.id });
    const body = postsTo(channelId)[0]?.body as Payload;
    expect(body).toMatchObject({ nonce, enforce_nonce: true, allowed_mentions: { parse: [] } });
    expect(message.content.split('\n')).toContain(refLine(nonce));
    expect(message.embeds).toHaveLength(5);
  });

  it('GIVEN a topic and a paper title with mentions THEN the stored message shows them neutralised', async () => {
    const channelId = freshChannel();
    const [card, ...rest] = papersMessage.kind === 'papers' ? papersMessage.cards : [];
    const message: DigestMessage = {
      kind: 'papers', dateLabel: 'Monday 30 March 2026', topic: '@everyone diffusion', lateFor: null,
      cards: [{ ...card!, title: '<@123456789012345678> on model merging' }, ...rest],
    };
    await poster.post(channelId, message, newNonce());
    const [stored0] = stored(channelId);
    expect(stored0.content).toContain('📰 **Daily papers on “@\u200beveryone diffusion”**');
    expect(stored0.embeds[0].title).toBe('🆕 1. <@\u200b123456789012345678> on model merging');
  });

  it('GIVEN an exhausted digest THEN the one-line message still carries the ref line', async () => {
    const channelId = freshChannel();
    const nonce = newNonce();
    await poster.post(channelId, { kind: 'exhausted', dateLabel: 'Monday 30 March 2026', topic: 'diffusion', lateFor: null }, nonce);
    const [message] = stored(channelId);
    expect(message.content).toContain(EXHAUSTED_TEXT);
    expect(message.content).toContain(refLine(nonce));
    expect(message.embeds).toEqual([]);
  });

  it('GIVEN the same nonce posted twice (a restart re-posting its intent) THEN the channel has one message and both outcomes name it', async () => {
    const channelId = freshChannel();
    const nonce = newNonce();
    const first = await poster.post(channelId, papersMessage, nonce);
    const again = await poster.post(channelId, papersMessage, nonce);
    expect(postsTo(channelId).map((r) => r.status)).toEqual([200, 200]);
    expect(stored(channelId)).toHaveLength(1);
    expect(again).toEqual(first);
  });

  it('GIVEN the answer to the post times out THEN discord.js re-sends it and the nonce keeps it one message', async () => {
    const channelId = freshChannel();
    const impatient = new Client({ intents: [], rest: { api: fake.apiBase, timeout: 500 } });
    impatient.rest.setToken(TOKEN);
    try {
      const held = fake.holdNext((method, path) => method === 'POST' && path === `/channels/${channelId}/messages`);
      const outcome = await new DiscordDigestPoster(impatient, createLogger('silent')).post(channelId, papersMessage, newNonce());
      held.release();
      expect(postsTo(channelId)).toHaveLength(2);
      expect(stored(channelId)).toHaveLength(1);
      expect(outcome).toEqual({ kind: 'posted', messageId: stored(channelId)[0]?.id });
    } finally {
      await impatient.destroy();
    }
  });

  it('GIVEN one 500 THEN discord.js retries at once and the digest is posted once', async () => {
    const channelId = freshChannel();
    fake.failNext((method, path) => method === 'POST' && path === `/channels/${channelId}/messages`, 500);
    expect((await poster.post(channelId, papersMessage, newNonce())).kind).toBe('posted');
    expect(postsTo(channelId).map((r) => r.status)).toEqual([500, 200]);
    expect(stored(channelId)).toHaveLength(1);
  });

  it('GIVEN 5xx on every retry THEN the outcome is failed (retried later), not paused, and the channel still takes the next post', async () => {
    const channelId = freshChannel();
    fake.failNext((method, path) => method === 'POST' && path === `/channels/${channelId}/messages`, 503, 4);
    const outcome = await poster.post(channelId, papersMessage, newNonce());
    expect(outcome).toEqual({ kind: 'failed', reason: expect.any(String) });
    expect(postsTo(channelId).map((r) => r.status)).toEqual([503, 503, 503, 503]);
    expect((await poster.post(channelId, papersMessage, newNonce())).kind).toBe('posted');
  });

  it('GIVEN a deleted channel THEN paused with the reason, nothing posted, and the refusal logged', async () => {
    const channelId = freshChannel();
    fake.setChannelState(channelId, 'deleted');
    expect(await poster.post(channelId, papersMessage, newNonce())).toEqual({ kind: 'paused', reason: 'the channel no longer exists (404 Unknown Channel)' });
    expect(stored(channelId)).toEqual([]);
    expect(logs.find('digest post refused').some((line) => line.channelId === channelId)).toBe(true);
  });

  it('GIVEN a channel the bot cannot see THEN paused (403 Missing Access)', async () => {
    const channelId = freshChannel();
    fake.setChannelState(channelId, 'forbidden');
    expect(await poster.post(channelId, papersMessage, newNonce())).toEqual({ kind: 'paused', reason: 'I cannot see that channel (403 Missing Access)' });
  });

  it('GIVEN 403 Missing Permissions (no Send Messages / Embed Links) THEN paused, naming the permissions', async () => {
    const channelId = freshChannel();
    fake.failNext((method, path) => method === 'POST' && path === `/channels/${channelId}/messages`, 403, 1, { code: 50013, message: 'Missing Permissions' });
    const outcome = await poster.post(channelId, papersMessage, newNonce());
    expect(outcome).toMatchObject({ kind: 'paused', reason: expect.stringContaining('Send Messages and Embed Links') });
  });
});

describe('DiscordDigestPoster.find', () => {
  it('GIVEN a bot message with the nonce (inside the window) THEN found by the nonce alone, reading one recent page', async () => {
    const channelId = freshChannel();
    const nonce = newNonce();
    // No ref line in it: only the nonce can match.
    const raw = (await client.rest.post(Routes.channelMessages(channelId), { body: { content: 'no ref line here', nonce } })) as APIMessage;
    expect(await poster.find(channelId, nonce, SINCE)).toEqual({ kind: 'found', messageId: raw.id });
    expect(historyReads(channelId).map((r) => r.query.get('limit'))).toEqual([String(HISTORY_PAGE)]);
    fake.expireNonces();
    expect(await poster.find(channelId, nonce, SINCE)).toEqual({ kind: 'absent' });
  });

  it('GIVEN Discord forgot the nonce THEN the digest post is found by its ref line', async () => {
    const channelId = freshChannel();
    const nonce = newNonce();
    const posted = await poster.post(channelId, papersMessage, nonce);
    fake.postAsUser(channelId, { content: 'thanks for the papers' });
    fake.expireNonces();
    const [, digestPost] = (await client.rest.get(Routes.channelMessages(channelId))) as APIMessage[];
    expect(digestPost).not.toHaveProperty('nonce');
    expect(await poster.find(channelId, nonce, SINCE)).toEqual({ kind: 'found', messageId: posted.kind === 'posted' ? posted.messageId : '' });
  });

  it('GIVEN other digest posts and a user quoting the ref line THEN absent: only the bot own post with this nonce counts', async () => {
    const channelId = freshChannel();
    const nonce = newNonce();
    await poster.post(channelId, papersMessage, newNonce());
    fake.postAsUser(channelId, { content: `what does ${refLine(nonce)} mean?`, nonce });
    expect(await poster.find(channelId, nonce, SINCE)).toEqual({ kind: 'absent' });
  });

  it('GIVEN a deleted channel THEN paused; GIVEN a channel the bot cannot see THEN absent, logged, and the re-post pauses', async () => {
    const deleted = freshChannel();
    fake.setChannelState(deleted, 'deleted');
    expect(await poster.find(deleted, newNonce(), SINCE)).toEqual({ kind: 'paused', reason: 'the channel no longer exists (404 Unknown Channel)' });

    const hidden = freshChannel();
    fake.setChannelState(hidden, 'forbidden');
    const nonce = newNonce();
    expect(await poster.find(hidden, nonce, SINCE)).toEqual({ kind: 'absent' });
    expect(logs.find('digest: cannot read recent messages to reconcile; re-posting with the same nonce').some((line) => line.channelId === hidden)).toBe(true);
    expect((await poster.post(hidden, papersMessage, nonce)).kind).toBe('paused');
  });

  it('GIVEN no Read Message History (Discord lists nothing) THEN absent, and the re-post inside the nonce window is still one message', async () => {
    const channelId = freshChannel();
    const nonce = newNonce();
    await poster.post(channelId, papersMessage, nonce);
    fake.setChannelState(channelId, 'no-history');
    expect(await poster.find(channelId, nonce, SINCE)).toEqual({ kind: 'absent' });
    await poster.post(channelId, papersMessage, nonce);
    expect(stored(channelId)).toHaveLength(1);
  });

  it('GIVEN 5xx on every retry of the history read THEN failed (wait and retry), not paused and not absent', async () => {
    const channelId = freshChannel();
    fake.failNext((method, path) => method === 'GET' && path === `/channels/${channelId}/messages`, 502, 4);
    expect(await poster.find(channelId, newNonce(), SINCE)).toEqual({ kind: 'failed', reason: expect.any(String) });
  });

  it('regression: GIVEN more than a page of messages after the post and the nonce forgotten THEN it is still found', async () => {
    const channelId = freshChannel();
    const nonce = newNonce();
    await poster.post(channelId, papersMessage, nonce);
    for (let i = 0; i < HISTORY_PAGE + 60; i++) fake.postAsUser(channelId, { content: `chat ${i}` });
    fake.expireNonces();
    expect((await poster.find(channelId, nonce, SINCE)).kind).toBe('found');
  });
});
