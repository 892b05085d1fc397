import { beforeEach, describe, expect, it } from 'vitest';
import type { DigestMessage } from '../../src/digest/digest-message.js';
import { MAX_ATTEMPTS, RETRY_DELAY_MS } from '../../src/digest/record-outcome.js';
import type { Digest } from '../../src/digest/digest-state.js';
import { corpusEngine, type CorpusEngine } from './corpus-engine.js';
import { bootProcess, CHANNEL_A, GUILD, type BotProcess, type CrashPoint } from './harness.js';
import { MemoryPoster } from './memory-poster.js';
import { dbFile, readStoredState, type StoredState } from './stored-state.js';
import { tempDir } from './temp-dir.js';

/**
 * A scheduled run is: choose → write intent (state write 1) → post → write
 * record (state write 2), each write one store transaction. Each case kills
 * the process at one point, restarts on the same data directory, and checks
 * the channel got exactly one post for the slot and the store agrees with the
 * channel.
 */

let dataDir: string;
let engine: CorpusEngine;
let poster: MemoryPoster;
let bot: BotProcess;
let digest: Digest;

const SLOT = '2026-03-30T07:00:00.000Z'; // 09:00 Europe/Berlin
const NEXT_SLOT = '2026-03-31T07:00:00.000Z';

beforeEach(async () => {
  dataDir = await tempDir('crash');
  engine = await corpusEngine();
  poster = new MemoryPoster(() => bot.clock.now());
  bot = await bootProcess(dataDir, poster, engine, '2026-03-30T06:00:00Z');
  const set = await bot.service.set({ guildId: GUILD, channelId: CHANNEL_A, time: '09:00', timezone: 'Europe/Berlin', userId: null });
  if (!set.ok) throw set.error;
  digest = set.value.digest;
  bot.service.start();
});

/** Runs the slot with a crash armed; the dead process is abandoned (its timers never fire again). */
async function crashDuringSlot(point: CrashPoint): Promise<void> {
  bot.crashAt(point);
  await bot.clock.advanceTo(SLOT);
  expect(bot.dead()).toBe(true);
}

async function restartAt(now: string): Promise<void> {
  bot = await bootProcess(dataDir, poster, engine, now);
  bot.service.start();
  await bot.clock.flush();
}

const ids = (message: DigestMessage | undefined): string[] => (message?.kind === 'papers' ? message.cards.map((c) => c.id) : []);

/** Exactly one message for the slot, recorded once, with the papers the channel shows; config intact; no loose intent. */
async function expectOnePostRecorded(): Promise<void> {
  const messages = poster.messages(CHANNEL_A);
  expect(messages).toHaveLength(1);
  const [message] = messages;
  const [stored] = bot.service.list(GUILD);
  expect(stored).toMatchObject({ id: digest.id, time: '09:00', timezone: 'Europe/Berlin', count: 5, nextDueAt: NEXT_SLOT });
  expect(stored?.lastRun?.outcome).toBe('posted');
  // The store is the truth a third process would read: healthy, every row valid.
  const onDisk = await readState();
  expect(onDisk.integrity).toEqual({ ok: true });
  expect(onDisk.damaged).toBe(0);
  expect(onDisk.state).toMatchObject({
    intents: [],
    posts: [{ messageId: message?.id, paperIds: ids(message?.message), channelId: CHANNEL_A }],
  });
}

function readState(): Promise<StoredState> {
  return readStoredState(dbFile(dataDir));
}

describe('a crash during a scheduled run', () => {
  const points: [string, CrashPoint][] = [
    ['before the intent is written (after choosing; before its transaction)', { at: 'write', n: 1 }],
    ['while the intent is being written (inside its transaction, after the slot moved; before the commit)', { at: 'mid-write', n: 1 }],
    ['after the intent, before the post', { at: 'before-post' }],
    ['after the post, before it is recorded', { at: 'after-post' }],
    ['while the post is being recorded (inside its transaction, after the post row; before the commit)', { at: 'mid-write', n: 2 }],
    ['right after the post was recorded (after the commit)', { at: 'after-write', n: 2 }],
  ];

  it.each(points)('GIVEN a kill %s WHEN the bot restarts minutes later THEN the channel has exactly one post, recorded once', async (_, point) => {
    await crashDuringSlot(point);
    await restartAt('2026-03-30T07:03:00Z');
    await expectOnePostRecorded();
  });

  it.each(points)('GIVEN a kill %s WHEN the bot restarts after Discord forgot the nonce THEN still exactly one post', async (_, point) => {
    await crashDuringSlot(point);
    poster.nonceWindowOpen = false;
    await restartAt('2026-03-30T09:00:00Z');
    await expectOnePostRecorded();
  });

  it('GIVEN a kill after the post WHEN restarted THEN the post is found in the channel and recorded, not made again', async () => {
    await crashDuringSlot({ at: 'after-post' });
    const before = poster.messages(CHANNEL_A)[0];
    poster.nonceWindowOpen = false;
    await restartAt('2026-03-30T07:01:00Z');
    expect(poster.messages(CHANNEL_A)).toEqual([before]);
  });

  it('GIVEN a kill after the post and a history the bot cannot search WHEN restarted within the nonce window THEN Discord dedups the re-post', async () => {
    await crashDuringSlot({ at: 'after-post' });
    poster.historyVisible = false;
    await restartAt('2026-03-30T07:01:00Z');
    await expectOnePostRecorded();
  });

  it('GIVEN a kill before the post WHEN restarted THEN the intended papers are posted, not a fresh choice', async () => {
    await crashDuringSlot({ at: 'before-post' });
    const { state } = await readState();
    const intended = ids(state.intents[0]?.message);
    expect(intended).toHaveLength(5);
    await restartAt('2026-03-30T07:01:00Z');
    expect(ids(poster.messages(CHANNEL_A)[0]?.message)).toEqual(intended);
  });

  it('GIVEN a crash and restart THEN the next day posts normally, with none of the papers already posted', async () => {
    await crashDuringSlot({ at: 'after-post' });
    await restartAt('2026-03-30T07:02:00Z');
    await bot.clock.advanceTo('2026-03-31T08:00:00Z');
    const [first, second] = poster.messages(CHANNEL_A).map((m) => ids(m.message));
    expect(second).toHaveLength(5);
    expect(second?.filter((id) => first?.includes(id))).toEqual([]);
  });
});

describe('configuration survives crashes', () => {
  const uncommitted: [string, CrashPoint][] = [
    ['before its transaction', { at: 'write', n: 1 }],
    ['inside its transaction, before the commit', { at: 'mid-write', n: 1 }],
  ];

  it.each(uncommitted)('GIVEN a kill while /digest set rewrites a digest (%s) THEN the previous configuration is intact after restart', async (_, point) => {
    bot.crashAt(point);
    await expect(bot.service.set({ guildId: GUILD, channelId: CHANNEL_A, time: '18:00', timezone: 'UTC', userId: null })).rejects.toThrow('killed');
    await restartAt('2026-03-30T06:01:00Z');
    expect(bot.service.list(GUILD)).toEqual([digest]);
  });

  it('GIVEN a kill right after /digest set committed THEN the new configuration is there after restart', async () => {
    bot.crashAt({ at: 'after-write', n: 1 });
    await expect(bot.service.set({ guildId: GUILD, channelId: CHANNEL_A, time: '18:00', timezone: 'UTC', userId: null })).rejects.toThrow('killed');
    await restartAt('2026-03-30T06:01:00Z');
    expect(bot.service.list(GUILD)).toEqual([{ ...digest, time: '18:00', timezone: 'UTC', nextDueAt: '2026-03-30T18:00:00.000Z' }]);
  });
});

describe('transient post failures', () => {
  it('GIVEN one failed post (a 500) THEN it is retried later with the same nonce and posted once', async () => {
    poster.transientFailures = 1;
    await bot.clock.advanceTo(SLOT);
    expect(poster.messages(CHANNEL_A)).toHaveLength(0);
    await bot.clock.advanceBy(RETRY_DELAY_MS);
    expect(poster.messages(CHANNEL_A)).toHaveLength(1);
    expect(bot.service.list(GUILD)[0]?.lastRun?.outcome).toBe('posted');
  });

  it(`GIVEN ${MAX_ATTEMPTS} failed attempts THEN the run is given up with the reason, and the next day posts normally`, async () => {
    poster.transientFailures = MAX_ATTEMPTS;
    await bot.clock.advanceTo('2026-03-30T12:00:00Z');
    expect(poster.messages(CHANNEL_A)).toHaveLength(0);
    expect(bot.service.list(GUILD)[0]?.lastRun).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('500') });
    await bot.clock.advanceTo('2026-03-31T08:00:00Z');
    expect(poster.messages(CHANNEL_A)).toHaveLength(1);
  });
});
