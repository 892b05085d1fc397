/**
 * The digest end to end: the real bot (createBot, discord.js, the real engine)
 * against the fake Discord, with the scheduler on a hand-moved clock.
 */
import { PermissionFlagsBits } from 'discord.js';
import { copyFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NEEDS_MANAGE_SERVER } from '../../commands/digest/options.js';
import { digest as digestCommand } from '../../commands/digest.js';
import { registerCommands } from '../../bot/register-commands.js';
import { byRecencyThenUpvotes } from '../../src/digest/select-papers.js';
import { loadCorpus, paperId, parseListing } from '../../src/corpus/index.js';
import { createEngine } from '../../src/search/create-engine.js';
import { SEED, readSeed } from '../corpus/seeds.js';
import { silentLogger } from '../../src/logger.js';
import type { RefreshableEngine, RefreshReport } from '../../src/search/engine-types.js';
import { FakeDiscord, type Payload } from '../fake-discord/fake-discord.js';
import { privateDataDir, SEEDS_DIR, sharedTestEngine, testConfig } from '../support/test-engine.js';
import { bootDigestBot, type RunningDigestBot } from './digest-bot.js';
import { ManualClock } from '../support/manual-clock.js';
import { tempDir } from './temp-dir.js';

const TOKEN = `MTE5ODc2NTQzMjEwOTg3NjU0Mw.GsEcRt.${'digest'.repeat(8)}`;
const EPHEMERAL = 64;
const Opt = { Subcommand: 1, String: 3, Integer: 4, Channel: 7 } as const;
/** 09:00 in Berlin on Monday 11 January 2027 (after the real "now", so no paper counts as new to a digest made then). */
const SLOT = '2027-01-11T08:00:00.000Z';
const BEFORE_SLOT = '2027-01-11T06:00:00.000Z';
const NO_MANAGE_SERVER = String(PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel);

let engine: RefreshableEngine;
const cleanup: (() => Promise<void>)[] = [];

beforeAll(async () => {
  engine = await sharedTestEngine();
});

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

interface BootOptions {
  readonly fake: FakeDiscord;
  readonly dataDir: string;
  readonly now: string;
  readonly engine?: RefreshableEngine;
  readonly seedsDir?: string;
  readonly onSeedsRefresh?: (report: RefreshReport) => void;
  readonly clock?: ManualClock;
}

/** Starts a bot process; stopping it (or the test ending) is the "restart" boundary. */
function boot(options: BootOptions): Promise<RunningDigestBot> {
  return bootDigestBot({ ...options, engine: options.engine ?? engine, onCleanup: (step) => cleanup.push(step) });
}

async function startFake(): Promise<FakeDiscord> {
  const fake = await FakeDiscord.start();
  cleanup.push(() => fake.close());
  return fake;
}

function digestCmd(sub: string, options: Record<string, string | number> = {}, channels: readonly string[] = []) {
  const type = (name: string, value: string | number) => (channels.includes(name) ? Opt.Channel : typeof value === 'number' ? Opt.Integer : Opt.String);
  return {
    name: 'digest',
    options: [{ name: sub, type: Opt.Subcommand, options: Object.entries(options).map(([name, value]) => ({ name, type: type(name, value), value })) }],
  };
}

async function setDigest(fake: FakeDiscord, options: Record<string, string | number>): Promise<Payload> {
  const handle = await fake.sendCommand(digestCmd('set', options, ['channel']));
  return (await handle.response()).data;
}

const channelPosts = (fake: FakeDiscord, channelId: string) => fake.channelMessages(channelId) as Payload[];
const urls = (message: Payload): string[] => (message.embeds as Payload[]).map((embed) => embed.url as string);

describe('/digest end to end', () => {
  it('GIVEN /digest set WHEN the clock reaches the slot THEN exactly one message with the expected cards; after a restart, no duplicate', async () => {
    const fake = await startFake();
    const [channelA] = fake.channelIds as [string];
    const dataDir = await tempDir('e2e');
    const first = await boot({ fake, dataDir, now: BEFORE_SLOT });
    await registerCommands({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_API_BASE: fake.apiBase, DISCORD_GUILD_ID: fake.guildId }, [digestCommand]);

    const reply = await setDigest(fake, { channel: channelA, time: '09:00', timezone: 'Europe/Berlin', count: 3 });
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.content).toContain('Created the digest');
    expect(reply.content).toContain('09:00 Europe/Berlin');

    await first.clock.advanceTo(SLOT);
    const posts = channelPosts(fake, channelA);
    expect(posts).toHaveLength(1);
    const [post] = posts;
    const expected = [...engine.papers].sort(byRecencyThenUpvotes).slice(0, 3);
    expect(urls(post)).toEqual(expected.map((paper) => paper.url));
    expect(post.content).toContain('Monday 11 January 2027');
    expect((post.embeds as Payload[]).every((embed) => typeof embed.description === 'string' && embed.description.length > 0)).toBe(true);
    const request = fake.requests.find((r) => r.method === 'POST' && r.path === `/channels/${channelA}/messages`);
    const body = request?.body as Payload;
    expect(body.enforce_nonce).toBe(true);
    expect(post.content).toContain(`ref ${body.nonce}`);
    expect(body.allowed_mentions).toEqual({ parse: [] });

    await first.bot.stop();
    const second = await boot({ fake, dataDir, now: '2027-01-11T08:30:00.000Z' });
    expect(channelPosts(fake, channelA)).toHaveLength(1);
    await second.clock.advanceTo('2027-01-12T08:00:00.000Z');
    const [, next] = channelPosts(fake, channelA);
    expect(next).toBeDefined();
    expect(urls(next).filter((url) => urls(post).includes(url))).toEqual([]);
  });

  it('GIVEN a member without Manage Server THEN /digest now and /digest list are refused privately and nothing is posted', async () => {
    const fake = await startFake();
    const [channelA] = fake.channelIds as [string];
    await boot({ fake, dataDir: await tempDir('e2e'), now: BEFORE_SLOT });
    await setDigest(fake, { channel: channelA, time: '09:00', timezone: 'Europe/Berlin' });

    for (const sub of ['now', 'list']) {
      const refused = await (await fake.sendCommand({ ...digestCmd(sub), permissions: NO_MANAGE_SERVER })).response();
      expect(refused.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(refused.data.content).toBe(NEEDS_MANAGE_SERVER);
    }
    const choices = await (await fake.sendAutocomplete({ name: 'digest', permissions: NO_MANAGE_SERVER, options: [{ name: 'remove', type: Opt.Subcommand, options: [{ name: 'digest', type: Opt.String, value: '', focused: true }] }] })).response();
    expect(choices.data.choices).toEqual([]);
    expect(channelPosts(fake, channelA)).toHaveLength(0);
    expect(digestCommand.data.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
  });

  it('GIVEN /digest now by a manager THEN one post now, and the reply says so privately', async () => {
    const fake = await startFake();
    const [channelA] = fake.channelIds as [string];
    await boot({ fake, dataDir: await tempDir('e2e'), now: BEFORE_SLOT });
    await setDigest(fake, { channel: channelA, time: '09:00', timezone: 'Europe/Berlin', count: 2 });
    const handle = await fake.sendCommand(digestCmd('now'));
    expect((await handle.response()).data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect((await handle.edit()).content).toContain('Posted 2 papers');
    expect(channelPosts(fake, channelA)).toHaveLength(1);
  });

  it('GIVEN an invalid time or zone THEN the private reply names the problem and nothing is stored', async () => {
    const fake = await startFake();
    const [channelA] = fake.channelIds as [string];
    await boot({ fake, dataDir: await tempDir('e2e'), now: BEFORE_SLOT });
    expect((await setDigest(fake, { channel: channelA, time: '25:00', timezone: 'Europe/Berlin' })).content).toContain('"25:00" is not a time of day');
    const badZone = await setDigest(fake, { channel: channelA, time: '09:00', timezone: 'Europe/Atlantis' });
    expect(badZone.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(badZone.content).toContain('"Europe/Atlantis" is not a time zone');
    const list = await (await fake.sendCommand(digestCmd('list'))).response();
    expect(list.data.content).toContain('No digests yet');
  });

  it('GIVEN a deleted channel THEN its digest pauses with the reason in /digest list, and the other digest still posts', async () => {
    const fake = await startFake();
    const [channelA, channelB] = fake.channelIds as [string, string];
    const running = await boot({ fake, dataDir: await tempDir('e2e'), now: BEFORE_SLOT });
    await setDigest(fake, { channel: channelA, time: '09:00', timezone: 'Europe/Berlin' });
    await setDigest(fake, { channel: channelB, time: '09:00', timezone: 'Europe/Berlin' });
    fake.setChannelState(channelA, 'deleted');

    await running.clock.advanceTo('2027-01-11T09:00:00.000Z');
    expect(channelPosts(fake, channelB)).toHaveLength(1);
    expect(running.logs.find('digest post refused').some((line) => line.channelId === channelA)).toBe(true);
    const list = await (await fake.sendCommand(digestCmd('list'))).response();
    const fields = list.data.embeds[0].fields as Payload[];
    const paused = fields.find((field) => (field.value as string).includes(`<#${channelA}>`));
    expect(paused?.value).toContain('paused: the channel no longer exists (404 Unknown Channel)');
    const active = fields.find((field) => (field.value as string).includes(`<#${channelB}>`));
    expect(active?.value).toContain('✅ active');
  });

  it('GIVEN /digest preview THEN the next cards are shown privately and nothing is posted or recorded', async () => {
    const fake = await startFake();
    const [channelA] = fake.channelIds as [string];
    const running = await boot({ fake, dataDir: await tempDir('e2e'), now: BEFORE_SLOT });
    await setDigest(fake, { channel: channelA, time: '09:00', timezone: 'Europe/Berlin', count: 4, topic: 'continual learning' });
    const handle = await fake.sendCommand(digestCmd('preview'));
    expect((await handle.response()).data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const shown = await handle.edit();
    expect(shown.embeds).toHaveLength(4);
    expect(shown.content).toContain('“continual learning”');
    expect(channelPosts(fake, channelA)).toHaveLength(0);
    await running.clock.advanceTo(SLOT);
    expect(urls(channelPosts(fake, channelA)[0])).toEqual(urls(shown));
  });

  it('GIVEN two digests THEN the digest option autocompletes both by channel name, and /digest remove removes the one picked', async () => {
    const fake = await startFake();
    const [channelA, channelB] = fake.channelIds as [string, string];
    await boot({ fake, dataDir: await tempDir('e2e'), now: BEFORE_SLOT });
    await setDigest(fake, { channel: channelA, time: '09:00', timezone: 'Europe/Berlin' });
    await setDigest(fake, { channel: channelB, time: '18:30', timezone: 'Asia/Tokyo', topic: 'diffusion models' });
    const focused = (value: string) => [{ name: 'remove', type: Opt.Subcommand, options: [{ name: 'digest', type: Opt.String, value, focused: true }] }];
    const all = (await (await fake.sendAutocomplete({ name: 'digest', options: focused('') })).response()).data.choices as { name: string; value: string }[];
    expect(all.map((choice) => choice.name).sort()).toEqual(['All papers · #channel-1 · 09:00 Europe/Berlin', 'diffusion models · #channel-2 · 18:30 Asia/Tokyo']);
    const [tokyo] = (await (await fake.sendAutocomplete({ name: 'digest', options: focused('tokyo') })).response()).data.choices as { value: string }[];

    const removed = await (await fake.sendCommand(digestCmd('remove', { digest: tokyo?.value ?? '' }))).response();
    expect(removed.data.content).toContain(`Removed the digest: <#${channelB}>`);
    const list = await (await fake.sendCommand(digestCmd('list'))).response();
    expect(list.data.embeds[0].fields).toHaveLength(1);
  });

  it('GIVEN a corrupt state file at start-up THEN it is kept aside with a timestamp and /digest list says so', async () => {
    const fake = await startFake();
    const dataDir = await tempDir('e2e');
    await writeFile(path.join(dataDir, 'digests.json'), '{"version":1,"digests":[{"id":');
    const running = await boot({ fake, dataDir, now: BEFORE_SLOT });
    const list = await (await fake.sendCommand(digestCmd('list'))).response();
    expect(list.data.content).toContain('could not be read at start-up');
    expect((await readdir(dataDir)).filter((name) => name.startsWith('digests.json.corrupt-'))).toHaveLength(1);
    expect(running.logs.find('digest state file is corrupt: backed up, starting empty').some((line) => line.level === 50)).toBe(true);
  });

  it('GIVEN the timezone option being typed THEN autocomplete offers matching IANA zones', async () => {
    const fake = await startFake();
    await boot({ fake, dataDir: await tempDir('e2e'), now: BEFORE_SLOT });
    const focused = [{ name: 'timezone', type: Opt.String, value: 'berl', focused: true }];
    const choices = await (await fake.sendAutocomplete({ name: 'digest', options: [{ name: 'set', type: Opt.Subcommand, options: focused }] })).response();
    expect(choices.data.choices).toContainEqual({ name: 'Europe/Berlin', value: 'Europe/Berlin' });
  });
});

/**
 * A seeds directory holding four of the five real dumps, and a new dump made
 * of the first `n` papers of the fifth that the four do not contain: real
 * listing text, new to the corpus.
 */
async function seedsWithNewDump(n: number): Promise<{ dir: string; dump: string; newIds: string[] }> {
  const dir = await tempDir('seeds');
  for (const name of [SEED.s000, SEED.s001, SEED.s002, SEED.s003]) await copyFile(path.join(SEEDS_DIR, name), path.join(dir, name));
  const known = new Set((await loadCorpus(dir)).papers.map((paper) => paper.id));
  const text = readSeed(SEED.s004);
  const parsed = parseListing(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  const lines = text.split('\n');
  const { entries } = parsed;
  const picked = entries.map((entry, i) => ({ entry, next: entries[i + 1] })).filter(({ entry }) => !known.has(paperId(entry.title))).slice(0, n);
  const header = lines.slice(0, (entries[0]?.line ?? 1) - 1);
  const bodies = picked.flatMap(({ entry, next }) => lines.slice(entry.line - 1, next === undefined ? undefined : next.line - 1));
  return { dir, dump: [...header, ...bodies].join('\n'), newIds: picked.map(({ entry }) => paperId(entry.title)) };
}

describe('/digest and new dumps', () => {
  it('GIVEN a new dump dropped into the seeds directory while running THEN its papers lead the next digest, marked new', { timeout: 180_000 }, async () => {
    const fake = await startFake();
    const [channelA] = fake.channelIds as [string];
    const { dir: seedsDir, dump, newIds } = await seedsWithNewDump(2);
    const dataDir = await privateDataDir();
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const clock = new ManualClock(BEFORE_SLOT);
    // The engine dates new papers by the test's clock, so "new since the last post" is measured on one timeline.
    const ownEngine = await createEngine(testConfig({ DATA_DIR: dataDir, SEEDS_DIR: seedsDir }), silentLogger, { now: () => clock.now() });
    let refreshed: (report: RefreshReport) => void = () => undefined;
    const refresh = new Promise<RefreshReport>((resolve) => (refreshed = resolve));
    const running = await boot({ fake, dataDir, now: BEFORE_SLOT, clock, engine: ownEngine, seedsDir, onSeedsRefresh: (report) => refreshed(report) });
    await setDigest(fake, { channel: channelA, time: '09:00', timezone: 'Europe/Berlin', count: 2 });
    await running.clock.advanceTo(SLOT);
    const [first] = channelPosts(fake, channelA);
    expect(urls(first).some((url) => newIds.some((id) => ownEngine.paper(id)?.url === url))).toBe(false);

    await running.clock.advanceTo('2027-01-11T12:00:00.000Z');
    await writeFile(path.join(seedsDir, '005_new_dump.txt'), dump);
    const report = await refresh;
    expect([...report.added].sort()).toEqual([...newIds].sort());

    await running.clock.advanceTo('2027-01-12T08:00:00.000Z');
    const [, second] = channelPosts(fake, channelA);
    expect(second).toBeDefined();
    expect([...urls(second)].sort()).toEqual(newIds.map((id) => ownEngine.paper(id)?.url).sort());
    expect(second.content).toContain('2 papers are new since the last digest');
  });
});
