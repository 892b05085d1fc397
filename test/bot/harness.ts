/**
 * Runs the real bot (createBot, the real discord.js client, the real engine)
 * in-process against the fake Discord, and captures its log lines so tests
 * can check what was logged — and that the token never was.
 *
 * A bot takes the writer lease of its DATA_DIR, so every bot gets a private
 * copy of the shared warm store (`privateBotEngine`), never the shared one.
 * The bot never closes the engine it is given: the test does, after the bot stopped.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadBotConfig, type BotConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { EngineOptions, OpenedEngine } from '../../src/search/create-engine.js';
import { DB_FILE } from '../../src/store/data-dir.js';
import type { Clock } from '../../src/clock.js';
import { createBot, type Bot, type EngineLoader } from '../../bot/create-bot.js';
import { FakeDiscord, type Payload } from '../fake-discord/fake-discord.js';
import { LogCapture } from '../support/log-capture.js';
import { privateDataDir, privateTestEngine, REPO_ROOT, SEEDS_DIR } from '../support/test-engine.js';

export { LogCapture };

/** Shaped like a real token (and over the config's 50-character minimum), distinctive enough to grep logs for. */
export const TOKEN = `MTE5ODc2NTQzMjEwOTg3NjU0Mw.GsEcRt.${'tok3n'.repeat(8)}`;

export const EPHEMERAL = 64;

/** Option types as Discord sends them. */
export const OptionType = { Subcommand: 1, String: 3, Integer: 4, Boolean: 5 } as const;

/** A `/papers <sub>` invocation as the fake sends it. */
export function papers(sub: string, options: Record<string, string | number | boolean> = {}, focused?: string) {
  const type = (value: string | number | boolean) =>
    typeof value === 'boolean' ? OptionType.Boolean : typeof value === 'number' ? OptionType.Integer : OptionType.String;
  return {
    name: 'papers',
    options: [
      {
        name: sub,
        type: OptionType.Subcommand,
        options: Object.entries(options).map(([name, value]) => ({ name, type: type(value), value, ...(name === focused ? { focused: true } : {}) })),
      },
    ],
  };
}

/** An engine on a DATA_DIR of its own. */
export type PrivateEngine = OpenedEngine & { readonly dataDir: string };

/**
 * An engine on a private copy of the shared warm store, for one bot.
 *
 * Workaround: the copy privateDataDir() makes carries the shared store's
 * writer lease row, so while another test process holds the shared store
 * (any test file using sharedTestEngine) an engine on the copy opens
 * read-only and a bot on it refuses to start (StoreError HELD). The row is
 * cleared here until test/support/test-engine.ts does it itself.
 */
export async function privateBotEngine(options: EngineOptions = {}): Promise<PrivateEngine> {
  return privateTestEngine({ processKind: 'bot', ...options }, { DATA_DIR: await privateBotDataDir() });
}

/** privateDataDir() with the copied writer lease cleared (see privateBotEngine). */
export async function privateBotDataDir(): Promise<string> {
  const dataDir = await privateDataDir();
  const db = new Database(path.join(dataDir, DB_FILE));
  try {
    db.prepare('DELETE FROM writer_lease').run();
  } finally {
    db.close();
  }
  return dataDir;
}

/**
 * Where upstreams point unless a test serves them (test/fake-upstream): a closed local port, so no test
 * ever reaches huggingface.co or arxiv.org, not even through `/papers add`.
 */
export const NO_UPSTREAM = 'http://127.0.0.1:9';

/**
 * The environment of a bot pointed at `fake`, its own DATA_DIR and the real seeds and model. Feeds are off
 * (FEED_ENABLED=false) unless a test turns them on and points HF_API_BASE/ARXIV_API_BASE at a fake upstream.
 */
export function testEnv(fake: FakeDiscord, dataDir: string): Record<string, string> {
  return {
    DISCORD_TOKEN: TOKEN,
    DISCORD_CLIENT_ID: fake.applicationId,
    DISCORD_API_BASE: fake.apiBase,
    DATA_DIR: dataDir,
    SEEDS_DIR,
    MODELS_DIR: path.join(REPO_ROOT, 'models'),
    LOG_LEVEL: 'debug',
    FEED_ENABLED: 'false',
    HF_API_BASE: NO_UPSTREAM,
    ARXIV_API_BASE: NO_UPSTREAM,
  };
}

/** A bot's config; `env` must name its DATA_DIR (a bot writes there), and may override anything else. */
export function testConfig(fake: FakeDiscord, env: Readonly<Record<string, string>> & { readonly DATA_DIR: string }): BotConfig {
  return loadBotConfig({ ...testEnv(fake, env.DATA_DIR), RATE_LIMIT_COMMANDS: '1000', ...env });
}

export interface RunningBot {
  readonly fake: FakeDiscord;
  readonly bot: Bot;
  readonly logs: LogCapture;
  close(): Promise<void>;
}

export type StartOptions = EngineSource & {
  readonly env?: Record<string, string>;
  readonly clock?: Clock;
  readonly pageTtlMs?: number;
  readonly cliWait?: { readonly pollMs: number; readonly maxMs: number };
  /** Resolve start() before returning (default true); false lets a test talk to a bot still warming up. */
  readonly awaitStart?: boolean;
};

/** What the bot serves: an open engine (its DATA_DIR becomes the bot's), or a loader and the DATA_DIR it opens. */
export type EngineSource =
  | { readonly opened: PrivateEngine; readonly engineLoader?: never; readonly dataDir?: never }
  | { readonly opened?: never; readonly engineLoader: EngineLoader; readonly dataDir: string };

export async function startBot(options: StartOptions): Promise<RunningBot & { started: Promise<void> }> {
  const fake = await FakeDiscord.start();
  const logs = new LogCapture();
  const { opened } = options;
  const dataDir = opened === undefined ? options.dataDir : opened.dataDir;
  const engineLoader: EngineLoader = opened === undefined ? options.engineLoader : () => Promise.resolve(opened);
  const config = testConfig(fake, { ...options.env, DATA_DIR: dataDir });
  const bot = createBot({
    config,
    logger: createLogger(config.LOG_LEVEL, logs.stream),
    engineLoader,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.pageTtlMs ? { pageTtlMs: options.pageTtlMs } : {}),
    ...(options.cliWait ? { cliWait: options.cliWait } : {}),
  });
  const started = bot.start();
  if (options.awaitStart ?? true) await started;
  return {
    fake,
    bot,
    logs,
    started,
    async close() {
      await bot.stop();
      await fake.close();
    },
  };
}

/** Polls `condition` until it holds (for state the fake exposes as counters, not as requests). */
export async function until(condition: () => boolean, timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every request body the bot sent that could carry a message (replies, edits, follow-ups, posts). */
export function sentMessages(fake: FakeDiscord): { path: string; body: Payload }[] {
  return fake.requests
    .filter((r) => r.method !== 'GET' && r.method !== 'DELETE' && r.body !== undefined)
    .map((r) => ({ path: r.path, body: r.body as Payload }))
    .flatMap(({ path, body }) => {
      // An interaction callback wraps the message in `data`; autocomplete (type 8) and defers carry none.
      if (path.endsWith('/callback')) return body.type === 4 || body.type === 7 ? [{ path, body: body.data }] : [];
      if (path.includes('/commands')) return [];
      return [{ path, body }];
    });
}
