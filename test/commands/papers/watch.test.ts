/**
 * `/papers watch`, `/papers watches` and `/papers unwatch` end to end, and
 * the DMs watches send: the real bot fetching the fake upstream's Daily
 * Papers on a hand-moved clock, the real engine deciding what matches, the
 * real discord.js client DMing through the fake Discord. At most one DM a day
 * here (WATCH_MAX_DMS_PER_DAY=1), so the cap is reached by the first DM.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Limits } from '../../../bot/render/limits.js';
import { NO_WATCHES } from '../../../bot/render/watch-list.js';
import { MAX_WATCHES_PER_USER } from '../../../src/watch/watch-record.js';
import { EPHEMERAL, papers, sentMessages, type PrivateEngine } from '../../bot/harness.js';
import { closeEngine, closeSharedEmbedder, feedEngine, startFeedBot, type RunningFeedBot } from '../../bot/feeds/feed-bot.js';
import type { FakeUser, Payload } from '../../fake-discord/fake-discord.js';
import { FakeUpstream } from '../../fake-upstream/fake-upstream.js';
import { ManualClock } from '../../support/manual-clock.js';

const FIXTURES = path.join(import.meta.dirname, '../../fake-upstream/fixtures/huggingface/daily');
const ALICE: FakeUser = { id: '1310000000000000001', username: 'alice' };
const BOB: FakeUser = { id: '1310000000000000002', username: 'bob' };
const CAROL: FakeUser = { id: '1310000000000000003', username: 'carol' };
const CURATOR: FakeUser = { id: '1310000000000000004', username: 'curator' };

let upstream: FakeUpstream;
let opened: PrivateEngine;
let running: RunningFeedBot;
const clock = new ManualClock('2024-07-25T06:00:00Z');

async function as(user: FakeUser, sub: string, options: Record<string, string | number> = {}): Promise<Payload> {
  const handle = await running.fake.sendCommand({ ...papers(sub, options), user });
  const response = await handle.response();
  return response.type === 5 ? handle.edit(20_000) : response.data;
}

const paperId = (arxivId: string): string => opened.engine.papers.find((p) => p.arxivId === arxivId)?.id ?? `unknown ${arxivId}`;

beforeAll(async () => {
  upstream = await FakeUpstream.start({ lifetimeMs: 600_000 });
  opened = await feedEngine(clock);
  // A whole fetch round (three days fetched, then embedded) must make one batch: a generous quiet time.
  running = await startFeedBot({ opened, clock, upstream, env: { WATCH_MAX_DMS_PER_DAY: '1' }, watch: { debounceMs: 1_500, maxWaitMs: 15_000 } });
  // Made before the first fetch, so its papers are news to them.
  await as(ALICE, 'watch', { topic: 'video diffusion' });
  await as(ALICE, 'watch', { topic: 'KV cache compression' });
  await clock.flush();
  await running.batches.covering(paperId('2407.18001'));
});

afterAll(async () => {
  await running.close();
  // Opening a DM channel (`{ recipient_id }`) is the one request with a body that is no message.
  for (const { path: route, body } of sentMessages(running.fake)) if (route !== '/users/@me/channels') expect(body.allowed_mentions).toEqual({ parse: [] });
  await closeEngine(opened);
  await closeSharedEmbedder();
  await upstream.close();
});

describe('watch DMs', () => {
  it('GIVEN a watch made before the first fetch THEN its owner gets one DM listing the matching new paper', () => {
    const [dm] = running.fake.dmsTo(ALICE.id);
    expect(running.fake.dmsTo(ALICE.id)).toHaveLength(1);
    expect(dm.content.split('\n')[0]).toMatch(/^📬 (A new paper|\d+ new papers) for your watch “video diffusion”:$/);
    expect(dm.embeds[0]).toMatchObject({ url: 'https://huggingface.co/papers/2407.18001', title: '1. Video Diffusion Transformers with Causal Temporal Attention' });
    expect(dm.allowed_mentions).toBeUndefined();
    const posted = running.fake.requests.find((r) => r.method === 'POST' && r.path === `/channels/${dm.channel_id}/messages`);
    expect((posted?.body as Payload).allowed_mentions).toEqual({ parse: [] });
  });

  it('GIVEN a second fetch of the same day that re-embeds the paper (its abstract grew) THEN no second DM', async () => {
    const before = running.fake.dmsTo(ALICE.id).length;
    const day = JSON.parse(await readFile(path.join(FIXTURES, '2024-07-25.json'), 'utf8')) as Payload[];
    const item = day.find((entry) => entry.paper.id === '2407.18001');
    item.paper.summary += ' We also release the training code and the evaluation suite.';
    upstream.setDay('2024-07-25', day);
    const textBefore = (await opened.engine.paper(paperId('2407.18001')))?.textHash;
    await clock.advanceBy(60 * 60_000);
    // The batch closes after a quiet time of at most 15 s (see beforeAll), after the model re-embedded the paper: on a
    // loaded machine that took more than the 20 s this waited before.
    const batch = await running.batches.waitFor((b) => b.paperIds.includes(paperId('2407.18001')) && b !== running.batches.batches[0], 50_000, 'the re-embedded paper');
    expect((await opened.engine.paper(paperId('2407.18001')))?.textHash).not.toBe(textBefore);
    expect(batch.notices.filter((n) => n.userId === ALICE.id)).toEqual([]);
    expect(running.fake.dmsTo(ALICE.id)).toHaveLength(before);
  }, 60_000);

  it('GIVEN the daily cap reached THEN a new match sends no DM, and /papers watches says so', async () => {
    const before = running.fake.dmsTo(ALICE.id).length;
    expect(before).toBe(1);
    const added = await as(CURATOR, 'add', { paper: '2407.19002' });
    expect(added.embeds[0].title).toBe('Efficient KV-Cache Compression by Learned Token Merging');
    const batch = await running.batches.covering(paperId('2407.19002'));
    expect(batch.notices.filter((n) => n.userId === ALICE.id)).toEqual([{ userId: ALICE.id, outcome: 'capped', paperIds: [paperId('2407.19002')] }]);
    expect(running.fake.dmsTo(ALICE.id)).toHaveLength(before);
    const list = await as(ALICE, 'watches');
    expect(list.flags).toBe(EPHEMERAL);
    expect(list.embeds[0].title).toBe(`Your watches (2 of ${MAX_WATCHES_PER_USER})`);
    expect(list.embeds[0].footer.text).toBe('DMs in the last 24 hours: 1 of 1. /papers unwatch stops one.');
  });

  it('GIVEN closed DMs THEN the matching watch is paused with Discord’s reason, shown in /papers watches; watching again resumes it', async () => {
    // Made after the first fetch: only the paper added below is news to it.
    await as(BOB, 'watch', { topic: 'pruning and merging experts in sparse transformers' });
    running.fake.setDmsClosed(BOB.id);
    await as(CURATOR, 'add', { paper: '2407.18010' });
    const batch = await running.batches.covering(paperId('2407.18010'));
    expect(batch.notices.find((n) => n.userId === BOB.id)?.outcome).toBe('closed');
    expect(running.fake.requests.some((r) => r.method === 'POST' && r.status === 403 && r.path.startsWith('/channels/'))).toBe(true);
    expect(running.fake.dmsTo(BOB.id)).toEqual([]);
    const list = await as(BOB, 'watches');
    const [watch] = list.embeds[0].fields;
    expect(watch.name).toBe('1. pruning and merging experts in sparse transformers');
    expect(watch.value).toMatch(/⏸️ paused <t:\d+:R>: Discord would not deliver my DM \(your DMs are closed to me, 50007 Cannot send messages to this user\)\. Open your DMs to me/);
    const resumed = await as(BOB, 'watch', { topic: 'Pruning and merging experts in sparse transformers' });
    expect(resumed.content).toBe('▶️ Watching “pruning and merging experts in sparse transformers” again: DMs about it resume with the next new papers.');
    expect((await as(BOB, 'watches')).embeds[0].fields[0].value).toContain('✅ active');
  });
});

describe('managing watches', () => {
  it(`GIVEN ${MAX_WATCHES_PER_USER} watches THEN another is refused privately; the same topic again is no new watch`, async () => {
    for (let i = 1; i <= MAX_WATCHES_PER_USER; i++) {
      const reply = await as(CAROL, 'watch', { topic: `topic number ${i}` });
      expect(reply).toMatchObject({ flags: EPHEMERAL, content: `👀 Watching “topic number ${i}”: I'll DM you when new papers about it arrive. Keep your DMs open to me.` });
    }
    expect((await as(CAROL, 'watch', { topic: 'TOPIC NUMBER 3' })).content).toBe('You already watch “topic number 3”.');
    const refused = await as(CAROL, 'watch', { topic: 'one too many' });
    expect(refused).toMatchObject({ flags: EPHEMERAL, content: `You already watch ${MAX_WATCHES_PER_USER} topics, the most I keep per person: stop one with /papers unwatch first.` });
    expect((await as(CAROL, 'watches')).embeds[0].fields).toHaveLength(MAX_WATCHES_PER_USER);
  });

  it('GIVEN unwatch autocomplete THEN only the user’s own watches, by topic, values their ids; picking one removes it', async () => {
    const user = { id: '1310000000000000005', username: 'dave' };
    await as(user, 'watch', { topic: 'speech recognition' });
    await as(user, 'watch', { topic: '@everyone **graph** neural networks' });
    const choices = (await (await running.fake.sendAutocomplete({ ...papers('unwatch', { watch: 'graph' }, 'watch'), user })).response()).data.choices;
    expect(choices).toHaveLength(1);
    expect(choices[0].name).toBe('@everyone **graph** neural networks');
    expect(choices[0].value).toMatch(/^[0-9a-f]{10}$/);
    expect(choices[0].name.length).toBeLessThanOrEqual(Limits.choiceName);
    const removed = await as(user, 'unwatch', { watch: choices[0].value });
    // The topic is the user's text: escaped and mention-proofed in our sentence.
    expect(removed).toMatchObject({ flags: EPHEMERAL, content: '🛑 Stopped watching “@\u200beveryone \\*\\*graph\\*\\* neural networks”.' });
    const everyone = (await (await running.fake.sendAutocomplete({ ...papers('unwatch', { watch: '' }, 'watch'), user })).response()).data.choices;
    expect(everyone.map((c: Payload) => c.name)).toEqual(['speech recognition']);
  });

  it('GIVEN unwatch with typed text THEN the topic is matched; GIVEN a watch that is not theirs THEN a private refusal', async () => {
    const user = { id: '1310000000000000006', username: 'erin' };
    await as(user, 'watch', { topic: 'household robots' });
    expect((await as(user, 'unwatch', { watch: 'Household Robots' })).content).toBe('🛑 Stopped watching “household robots”.');
    const other = { id: '1310000000000000008', username: 'grace' };
    await as(other, 'watch', { topic: 'protein design' });
    const othersChoices = (await (await running.fake.sendAutocomplete({ ...papers('unwatch', { watch: '' }, 'watch'), user: other })).response()).data.choices;
    const notTheirs = await as(user, 'unwatch', { watch: othersChoices[0].value });
    expect(notTheirs).toMatchObject({ flags: EPHEMERAL, content: 'You have no such watch — /papers watches lists yours.' });
    expect((await as(user, 'watches')).content).toBe(NO_WATCHES);
  });

  it('GIVEN /papers watch from a DM THEN it works there too: watches belong to the user', async () => {
    const user = { id: '1310000000000000007', username: 'frank' };
    const handle = await running.fake.sendCommand({ ...papers('watch', { topic: 'reward models' }), user, dm: true });
    expect((await handle.response()).data.content).toMatch(/^👀 Watching “reward models”/);
  });
});
