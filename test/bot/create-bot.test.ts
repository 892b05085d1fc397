/**
 * The bot's life cycle against the fake Discord: starting up, a store held
 * by another process, reconnects, Discord failures, unexpected errors,
 * shutdown with replies in flight — and, over all of it, that no log line
 * holds the token and no message can ping.
 */
import { rm } from 'node:fs/promises';
import { Events } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/embedding/embedder.js';
import { silentLogger } from '../../src/logger.js';
import { openEngine, type OpenedEngine } from '../../src/search/create-engine.js';
import type { RefreshableEngine } from '../../src/search/engine-types.js';
import { APOLOGY } from '../../bot/messages.js';
import { WARMING_UP } from '../../bot/engine-holder.js';
import { ENGINE_WAIT_MS } from '../../bot/preconditions.js';
import { testConfig } from '../support/test-engine.js';
import { EPHEMERAL, papers, privateBotDataDir, privateBotEngine, sentMessages, startBot, TOKEN, until, type PrivateEngine, type RunningBot } from './harness.js';
import { foreignWriter, testModel } from './store-states.js';

/** Every engine of this file runs on this one model worker (see testModel). */
let model: Embedder;
let opened: PrivateEngine;
const running: RunningBot[] = [];

/** The real engine with some methods replaced. */
function engineWith(overrides: Partial<Pick<RefreshableEngine, 'about' | 'ask'>>): PrivateEngine {
  const engine = new Proxy(opened.engine, {
    get: (target, property, receiver) =>
      property in overrides ? overrides[property as keyof typeof overrides] : Reflect.get(target, property, receiver),
  });
  return { ...opened, engine };
}

async function start(options: Parameters<typeof startBot>[0]) {
  const bot = await startBot(options);
  running.push(bot);
  return bot;
}

/** A loader that opens only when the test says so. */
function heldLoader(): { load: () => Promise<OpenedEngine>; open: () => void } {
  let open: () => void = () => undefined;
  const loading = new Promise<OpenedEngine>((resolve) => (open = () => resolve(opened)));
  return { load: () => loading, open };
}

beforeAll(async () => {
  model = await testModel();
  opened = await privateBotEngine({ embedder: model });
});

afterAll(async () => {
  for (const bot of running) await bot.close();
  // The bots never close the engine they were given: that is the owner's job, after they stopped.
  await opened.engine.close();
  await model.close();
  await rm(opened.dataDir, { recursive: true, force: true });
  // Checked over every bot of this file: whatever happened, the token was never logged and nothing could ping.
  for (const { logs, fake } of running) {
    expect(logs.lines.length).toBeGreaterThan(0);
    for (const line of logs.lines) expect(line).not.toContain(TOKEN);
    for (const { body } of sentMessages(fake)) expect(body.allowed_mentions).toEqual({ parse: [] });
  }
});

describe('starting up', () => {
  it(`GIVEN the engine is not open within ${ENGINE_WAIT_MS} ms WHEN a command arrives THEN it is told to retry, privately; once open THEN it is answered`, async () => {
    const loader = heldLoader();
    const { fake, started } = await start({ engineLoader: loader.load, dataDir: opened.dataDir, awaitStart: false });
    await fake.waitForReady();

    const waitedFrom = performance.now();
    const early = await (await fake.sendCommand(papers('help'))).response();
    expect(performance.now() - waitedFrom).toBeGreaterThanOrEqual(ENGINE_WAIT_MS - 50);
    expect(early.type).toBe(4);
    expect(early.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(early.data.content).toBe(WARMING_UP);
    const choices = await (await fake.sendAutocomplete(papers('title', { title: 'merg' }, 'title'))).response();
    expect(choices.data.choices).toEqual([]);

    loader.open();
    await started;
    const later = await (await fake.sendCommand(papers('help'))).response();
    expect(later.data.embeds[0].description).toContain(`**${opened.engine.papers.length}** papers`);
  });

  it('GIVEN the engine opens while a command waits for it THEN that command is answered for real, not turned away', async () => {
    const loader = heldLoader();
    const { fake, bot, started } = await start({ engineLoader: loader.load, dataDir: opened.dataDir, awaitStart: false });
    await fake.waitForReady();
    // The bot's own listener runs first and starts waiting; the engine opens just after the command arrived.
    let openOnArrival: boolean | undefined;
    bot.client.once(Events.InteractionCreate, () => {
      openOnArrival = bot.context.engine.ready;
      loader.open();
    });

    const response = await (await fake.sendCommand(papers('help'))).response();
    expect(openOnArrival).toBe(false);
    expect(response.data.content ?? '').not.toBe(WARMING_UP);
    expect(response.data.embeds[0].description).toContain(`**${opened.engine.papers.length}** papers`);
    await started;
  });

  it('GIVEN another paperbot holds the DATA_DIR writer lease THEN start() fails with StoreError HELD naming the holder', async () => {
    const dataDir = await privateBotDataDir();
    const other = await foreignWriter(dataDir, 'bot');
    let reader: OpenedEngine | undefined;
    try {
      const { started } = await start({
        engineLoader: async () => (reader = await openEngine(testConfig({ DATA_DIR: dataDir }), silentLogger, { processKind: 'bot', embedder: model })),
        dataDir,
        awaitStart: false,
      });
      await expect(started).rejects.toMatchObject({
        name: 'StoreError',
        code: 'HELD',
        message: expect.stringMatching(new RegExp(`^DATA_DIR is in use by another paperbot \\(bot, pid ${other.pid} on .+, since .+\\): stop it, or give this bot its own DATA_DIR\\.$`)),
      });
      expect(reader?.engine.status()).toMatchObject({ writer: false, writerElsewhere: expect.stringContaining(`pid ${other.pid}`) });
    } finally {
      await reader?.engine.close();
      await other.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a command-line run holding the store', () => {
  it('GIVEN the CLI holds the DATA_DIR writer lease THEN the bot waits instead of refusing, and starts writing once the CLI is gone', async () => {
    const dataDir = await privateBotDataDir();
    const cli = await foreignWriter(dataDir, 'cli');
    let cliRunning = true;
    const loaded: OpenedEngine[] = [];
    try {
      const { bot, started } = await start({
        engineLoader: async () => {
          const opened = await openEngine(testConfig({ DATA_DIR: dataDir }), silentLogger, { processKind: 'bot', embedder: model });
          loaded.push(opened);
          return opened;
        },
        dataDir,
        awaitStart: false,
        cliWait: { pollMs: 50, maxMs: 60_000 },
      });
      await until(() => loaded.length === 1);
      expect(bot.context.engine.ready).toBe(false);
      await cli.stop();
      cliRunning = false;
      await started;
      expect(loaded.length).toBe(2);
      expect(bot.context.engine.opened?.engine.status().writer).toBe(true);
    } finally {
      if (cliRunning) await cli.stop();
      for (const opened of loaded) await opened.engine.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('connection trouble', () => {
  it('GIVEN the gateway drops or asks to reconnect THEN the bot resumes and keeps answering', async () => {
    const { fake } = await start({ opened });
    fake.dropGateway();
    await until(() => fake.resumeCount === 1);
    expect((await (await fake.sendCommand(papers('help'))).response()).type).toBe(4);
    fake.dropGateway('reconnect-op');
    await until(() => fake.resumeCount === 2);
    expect((await (await fake.sendCommand(papers('help'))).response()).type).toBe(4);
    expect(fake.identifyCount).toBe(1);
  });

  it('GIVEN Discord answers 500 and then 429 to a reply THEN discord.js retries and the reply arrives', async () => {
    const { fake, logs } = await start({ opened });
    fake.failNext((method, path) => method === 'POST' && path.endsWith('/callback'), 500, 1);
    fake.failNext((method, path) => method === 'POST' && path.endsWith('/callback'), 429, 1);
    const handle = await fake.sendCommand(papers('help'));
    expect((await handle.response()).type).toBe(4);
    expect(fake.requests.filter((r) => r.path.endsWith(`${handle.id}/${handle.token}/callback`)).map((r) => r.status)).toEqual([500, 429, 204]);
    expect(logs.find('Discord answered with an error; discord.js retries').map((entry) => entry.status)).toEqual([500, 429]);
  });
});

describe('unexpected errors', () => {
  it('GIVEN the engine fails after the reply was deferred THEN the user gets a private apology and the log has command, options and stack', async () => {
    const failing = engineWith({ about: () => Promise.reject(new Error('index exploded')) });
    const { fake, logs } = await start({ opened: failing });
    const handle = await fake.sendCommand(papers('about', { query: 'model merging' }));
    expect((await handle.response()).type).toBe(5);
    await fake.waitForRequest((r) => r.method === 'POST' && r.path.includes(handle.token) && !r.path.endsWith('/callback'));
    const [apology] = handle.followUps() as { content: string; flags: number }[];
    expect(apology?.content).toBe(APOLOGY);
    expect((apology?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    // The public "thinking…" placeholder is gone rather than left hanging.
    expect(handle.currentMessage()).toBeNull();
    const [logged] = logs.find('command failed');
    expect(logged).toMatchObject({ command: 'papers about', options: { query: 'model merging' } });
    expect(JSON.stringify(logged)).toContain('index exploded');
    expect(JSON.stringify(logged)).toMatch(/"stack":"Error: index exploded\\n\s+at /);
  });
});

describe('shutdown', () => {
  it('GIVEN a reply in flight WHEN the bot stops THEN the reply is finished before the client disconnects, and the engine stays open for its owner', async () => {
    const slow = engineWith({ about: (query, options) => new Promise((resolve) => setTimeout(() => resolve(opened.engine.about(query, options)), 400)) });
    const { fake, bot, logs } = await start({ opened: slow });
    const handle = await fake.sendCommand(papers('about', { query: 'diffusion models' }));
    expect((await handle.response()).type).toBe(5);
    await bot.stop();
    expect(fake.requests.some((r) => r.method === 'PATCH' && r.path.includes(handle.token))).toBe(true);
    expect(logs.find('shutdown: in-flight replies finished')).toHaveLength(1);
    expect(bot.client.isReady()).toBe(false);
    // Stopping the bot did not close the engine or its store.
    expect((await opened.engine.about('diffusion models')).results.length).toBeGreaterThan(0);
    expect(opened.engine.status().writer).toBe(true);
  });
});
