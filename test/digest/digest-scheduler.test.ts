import { describe, expect, it } from 'vitest';
import type { DigestMessage } from '../../src/digest/digest-message.js';
import { SPREAD_MS } from '../../src/digest/digest-scheduler.js';
import { corpusEngine, seedPapers, type CorpusEngine } from './corpus-engine.js';
import { bootProcess, CHANNEL_A, CHANNEL_B, CHANNEL_C, GUILD, wallTime, type BotProcess } from './harness.js';
import { MemoryPoster } from './memory-poster.js';
import { tempDir } from './temp-dir.js';

let dataDir: string;
let engine: CorpusEngine;
let poster: MemoryPoster;
let bot: BotProcess;

async function boot(now: string, withhold = 0): Promise<BotProcess> {
  dataDir = await tempDir('sched');
  engine = await corpusEngine(withhold);
  poster = new MemoryPoster(() => bot.clock.now());
  bot = await bootProcess(dataDir, poster, engine, now);
  return bot;
}

async function restart(now: string): Promise<BotProcess> {
  await bot.service.stop();
  bot = await bootProcess(dataDir, poster, engine, now);
  bot.service.start();
  await bot.clock.flush();
  return bot;
}

async function setDigest(channelId: string, time: string, timezone: string, extra: { topic?: string; count?: number } = {}) {
  const result = await bot.service.set({ guildId: GUILD, channelId, time, timezone, userId: null, ...extra });
  if (!result.ok) throw result.error;
  return result.value.digest;
}

const paperIds = (message: DigestMessage): string[] => (message.kind === 'papers' ? message.cards.map((c) => c.id) : []);

describe('digest scheduling across time zones and DST', () => {
  it('GIVEN 09:00 Europe/Berlin across the spring switch (2026-03-29) THEN one post a day, each at 09:00:00 local', async () => {
    await boot('2026-03-26T12:00:00Z');
    await setDigest(CHANNEL_A, '09:00', 'Europe/Berlin', { count: 1 });
    bot.service.start();
    await bot.clock.advanceTo('2026-04-01T12:00:00Z');
    const times = poster.messages(CHANNEL_A).map((m) => m.at.toISOString());
    expect(times).toEqual([
      '2026-03-27T08:00:00.000Z',
      '2026-03-28T08:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
      '2026-03-31T07:00:00.000Z',
      '2026-04-01T07:00:00.000Z',
    ]);
  });

  it('GIVEN digests in Berlin and New York across the autumn switches (2026-10-25, 2026-11-01) THEN each posts once a day at its local time', async () => {
    await boot('2026-10-22T12:00:00Z');
    await setDigest(CHANNEL_A, '09:00', 'Europe/Berlin', { count: 1 });
    await setDigest(CHANNEL_B, '07:30', 'America/New_York', { count: 1 });
    bot.service.start();
    await bot.clock.advanceTo('2026-11-04T00:00:00Z');
    const berlin = poster.messages(CHANNEL_A).map((m) => m.at);
    const newYork = poster.messages(CHANNEL_B).map((m) => m.at);
    expect(berlin).toHaveLength(12);
    expect(newYork).toHaveLength(12);
    expect(new Set(berlin.map((at) => wallTime(at, 'Europe/Berlin')))).toEqual(new Set(['09:00:00']));
    expect(new Set(newYork.map((at) => wallTime(at, 'America/New_York')))).toEqual(new Set(['07:30:00']));
    // One post per local calendar day: the repeated hour on switch day does not post twice.
    const days = berlin.map((at) => at.toLocaleDateString('en-CA', { timeZone: 'Europe/Berlin' }));
    expect(new Set(days).size).toBe(days.length);
  });

  it('GIVEN four zones at once THEN each digest posts at its own wall time and the header date is its own calendar date', async () => {
    await boot('2026-06-01T00:00:00Z');
    const zones = [
      [CHANNEL_A, '08:00', 'Asia/Tokyo'],
      [CHANNEL_B, '08:00', 'Asia/Kolkata'],
      [CHANNEL_C, '23:30', 'America/Los_Angeles'],
    ] as const;
    for (const [channel, time, zone] of zones) await setDigest(channel, time, zone, { count: 1 });
    bot.service.start();
    await bot.clock.advanceTo('2026-06-02T12:00:00Z');
    for (const [channel, time, zone] of zones) {
      const [first] = poster.messages(channel);
      expect(first && wallTime(first.at, zone)).toBe(`${time}:00`);
      const localDate = first && new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(first.at).replace(',', '');
      expect(first?.message.dateLabel).toBe(localDate);
    }
  });

  it('GIVEN a simulated month THEN the 31st post is still at 09:00:00.000 local: no drift', async () => {
    await boot('2026-03-15T00:00:00Z');
    await setDigest(CHANNEL_A, '09:00', 'Europe/Berlin', { count: 1 });
    bot.service.start();
    await bot.clock.advanceTo('2026-04-15T00:00:00Z');
    const posts = poster.messages(CHANNEL_A);
    expect(posts).toHaveLength(31);
    expect(posts.every((m) => wallTime(m.at, 'Europe/Berlin') === '09:00:00' && m.at.getMilliseconds() === 0)).toBe(true);
    expect(posts.every((m) => m.message.lateFor === null)).toBe(true);
  });
});

describe('digest restarts and catch-up', () => {
  it('GIVEN the bot was down for three daily slots THEN start-up posts one late digest, not three, and the schedule resumes', async () => {
    await boot('2026-03-30T06:00:00Z');
    await setDigest(CHANNEL_A, '09:00', 'Europe/Berlin');
    bot.service.start();
    await bot.clock.flush();
    await restart('2026-04-02T12:00:00Z');
    const posts = poster.messages(CHANNEL_A);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.message.lateFor).toBe('2026-03-30T07:00:00.000Z');
    const [digest] = bot.service.list(GUILD);
    expect(digest?.lastRun).toMatchObject({ outcome: 'posted', late: true, papers: 5 });
    expect(digest?.nextDueAt).toBe('2026-04-03T07:00:00.000Z');
    await bot.clock.advanceTo('2026-04-03T12:00:00Z');
    expect(poster.messages(CHANNEL_A).map((m) => m.message.lateFor)).toEqual(['2026-03-30T07:00:00.000Z', null]);
  });

  it('GIVEN a restart before the slot THEN nothing is posted at start-up and the slot is kept', async () => {
    await boot('2026-03-30T05:00:00Z');
    await setDigest(CHANNEL_A, '09:00', 'Europe/Berlin');
    bot.service.start();
    await restart('2026-03-30T06:59:00Z');
    expect(poster.messages(CHANNEL_A)).toHaveLength(0);
    await bot.clock.advanceTo('2026-03-30T07:00:00Z');
    expect(poster.messages(CHANNEL_A)).toHaveLength(1);
  });
});

describe('digest delivery', () => {
  it('GIVEN three digests due in the same minute THEN their posts are spread out, not sent in one burst', async () => {
    await boot('2026-05-01T00:00:00Z');
    for (const channel of [CHANNEL_A, CHANNEL_B, CHANNEL_C]) await setDigest(channel, '09:00', 'UTC');
    bot.service.start();
    await bot.clock.advanceTo('2026-05-01T10:00:00Z');
    const times = [CHANNEL_A, CHANNEL_B, CHANNEL_C].flatMap((c) => poster.messages(c).map((m) => m.at.getTime())).sort();
    const start = Date.parse('2026-05-01T09:00:00Z');
    expect(times).toEqual([start, start + SPREAD_MS, start + 2 * SPREAD_MS]);
  });

  it('GIVEN a deleted channel THEN that digest pauses with the reason and the other still posts, that day and the next', async () => {
    await boot('2026-05-01T00:00:00Z');
    await setDigest(CHANNEL_A, '09:00', 'UTC');
    await setDigest(CHANNEL_B, '09:00', 'UTC');
    poster.setChannelState(CHANNEL_A, 'deleted');
    bot.service.start();
    await bot.clock.advanceTo('2026-05-02T10:00:00Z');
    expect(poster.messages(CHANNEL_B)).toHaveLength(2);
    const paused = bot.service.list(GUILD).find((d) => d.channelId === CHANNEL_A);
    expect(paused?.status).toMatchObject({ kind: 'paused', reason: expect.stringContaining('deleted') });
    expect(paused?.lastRun?.at).toBe('2026-05-01T09:00:00.000Z');
    // Re-running /digest set for the channel resumes it.
    poster.setChannelState(CHANNEL_A, 'ok');
    await setDigest(CHANNEL_A, '09:00', 'UTC');
    await bot.clock.advanceTo('2026-05-03T10:00:00Z');
    expect(poster.messages(CHANNEL_A)).toHaveLength(1);
  });

  it('GIVEN weeks of daily posts and on-demand ones THEN no paper is ever posted twice in the channel, and the end is said once', async () => {
    await boot('2026-05-01T00:00:00Z');
    const digest = await setDigest(CHANNEL_A, '09:00', 'UTC', { count: 10 });
    bot.service.start();
    await bot.service.postNow(digest);
    await bot.clock.advanceTo('2026-05-10T12:00:00Z');
    await bot.service.postNow(digest);
    await bot.clock.advanceTo('2026-05-30T00:00:00Z');
    const messages = poster.messages(CHANNEL_A);
    const posted = messages.flatMap((m) => paperIds(m.message));
    expect(new Set(posted).size).toBe(posted.length);
    expect(posted).toHaveLength((await seedPapers()).length);
    expect(messages.filter((m) => m.message.kind === 'exhausted')).toHaveLength(1);
    expect(bot.service.list(GUILD)[0]).toMatchObject({ status: { kind: 'exhausted' }, lastRun: { outcome: 'quiet' } });
  });

  it('GIVEN /digest set again for the same channel and topic THEN the digest is updated, not duplicated', async () => {
    await boot('2026-05-01T00:00:00Z');
    const first = await setDigest(CHANNEL_A, '09:00', 'UTC');
    const again = await bot.service.set({ guildId: GUILD, channelId: CHANNEL_A, time: '10:30', timezone: 'Asia/Tokyo', count: 3, userId: null });
    expect(again.ok && again.value).toMatchObject({ created: false, digest: { id: first.id, time: '10:30', timezone: 'Asia/Tokyo', count: 3 } });
    expect(bot.service.list(GUILD)).toHaveLength(1);
  });

  it('GIVEN papers added to the corpus after the last post THEN they lead the next digest, marked fresh', async () => {
    await boot('2026-05-01T00:00:00Z', 26);
    await setDigest(CHANNEL_A, '09:00', 'UTC', { count: 3 });
    bot.service.start();
    await bot.clock.advanceTo('2026-05-01T10:00:00Z');
    const released = engine.release(bot.clock.now());
    await bot.clock.advanceTo('2026-05-02T10:00:00Z');
    const second = poster.messages(CHANNEL_A)[1]?.message;
    expect(second?.kind).toBe('papers');
    if (second?.kind !== 'papers') return;
    expect(second.cards.every((card) => card.fresh && released.includes(card.id))).toBe(true);
  });

  it('GIVEN an exhausted general digest WHEN new papers arrive THEN it posts them and is active again', async () => {
    await boot('2026-05-01T00:00:00Z', 5);
    await setDigest(CHANNEL_A, '09:00', 'UTC', { count: 10 });
    bot.service.start();
    await bot.clock.advanceTo('2026-05-23T10:00:00Z');
    expect(bot.service.list(GUILD)[0]?.status.kind).toBe('exhausted');
    const before = poster.messages(CHANNEL_A).length;
    const released = engine.release(bot.clock.now());
    await bot.clock.advanceTo('2026-05-24T10:00:00Z');
    const last = poster.messages(CHANNEL_A).at(-1)?.message;
    expect(poster.messages(CHANNEL_A)).toHaveLength(before + 1);
    expect(last && paperIds(last).sort()).toEqual([...released].sort());
    expect(bot.service.list(GUILD)[0]?.status.kind).toBe('active');
  });

  it('GIVEN /digest now THEN it posts immediately and leaves the daily slot where it was', async () => {
    await boot('2026-05-01T00:00:00Z');
    const digest = await setDigest(CHANNEL_A, '09:00', 'UTC');
    bot.service.start();
    const outcome = await bot.service.postNow(digest);
    expect(outcome).toMatchObject({ kind: 'posted', late: false });
    expect(bot.service.list(GUILD)[0]?.nextDueAt).toBe('2026-05-01T09:00:00.000Z');
    await bot.clock.advanceTo('2026-05-01T10:00:00Z');
    const [manual, scheduled] = poster.messages(CHANNEL_A).map((m) => paperIds(m.message));
    expect(scheduled).toHaveLength(5);
    expect(scheduled?.filter((id) => manual?.includes(id))).toEqual([]);
  });

  it('GIVEN an invalid time or zone THEN set returns a user error and stores nothing', async () => {
    await boot('2026-05-01T00:00:00Z');
    const badTime = await bot.service.set({ guildId: GUILD, channelId: CHANNEL_A, time: '25:00', timezone: 'UTC', userId: null });
    const badZone = await bot.service.set({ guildId: GUILD, channelId: CHANNEL_A, time: '09:00', timezone: 'Moon/Base', userId: null });
    expect(!badTime.ok && badTime.error.message).toContain('"25:00"');
    expect(!badZone.ok && badZone.error.message).toContain('"Moon/Base"');
    expect(bot.service.list(GUILD)).toEqual([]);
  });
});
