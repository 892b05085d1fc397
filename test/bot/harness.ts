/**
 * Runs the real bot (createBot, the real discord.js client, the real engine)
 * in-process against the fake Discord, and captures its log lines so tests
 * can check what was logged — and that the token never was.
 */
import path from 'node:path';
import { loadBotConfig, type BotConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { RefreshableEngine } from '../../src/search/engine-types.js';
import type { Clock } from '../../src/clock.js';
import { createBot, type Bot, type BotOptions } from '../../bot/create-bot.js';
import { FakeDiscord, type Payload } from '../fake-discord/fake-discord.js';
import { LogCapture } from '../support/log-capture.js';
import { REPO_ROOT, SEEDS_DIR, SHARED_DATA_DIR } from '../support/test-engine.js';

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

/** The environment of a bot pointed at `fake`, the shared warm cache and the real seeds and model. */
export function testEnv(fake: FakeDiscord): Record<string, string> {
  return {
    DISCORD_TOKEN: TOKEN,
    DISCORD_CLIENT_ID: fake.applicationId,
    DISCORD_API_BASE: fake.apiBase,
    DATA_DIR: SHARED_DATA_DIR,
    SEEDS_DIR,
    MODELS_DIR: path.join(REPO_ROOT, 'models'),
    LOG_LEVEL: 'debug',
  };
}

export function testConfig(fake: FakeDiscord, env: Record<string, string> = {}): BotConfig {
  return loadBotConfig({ ...testEnv(fake), RATE_LIMIT_COMMANDS: '1000', ...env });
}

export interface RunningBot {
  readonly fake: FakeDiscord;
  readonly bot: Bot;
  readonly logs: LogCapture;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly engine?: RefreshableEngine;
  readonly engineLoader?: BotOptions['engineLoader'];
  readonly env?: Record<string, string>;
  readonly clock?: Clock;
  readonly pageTtlMs?: number;
  /** Resolve start() before returning (default true); false lets a test talk to a bot still warming up. */
  readonly awaitStart?: boolean;
}

export async function startBot(options: StartOptions): Promise<RunningBot & { started: Promise<void> }> {
  const fake = await FakeDiscord.start();
  const logs = new LogCapture();
  const config = testConfig(fake, options.env);
  const engine = options.engine;
  const engineLoader = options.engineLoader ?? (engine ? () => Promise.resolve(engine) : undefined);
  if (!engineLoader) throw new Error('startBot needs an engine or an engineLoader');
  const bot = createBot({
    config,
    logger: createLogger(config.LOG_LEVEL, logs.stream),
    engineLoader,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.pageTtlMs ? { pageTtlMs: options.pageTtlMs } : {}),
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
