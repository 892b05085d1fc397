/**
 * Crash reconciliation through the real bot: createBot, discord.js and the Discord poster against the
 * fake Discord. The fake holds the answer to the digest's POST, so the test can snapshot the store
 * at the instant "the post landed, nothing recorded yet" — what a kill -9 there leaves on disk — and
 * put it back after the bot (and its engine) stopped. The restarted bot must read the channel and not
 * post twice.
 */
import path from 'node:path';
import { Routes } from 'discord.js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { refLine } from '../../bot/digest/render-digest.js';
import type { DigestState } from '../../src/digest/digest-state.js';
import { FakeDiscord, type Payload } from '../fake-discord/fake-discord.js';
import { bootDigestBot, closeSharedEmbedder, openBotEngine, privateDir, type RunningDigestBot } from './digest-bot.js';
import { dbFile, readStoredState, restoreDatabase, snapshotDatabase } from './stored-state.js';
import { tempDir } from './temp-dir.js';

/** 09:00 in Berlin; the next slot is a day later. */
const SLOT = '2027-01-11T08:00:00.000Z';
const NEXT_SLOT = '2027-01-12T08:00:00.000Z';

const cleanup: (() => Promise<void>)[] = [];
const onCleanup = (step: () => Promise<void>): void => void cleanup.push(step);

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

afterAll(closeSharedEmbedder);

/** One bot process on `dataDir` (an engine of its own over it), its digest scheduler on a hand-moved clock starting at `now`. */
async function boot(fake: FakeDiscord, dataDir: string, now: string): Promise<RunningDigestBot> {
  const opened = await openBotEngine({ dataDir }, onCleanup);
  return bootDigestBot({ fake, now, opened, onCleanup });
}

interface Crashed {
  readonly dataDir: string;
  readonly channelId: string;
  /** The message the first process posted but never recorded. */
  readonly posted: Payload;
  readonly nonce: string;
  /** The first process, still running while `beforeStop` acts. */
  readonly first: RunningDigestBot;
}

/** The digest state in the store, as a third process reads it (every row valid). */
async function readState(dataDir: string): Promise<DigestState> {
  const { state, damaged } = await readStoredState(dbFile(dataDir));
  expect(damaged).toBe(0);
  return state;
}

const postsTo = (fake: FakeDiscord, channelId: string) => fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
const urls = (message: Payload): string[] => (message.embeds as Payload[]).map((embed) => embed.url as string);

/**
 * Runs a 09:00 digest in a first bot and snapshots the store while the fake holds the POST's answer
 * (the message is in the channel, the bot has not recorded it). Then lets that bot finish, runs
 * `beforeStop`, stops the bot and its engine and puts the snapshot back: as if it had been killed at
 * that instant.
 */
async function postThenCrash(fake: FakeDiscord, beforeStop: (crashed: Crashed) => Promise<void> = async () => undefined): Promise<Crashed> {
  const dataDir = await privateDir(onCleanup);
  const snapshot = path.join(await tempDir('reconcile'), 'at-crash.db');
  const [channelId] = fake.channelIds as [string];
  const first = await boot(fake, dataDir, '2027-01-11T06:00:00.000Z');
  const set = await first.bot.context.digests.get().set({ guildId: fake.guildId, channelId, time: '09:00', timezone: 'Europe/Berlin', count: 3, userId: null });
  if (!set.ok) throw set.error;

  const held = fake.holdNext((method, p) => method === 'POST' && p === `/channels/${channelId}/messages`);
  const running = first.clock.advanceTo(SLOT);
  const request = await held.request;
  await snapshotDatabase(dataDir, snapshot);
  held.release();
  await running;

  const nonce = (request.body as { nonce: string }).nonce;
  const [posted] = fake.channelMessages(channelId) as Payload[];
  // The snapshot is what a kill -9 at that instant leaves: the intent with this nonce, no post record.
  expect((await readStoredState(snapshot)).state).toMatchObject({ intents: [{ nonce, channelId }], posts: [] });
  // And the first bot did record the post before it stopped: putting the snapshot back really takes that away.
  expect((await readState(dataDir)).posts).toEqual([expect.objectContaining({ nonce })]);
  const crashed = { dataDir, channelId, posted, nonce, first };
  await beforeStop(crashed);
  await first.stop();
  await restoreDatabase(snapshot, dataDir);
  return crashed;
}

/** The state a restarted bot should leave: the post recorded once, under `messageId`, with the slot moved on. */
async function expectRecorded(dataDir: string, messageId: string, nonce: string): Promise<void> {
  const state = await readState(dataDir);
  expect(state.intents).toEqual([]);
  expect(state.posts).toEqual([expect.objectContaining({ nonce, messageId, kind: 'papers', paperIds: expect.any(Array) })]);
  expect(state.posts[0]?.paperIds).toHaveLength(3);
  expect(state.digests[0]).toMatchObject({ nextDueAt: new Date(NEXT_SLOT).toISOString(), lastRun: { outcome: 'posted', papers: 3 }, status: { kind: 'active' } });
}

const reconciled = (running: RunningDigestBot) => running.logs.find('digest: reconciling unfinished post').map((line) => line.found);

describe('crash after the post, before the record, through the real bot', () => {
  it('GIVEN a restart inside the nonce window THEN the bot finds its message in the channel and records it without posting again', async () => {
    const fake = await FakeDiscord.start();
    cleanup.push(() => fake.close());
    const { dataDir, channelId, posted, nonce } = await postThenCrash(fake);

    const second = await boot(fake, dataDir, '2027-01-11T08:03:00.000Z');
    expect(reconciled(second)).toEqual(['found']);
    expect(postsTo(fake, channelId)).toHaveLength(1);
    expect(fake.channelMessages(channelId)).toHaveLength(1);
    await expectRecorded(dataDir, posted.id, nonce);
  });

  it('GIVEN a restart after Discord forgot the nonce THEN the ref line finds the message; no second post, and the next day skips its papers', async () => {
    const fake = await FakeDiscord.start();
    cleanup.push(() => fake.close());
    const { dataDir, channelId, posted, nonce } = await postThenCrash(fake);
    expect(posted.content).toContain(refLine(nonce));
    fake.expireNonces();

    const second = await boot(fake, dataDir, '2027-01-11T10:00:00.000Z');
    expect(reconciled(second)).toEqual(['found']);
    expect(postsTo(fake, channelId)).toHaveLength(1);
    await expectRecorded(dataDir, posted.id, nonce);

    await second.clock.advanceTo(NEXT_SLOT);
    const [, next] = fake.channelMessages(channelId) as Payload[];
    expect(urls(next)).toHaveLength(3);
    expect(urls(next).filter((url) => urls(posted).includes(url))).toEqual([]);
  });

  it('GIVEN the message is not in the channel at restart THEN exactly one post: the intended papers, with the same nonce', async () => {
    const fake = await FakeDiscord.start();
    cleanup.push(() => fake.close());
    const { dataDir, channelId, posted, nonce } = await postThenCrash(fake, async ({ first, channelId: id, posted: message }) => {
      await first.bot.client.rest.delete(Routes.channelMessage(id, message.id as string));
    });
    fake.expireNonces();

    const second = await boot(fake, dataDir, '2027-01-11T10:00:00.000Z');
    expect(reconciled(second)).toEqual(['absent']);
    const messages = fake.channelMessages(channelId) as Payload[];
    expect(messages).toHaveLength(1);
    const [again] = messages;
    expect(again.id).not.toBe(posted.id);
    expect(urls(again)).toEqual(urls(posted));
    expect(postsTo(fake, channelId).map((r) => (r.body as { nonce: string }).nonce)).toEqual([nonce, nonce]);
    await expectRecorded(dataDir, again.id, nonce);
  });

  it('GIVEN no Read Message History and a restart inside the nonce window THEN the same-nonce re-post returns the original: one message, recorded', async () => {
    const fake = await FakeDiscord.start();
    cleanup.push(() => fake.close());
    const { dataDir, channelId, posted, nonce } = await postThenCrash(fake);
    fake.setChannelState(channelId, 'no-history');

    const second = await boot(fake, dataDir, '2027-01-11T08:02:00.000Z');
    expect(reconciled(second)).toEqual(['absent']);
    expect(postsTo(fake, channelId)).toHaveLength(2);
    expect(fake.channelMessages(channelId)).toHaveLength(1);
    await expectRecorded(dataDir, posted.id, nonce);
  });

  it('GIVEN the channel was deleted before the restart THEN the digest is paused with the reason and nothing is posted', async () => {
    const fake = await FakeDiscord.start();
    cleanup.push(() => fake.close());
    const { dataDir, channelId } = await postThenCrash(fake);
    fake.setChannelState(channelId, 'deleted');

    const second = await boot(fake, dataDir, '2027-01-11T08:02:00.000Z');
    expect(reconciled(second)).toEqual(['paused']);
    expect(postsTo(fake, channelId)).toHaveLength(1);
    const state = await readState(dataDir);
    expect(state.intents).toEqual([]);
    expect(state.digests[0]?.status).toMatchObject({ kind: 'paused', reason: 'the channel no longer exists (404 Unknown Channel)' });
  });
});
