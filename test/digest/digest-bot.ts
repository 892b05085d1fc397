/**
 * One bot "process" for digest end-to-end tests: the real createBot against
 * the fake Discord, its digest scheduler on a hand-moved clock. Stopping it
 * and booting another on the same DATA_DIR is a restart.
 */
import type { RefreshableEngine, RefreshReport } from '../../src/search/engine-types.js';
import { createLogger } from '../../src/logger.js';
import { createBot, type Bot } from '../../bot/create-bot.js';
import { LogCapture, testConfig } from '../bot/harness.js';
import type { FakeDiscord } from '../fake-discord/fake-discord.js';
import { SEEDS_DIR } from '../support/test-engine.js';
import { ManualClock } from '../support/manual-clock.js';

export interface RunningDigestBot {
  readonly bot: Bot;
  readonly clock: ManualClock;
  readonly logs: LogCapture;
}

export interface DigestBotOptions {
  readonly fake: FakeDiscord;
  readonly dataDir: string;
  /** Where the clock starts (ignored when `clock` is given). */
  readonly now: string;
  readonly engine: RefreshableEngine;
  /** Receives the bot's stop, for the test's clean-up. */
  readonly onCleanup: (step: () => Promise<void>) => void;
  readonly seedsDir?: string;
  readonly onSeedsRefresh?: (report: RefreshReport) => void;
  readonly clock?: ManualClock;
}

export async function bootDigestBot(options: DigestBotOptions): Promise<RunningDigestBot> {
  const logs = new LogCapture();
  const clock = options.clock ?? new ManualClock(options.now);
  const config = testConfig(options.fake, { DATA_DIR: options.dataDir, SEEDS_DIR: options.seedsDir ?? SEEDS_DIR });
  const bot = createBot({
    config,
    logger: createLogger('debug', logs.stream),
    engineLoader: () => Promise.resolve(options.engine),
    clock,
    digest: { seedsDebounceMs: 200, ...(options.onSeedsRefresh ? { onSeedsRefresh: options.onSeedsRefresh } : {}) },
  });
  options.onCleanup(() => bot.stop());
  await bot.start();
  // Start-up work (reconciling unfinished posts, catching up) is due "now".
  await clock.flush();
  return { bot, clock, logs };
}
