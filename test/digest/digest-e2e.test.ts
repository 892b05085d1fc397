/**
 * The digest end to end: the real bot (createBot, discord.js, the real engine)
 * against the fake Discord, with the scheduler on a hand-moved clock. Each bot
 * runs on an engine over a private copy of the shared warm store.
 */
import { PermissionFlagsBits } from 'discord.js';
import { copyFile, open as openFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { NEEDS_MANAGE_SERVER } from '../../commands/digest/options.js';
import { digest as digestCommand } from '../../commands/digest.js';
import { registerCommands } from '../../bot/register-commands.js';
import { byRecencyThenUpvotes } from '../../src/digest/select-papers.js';
import { LEGACY_STATE_FILE } from '../../src/digest/digest-store.js';
import { BACKUP_FILE, DB_FILE } from '../../src/store/data-dir.js';
import { loadCorpus, paperId, parseListing } from '../../src/corpus/index.js';
import { SEED, readSeed } from '../corpus/seeds.js';
import type { RefreshReport } from '../../src/search/engine-types.js';
import { FakeDiscord, type Payload } from '../fake-discord/fake-discord.js';
import { SEEDS_DIR } from '../support/test-engine.js';
import { bootDigestBot, closeSharedEmbedder, openBotEngine, privateDir, type RunningDigestBot } from './digest-bot.js';
import { seedPapers } from './corpus-engine.js';
import { dbFile } from './stored-state.js';
import { ManualClock } from '../support/manual-clock.js';
import { tempDir } from './temp-dir.js';

const TOKEN = `MTE5ODc2NTQzMjEwOTg3NjU0Mw.GsEcRt.${'digest'.repeat(8)}`;
const EPHEMERAL = 64;
const Opt = { Subcommand: 1, String: 3, Integer: 4, Channel: 7 } as const;
/** 09:00 in Berlin on Monday 11 January 2027 (after the real "now", so no paper counts as new to a digest made then). */
const SLOT = '2027-01-11T08:00:00.000Z';
const BEFORE_SLOT = '2027-01-11T06:00:00.000Z';
const NO_MANAGE_SERVER = String(PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel);

const cleanup: (() => Promise<void>)[] = [];
const onCleanup = (step: () => Promise<void>): void => void cleanup.push(step);

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

afterAll(closeSharedEmbedder);

interface BootOptions {
  readonly fake: FakeDiscord;
  readonly dataDir: string;
  readonly now: string;
  readonly seedsDir?: string;
  readonly onSeedsRefresh?: (report: RefreshReport) => void;
  readonly clock?: ManualClock;
}

/** Starts a bot process on an engine of its own over `dataDir`; stopping it (or the test ending) is the "restart" boundary. */
async function boot(options: BootOptions): Promise<RunningDigestBot> {
  const { dataDir, seedsDir, clock } = options;
  const opened = await openBotEngine({ dataDir, ...(seedsDir === undefined ? {} : { seedsDir }), ...(clock === undefined ? {} : { now: () => clock.now() }) }, onCleanup);
  return bootDigestBot({ ...options, opened, onCleanup });
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
    const dataDir = await privateDir(onCleanup);
    const first = await boot({ fake, dataDir, now: BEFORE_SLOT });
    const engine = first.opened.engine;
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

    await first.stop();
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
    await boot({ fake, dataDir: await privateDir(onCleanup), now: BEFORE_SLOT });
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
    await boot({ fake, dataDir: await privateDir(onCleanup), now: BEFORE_SLOT });
    await setDigest(fake, { channel: channelA, time: '09:00', timezone: 'Europe/Berlin', count: 2 });
    const handle = await fake.sendCommand(digestCmd('now'));
    expect((await handle.response()).data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect((await handle.edit()).content).toContain('Posted 2 papers');
    expect(channelPosts(fake, channelA)).toHaveLength(1);
  });

  it('GIVEN an invalid time or zone THEN the private reply names the problem and nothing is stored', async () => {
    const fake = await startFake();
    const [channelA] = fake.channelIds as [string];
    await boot({ fake, dataDir: await privateDir(onCleanup), now: BEFORE_SLOT });
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
    const running = await boot({ fake, dataDir: await privateDir(onCleanup), now: BEFORE_SLOT });
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
    const running = await boot({ fake, dataDir: await privateDir(onCleanup), now: BEFORE_SLOT });
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
    await boot({ fake, dataDir: await privateDir(onCleanup), now: BEFORE_SLOT });
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

  it('GIVEN a corrupt digests.json from paperbot 0.1 at start-up THEN it is kept aside with a timestamp, /digest list says so, and the digests in the store stay', async () => {
    const fake = await startFake();
    const [channelA] = fake.channelIds as [string];
    const dataDir = await privateDir(onCleanup);
    const first = await boot({ fake, dataDir, now: BEFORE_SLOT });
    await setDigest(fake, { channel: channelA, time: '09:00', timezone: 'Europe/Berlin' });
    await first.stop();

    await writeFile(path.join(dataDir, LEGACY_STATE_FILE), '{"version":1,"digests":[{"id":');
    const running = await boot({ fake, dataDir, now: BEFORE_SLOT });
    const list = await (await fake.sendCommand(digestCmd('list'))).response();
    expect(list.data.content).toContain('could not be read at start-up');
    expect(list.data.embeds[0].fields).toHaveLength(1);
    expect((list.data.embeds[0].fields as Payload[])[0]?.value).toContain(`<#${channelA}>`);
    const names = await readdir(dataDir);
    expect(names.filter((name) => name.startsWith(`${LEGACY_STATE_FILE}.corrupt-`))).toHaveLength(1);
    expect(names).not.toContain(LEGACY_STATE_FILE);
    expect(running.logs.find('old digest state file is corrupt: kept aside, not imported').some((line) => line.level === 50)).toBe(true);
  });

  it('GIVEN the store was damaged at start-up and a backup exists THEN /digest list says so, and the digests of the backup are back', async () => {
    const fake = await startFake();
    const [channelA] = fake.channelIds as [string];
    const dataDir = await privateDir(onCleanup);
    const first = await boot({ fake, dataDir, now: BEFORE_SLOT });
    await setDigest(fake, { channel: channelA, time: '09:00', timezone: 'Europe/Berlin' });
    await first.stop();
    // A healthy backup of the closed store, as the daily backup leaves it; then a disk fault hits the database's header.
    await copyFile(dbFile(dataDir), path.join(dataDir, BACKUP_FILE));
    const handle = await openFile(dbFile(dataDir), 'r+');
    await handle.write(Buffer.from('this is no longer SQLite'), 0, 24, 0);
    await handle.close();

    await boot({ fake, dataDir, now: BEFORE_SLOT });
    const list = await (await fake.sendCommand(digestCmd('list'))).response();
    expect(list.data.content).toContain('The store was damaged at start-up');
    expect(list.data.content).toContain('restored from the backup');
    expect(list.data.embeds[0].fields).toHaveLength(1);
    expect((list.data.embeds[0].fields as Payload[])[0]?.value).toContain(`<#${channelA}>`);
    expect((await readdir(dataDir)).filter((name) => name.startsWith(`${DB_FILE}.corrupt-`))).toHaveLength(1);
  });

  it('GIVEN the timezone option being typed THEN autocomplete offers matching IANA zones', async () => {
    const fake = await startFake();
    await boot({ fake, dataDir: await privateDir(onCleanup), now: BEFORE_SLOT });
    const focused = [{ name: 'timezone', type: Opt.String, value: 'berl', focused: true }];
    const choices = await (await fake.sendAutocomplete({ name: 'digest', options: [{ name: 'set', type: Opt.Subcommand, options: focused }] })).response();
    expect(choices.data.choices).toContainEqual({ name: 'Europe/Berlin', value: 'Europe/Berlin' });
  });
});

/**
 * A seeds directory holding four of the five real dumps, and a new dump made
 * of the first `n` papers of the fifth that the four do not contain: real
 * listing text, new to the corpus. `newUrls` are those papers' links, from
 * the full real corpus.
 */
async function seedsWithNewDump(n: number): Promise<{ dir: string; dump: string; newIds: string[]; newUrls: string[] }> {
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
  const newIds = picked.map(({ entry }) => paperId(entry.title));
  const all = await seedPapers();
  const newUrls = newIds.map((id) => all.find((paper) => paper.id === id)?.url ?? `no seed paper ${id}`);
  return { dir, dump: [...header, ...bodies].join('\n'), newIds, newUrls };
}

describe('/digest and new dumps', () => {
  it('GIVEN a new dump dropped into the seeds directory while running THEN its papers lead the next digest, marked new', { timeout: 180_000 }, async () => {
    const fake = await startFake();
    const [channelA] = fake.channelIds as [string];
    const { dir: seedsDir, dump, newIds, newUrls } = await seedsWithNewDump(2);
    expect(newUrls).toHaveLength(2);
    const dataDir = await privateDir(onCleanup);
    // The engine dates new papers by the test's clock, so "new since the last post" is measured on one timeline.
    const clock = new ManualClock(BEFORE_SLOT);
    let refreshed: (report: RefreshReport) => void = () => undefined;
    const refresh = new Promise<RefreshReport>((resolve) => (refreshed = resolve));
    const running = await boot({ fake, dataDir, now: BEFORE_SLOT, clock, seedsDir, onSeedsRefresh: (report) => refreshed(report) });
    const ownEngine = running.opened.engine;
    expect(await Promise.all(newIds.map((id) => ownEngine.paper(id)))).toEqual([undefined, undefined]);
    await setDigest(fake, { channel: channelA, time: '09:00', timezone: 'Europe/Berlin', count: 2 });
    await running.clock.advanceTo(SLOT);
    const [first] = channelPosts(fake, channelA);
    expect(urls(first)).toHaveLength(2);
    expect(urls(first).filter((url) => newUrls.includes(url))).toEqual([]);

    await running.clock.advanceTo('2027-01-11T12:00:00.000Z');
    await writeFile(path.join(seedsDir, '005_new_dump.txt'), dump);
    const report = await refresh;
    expect([...report.added].sort()).toEqual([...newIds].sort());
    expect(await Promise.all(newIds.map(async (id) => (await ownEngine.paper(id))?.url))).toEqual(newUrls);

    await running.clock.advanceTo('2027-01-12T08:00:00.000Z');
    const [, second] = channelPosts(fake, channelA);
    expect(second).toBeDefined();
    expect([...urls(second)].sort()).toEqual([...newUrls].sort());
    expect(second.content).toContain('2 papers are new since the last digest');
  });
});
