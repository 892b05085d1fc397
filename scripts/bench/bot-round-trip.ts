/**
 * `/papers about model merging` through the real bot on a warm start — the
 * real discord.js client, dispatcher, engine and renderer, against the local
 * fake Discord — timed from the interaction's dispatch to the finished reply
 * (the editReply after the defer). The bot runs on a scratch copy of the
 * store: it takes the writer lease and starts its own services (backups) in
 * its DATA_DIR.
 */
import { loadBotConfig } from '../../src/config.js';
import { openEngine, type OpenedEngine } from '../../src/search/create-engine.js';
import { createBot } from '../../bot/create-bot.js';
import { FakeDiscord } from '../../test/fake-discord/fake-discord.js';
import { benchConfig, benchLogger, BOT_DATA_DIR } from './bench-env.js';
import { scratchCopy } from './scratch-store.js';
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
  const scratch = await scratchCopy(dataDir, BOT_DATA_DIR);
  const engineConfig = benchConfig(scratch.dataDir);
  const fake = await FakeDiscord.start();
  const config = loadBotConfig({
    ...Object.fromEntries(Object.entries(engineConfig).map(([k, v]) => [k, v === undefined ? undefined : String(v)])),
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_CLIENT_ID: fake.applicationId,
    DISCORD_API_BASE: fake.apiBase,
    RATE_LIMIT_COMMANDS: '100000',
    // Measured offline: no fetching from Hugging Face or arXiv while the bot runs.
    FEED_ENABLED: 'false',
  });
  const logger = benchLogger(engineConfig);
  let opened: OpenedEngine | undefined;
  const bot = createBot({ config, logger, engineLoader: async () => (opened = await openEngine(engineConfig, logger, { processKind: 'bot' })) });
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
    // The engine outlives the bot (as in bot/main.ts): it is closed once the bot has stopped.
    await opened?.engine.close();
    await fake.close();
    await scratch.remove();
  }
}
