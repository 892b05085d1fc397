/**
 * The bot's life cycle against the fake Discord: warming up, reconnects,
 * Discord failures, unexpected errors, shutdown with replies in flight — and,
 * over all of it, that no log line holds the token and no message can ping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefreshableEngine } from '../../src/search/engine-types.js';
import { APOLOGY } from '../../bot/messages.js';
import { WARMING_UP } from '../../bot/engine-holder.js';
import { EPHEMERAL, papers, sentMessages, startBot, TOKEN, until, type RunningBot } from './harness.js';
import { sharedTestEngine } from '../support/test-engine.js';

let engine: RefreshableEngine;
const running: RunningBot[] = [];

/** The real engine with some methods replaced. */
function engineWith(overrides: Partial<Pick<RefreshableEngine, 'about' | 'ask'>>): RefreshableEngine {
  return new Proxy(engine, {
    get: (target, property, receiver) =>
      property in overrides ? overrides[property as keyof typeof overrides] : Reflect.get(target, property, receiver),
  });
}

async function start(options: Parameters<typeof startBot>[0]) {
  const bot = await startBot(options);
  running.push(bot);
  return bot;
}

beforeAll(async () => {
  engine = await sharedTestEngine();
});

afterAll(async () => {
  for (const bot of running) await bot.close();
  // Checked over every bot of this file: whatever happened, the token was never logged and nothing could ping.
  for (const { logs, fake } of running) {
    expect(logs.lines.length).toBeGreaterThan(0);
    for (const line of logs.lines) expect(line).not.toContain(TOKEN);
    for (const { body } of sentMessages(fake)) expect(body.allowed_mentions).toEqual({ parse: [] });
  }
});

describe('warming up', () => {
  it('GIVEN the engine is still loading WHEN a command arrives THEN it is told to retry, privately; once loaded THEN it is answered', async () => {
    let release: (engine: RefreshableEngine) => void = () => undefined;
    const loading = new Promise<RefreshableEngine>((resolve) => (release = resolve));
    const { fake, started } = await start({ engineLoader: () => loading, awaitStart: false });
    await fake.waitForReady();

    const early = await (await fake.sendCommand(papers('help'))).response();
    expect(early.type).toBe(4);
    expect(early.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(early.data.content).toBe(WARMING_UP);
    const choices = await (await fake.sendAutocomplete(papers('title', { title: 'merg' }, 'title'))).response();
    expect(choices.data.choices).toEqual([]);

    release(engine);
    await started;
    const later = await (await fake.sendCommand(papers('help'))).response();
    expect(later.data.embeds[0].description).toContain(`**${engine.papers.length}** papers`);
  });
});

describe('connection trouble', () => {
  it('GIVEN the gateway drops or asks to reconnect THEN the bot resumes and keeps answering', async () => {
    const { fake } = await start({ engine });
    fake.dropGateway();
    await until(() => fake.resumeCount === 1);
    expect((await (await fake.sendCommand(papers('help'))).response()).type).toBe(4);
    fake.dropGateway('reconnect-op');
    await until(() => fake.resumeCount === 2);
    expect((await (await fake.sendCommand(papers('help'))).response()).type).toBe(4);
    expect(fake.identifyCount).toBe(1);
  });

  it('GIVEN Discord answers 500 and then 429 to a reply THEN discord.js retries and the reply arrives', async () => {
    const { fake, logs } = await start({ engine });
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
    const { fake, logs } = await start({ engine: failing });
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
  it('GIVEN a reply in flight WHEN the bot stops THEN the reply is finished before the client disconnects', async () => {
    const slow = engineWith({ about: (query, options) => new Promise((resolve) => setTimeout(() => resolve(engine.about(query, options)), 400)) });
    const { fake, bot, logs } = await start({ engine: slow });
    const handle = await fake.sendCommand(papers('about', { query: 'diffusion models' }));
    expect((await handle.response()).type).toBe(5);
    await bot.stop();
    expect(fake.requests.some((r) => r.method === 'PATCH' && r.path.includes(handle.token))).toBe(true);
    expect(logs.find('shutdown: in-flight replies finished')).toHaveLength(1);
    expect(bot.client.isReady()).toBe(false);
  });
});
