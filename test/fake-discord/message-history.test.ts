/**
 * Self-test of the fake's channel history and nonce handling: GET /channels/{id}/messages paged the
 * way Discord pages it, and `enforce_nonce` posts de-duplicated while the nonce is fresh — driven
 * through the real discord.js REST client.
 */
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Events, GatewayIntentBits, MessageFlags, REST, Routes, type APIMessage } from 'discord.js';
import { FakeDiscord } from './fake-discord.js';

const TOKEN = `${'x'.repeat(24)}.${'y'.repeat(6)}.${'z'.repeat(27)}`;

let fake: FakeDiscord;
let client: Client;

beforeAll(async () => {
  fake = await FakeDiscord.start({ channelIds: Array.from({ length: 10 }, (_, i) => `12010000000000000${10 + i}`) });
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBase } });
  client.on(Events.InteractionCreate, (interaction) => {
    if (!interaction.isChatInputCommand()) return;
    const ephemeral = interaction.commandName === 'secret';
    void interaction.reply({ content: interaction.commandName, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
  });
  const ready = once(client, Events.ClientReady);
  await client.login(TOKEN);
  await ready;
});

afterAll(async () => {
  await client?.destroy();
  await fake?.close();
});

/** Each test gets channels of its own, so their histories do not mix. */
let nextChannel = 0;
function freshChannel(): string {
  const id = fake.channelIds[nextChannel++];
  if (id === undefined) throw new Error('add a channel id to the fake for this test');
  return id;
}

const post = (channelId: string, body: Record<string, unknown>) => client.rest.post(Routes.channelMessages(channelId), { body }) as Promise<APIMessage>;
const list = (channelId: string, query: Record<string, string> = {}) =>
  client.rest.get(Routes.channelMessages(channelId), { query: new URLSearchParams(query) }) as Promise<APIMessage[]>;
const contents = (messages: readonly APIMessage[]) => messages.map((m) => m.content);

describe('FakeDiscord channel history', () => {
  it('GIVEN posts, a user message and interaction replies THEN the list is newest first, full objects, nonces while fresh, no ephemeral replies', async () => {
    const channelId = freshChannel();
    await post(channelId, { content: 'one', nonce: 'n-one' });
    await post(channelId, { content: 'two' });
    fake.postAsUser(channelId, { content: 'hello bot' });
    await (await fake.sendCommand({ name: 'public', channelId })).response();
    await (await fake.sendCommand({ name: 'secret', channelId })).response();

    const messages = await list(channelId);
    expect(contents(messages)).toEqual(['public', 'hello bot', 'two', 'one']);
    expect(messages[3]).toMatchObject({ id: expect.stringMatching(/^\d{17,20}$/), channel_id: channelId, author: { id: fake.applicationId, bot: true }, nonce: 'n-one' });
    expect(messages[2]).not.toHaveProperty('nonce');
    expect(messages[1]?.author).toMatchObject({ bot: false });
    expect(contents(fake.channelMessages(channelId) as APIMessage[])).toEqual(['one', 'two']);
    const single = (await client.rest.get(Routes.channelMessage(channelId, messages[3]?.id ?? ''))) as APIMessage;
    expect(single.nonce).toBe('n-one');
  });

  it('GIVEN seven messages THEN limit, before, after and around pick the pages Discord would, each newest first', async () => {
    const channelId = freshChannel();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await post(channelId, { content: `m${i}` })).id);
    const at = (i: number) => ids[i] ?? '';
    expect(contents(await list(channelId, { limit: '3' }))).toEqual(['m6', 'm5', 'm4']);
    expect(contents(await list(channelId, { before: at(3), limit: '2' }))).toEqual(['m2', 'm1']);
    // The two right after m3, not the two newest.
    expect(contents(await list(channelId, { after: at(3), limit: '2' }))).toEqual(['m5', 'm4']);
    expect(contents(await list(channelId, { around: at(3), limit: '3' }))).toEqual(['m4', 'm3', 'm2']);
    expect(contents(await list(channelId, { around: at(3), limit: '1' }))).toEqual(['m3']);
    expect(contents(await list(channelId, { after: at(6) }))).toEqual([]);
    expect(await list(channelId, { limit: '100' })).toHaveLength(7);
  });

  it('GIVEN a bad limit, a bad id or two anchors THEN 400 Invalid Form Body naming the field', async () => {
    const channelId = freshChannel();
    const refused = (query: Record<string, string>, field: string) =>
      expect(list(channelId, query)).rejects.toMatchObject({ status: 400, code: 50035, rawError: { errors: { [field]: { _errors: [expect.anything()] } } } });
    await refused({ limit: '0' }, 'limit');
    await refused({ limit: '101' }, 'limit');
    await refused({ limit: 'ten' }, 'limit');
    await refused({ before: 'not-an-id' }, 'before');
    await refused({ before: '1', after: '2' }, 'after');
  });

  it('GIVEN a deleted, forbidden or history-less channel THEN the list gets 404/10003, 403/50001, or 200 with nothing in it', async () => {
    const channelId = freshChannel();
    const posted = await post(channelId, { content: 'kept' });
    fake.setChannelState(channelId, 'no-history');
    expect(await list(channelId)).toEqual([]);
    await expect(client.rest.get(Routes.channelMessage(channelId, posted.id))).rejects.toMatchObject({ status: 403, code: 50013 });
    await post(channelId, { content: 'still allowed to post' });
    fake.setChannelState(channelId, 'forbidden');
    await expect(list(channelId)).rejects.toMatchObject({ status: 403, code: 50001 });
    fake.setChannelState(channelId, 'deleted');
    await expect(list(channelId)).rejects.toMatchObject({ status: 404, code: 10003 });
    fake.setChannelState(channelId, 'ok');
    expect(contents(await list(channelId))).toEqual(['still allowed to post', 'kept']);
  });
});

describe('FakeDiscord nonces', () => {
  it('GIVEN enforce_nonce and a nonce already used in the channel THEN the original comes back (200) and no second message is made', async () => {
    const [channelA, channelB] = [freshChannel(), freshChannel()];
    const first = await post(channelA, { content: 'digest', nonce: 'same-nonce', enforce_nonce: true });
    const again = await post(channelA, { content: 'digest, edited meanwhile', nonce: 'same-nonce', enforce_nonce: true });
    expect(again).toMatchObject({ id: first.id, content: 'digest', nonce: 'same-nonce' });
    expect(fake.channelMessages(channelA)).toHaveLength(1);
    // Another channel, or no enforce_nonce: no de-duplication.
    expect((await post(channelB, { content: 'digest', nonce: 'same-nonce', enforce_nonce: true })).id).not.toBe(first.id);
    expect((await post(channelA, { content: 'digest', nonce: 'same-nonce' })).id).not.toBe(first.id);
  });

  it('GIVEN the nonce window has passed THEN the nonce is no longer returned and a repeat makes a new message', async () => {
    const channelId = freshChannel();
    const first = await post(channelId, { content: 'old', nonce: 'expiring', enforce_nonce: true });
    fake.expireNonces();
    const listed = await list(channelId, { around: first.id, limit: '1' });
    expect(listed[0]).toMatchObject({ id: first.id, content: 'old' });
    expect(listed[0]).not.toHaveProperty('nonce');
    const repeat = await post(channelId, { content: 'old', nonce: 'expiring', enforce_nonce: true });
    expect(repeat.id).not.toBe(first.id);
    expect(repeat.nonce).toBe('expiring');
  });

  it('GIVEN a user message with the nonce THEN the bot is not de-duplicated against it (same author only)', async () => {
    const channelId = freshChannel();
    const typed = fake.postAsUser(channelId, { content: 'mine', nonce: 'shared' });
    const posted = await post(channelId, { content: 'bot', nonce: 'shared', enforce_nonce: true });
    expect(posted.id).not.toBe(typed.id);
  });

  it('GIVEN a nonce over 25 characters THEN 400 Invalid Form Body on nonce', async () => {
    await expect(post(freshChannel(), { content: 'x', nonce: 'n'.repeat(26) })).rejects.toMatchObject({ status: 400, code: 50035, rawError: { errors: { nonce: expect.anything() } } });
  });

  it('GIVEN the answer to a post is held past the client timeout THEN discord.js retries, and with enforce_nonce the retry returns the one message', async () => {
    const channelId = freshChannel();
    const impatient = new REST({ api: fake.apiBase, timeout: 500 }).setToken(TOKEN);
    const path = `/channels/${channelId}/messages`;

    const held = fake.holdNext((method, p) => method === 'POST' && p === path);
    const sent = impatient.post(Routes.channelMessages(channelId), { body: { content: 'once', nonce: 'timeout-retry', enforce_nonce: true } }) as Promise<APIMessage>;
    const first = await held.request;
    const message = await sent;
    held.release();
    const stored = fake.channelMessages(channelId) as APIMessage[];
    expect(stored).toHaveLength(1);
    expect(message).toMatchObject({ id: stored[0]?.id, content: 'once' });
    expect(first.status).toBe(200);
    const attempts = fake.requests.filter((r) => r.method === 'POST' && r.path === path && (r.body as { nonce?: string }).nonce === 'timeout-retry');
    expect(attempts).toHaveLength(2);
    expect(attempts[0]).toBe(first);

    // Without the nonce the same retry duplicates the post: what the digest poster must avoid.
    const heldAgain = fake.holdNext((method, p) => method === 'POST' && p === path);
    const duplicated = impatient.post(Routes.channelMessages(channelId), { body: { content: 'twice' } });
    await heldAgain.request;
    await duplicated;
    heldAgain.release();
    expect(contents(fake.channelMessages(channelId) as APIMessage[]).filter((c) => c === 'twice')).toHaveLength(2);
  });
});
