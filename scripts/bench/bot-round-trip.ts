/**
 * Section 5: `/papers about model merging` through the real bot on a warm
 * start — the real discord.js client, dispatcher, engine and renderer,
 * against the local fake Discord — timed from the interaction's dispatch to
 * the finished reply (the editReply after the defer).
 */
import { loadBotConfig } from '../../src/config.js';
import { createEngine } from '../../src/search/create-engine.js';
import { createBot } from '../../bot/create-bot.js';
import { FakeDiscord } from '../../test/fake-discord/fake-discord.js';
import { benchConfig, benchLogger } from './bench-env.js';
import { round, summarise, type Summary } from './stats.js';

export interface BotRoundTrip {
  readonly query: string;
  /** The very first command after the bot became ready (the model's first inference included). */
  readonly firstMs: number;
  readonly later: Summary;
}

/** A token-shaped string: the fake never checks it, the config only checks its length. */
const FAKE_TOKEN = `MTE5ODc2NTQzMjEwOTg3NjU0Mw.bench.${'x'.repeat(40)}`;

export async function measureBotRoundTrip(dataDir: string, reps: number, query = 'model merging'): Promise<BotRoundTrip> {
  const engineConfig = benchConfig(dataDir);
  const fake = await FakeDiscord.start();
  const config = loadBotConfig({
    ...Object.fromEntries(Object.entries(engineConfig).map(([k, v]) => [k, v === undefined ? undefined : String(v)])),
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_CLIENT_ID: fake.applicationId,
    DISCORD_API_BASE: fake.apiBase,
    RATE_LIMIT_COMMANDS: '100000',
  });
  const logger = benchLogger(engineConfig);
  const bot = createBot({ config, logger, engineLoader: () => createEngine(engineConfig, logger) });
  try {
    await bot.start();
    const once = async (): Promise<number> => {
      const started = performance.now();
      const handle = await fake.sendCommand({
        name: 'papers',
        options: [{ name: 'about', type: 1, options: [{ name: 'query', type: 3, value: query }] }],
      });
      await handle.response();
      await handle.edit(10_000);
      return performance.now() - started;
    };
    const firstMs = await once();
    const samples: number[] = [];
    for (let i = 0; i < reps; i++) samples.push(await once());
    return { query, firstMs: round(firstMs), later: summarise(samples) };
  } finally {
    await bot.stop();
    await fake.close();
  }
}
