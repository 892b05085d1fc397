/**
 * One bot "process" for digest end-to-end tests: the real createBot against
 * the fake Discord, on an engine over its own DATA_DIR (a bot refuses a store
 * another process writes), its digest scheduler on a hand-moved clock.
 * Stopping it (the bot, then its engine) and booting another on the same
 * DATA_DIR is a restart.
 */
import { rm } from 'node:fs/promises';
import { createLogger } from '../../src/logger.js';
import type { OpenedEngine } from '../../src/search/create-engine.js';
import type { RefreshReport } from '../../src/search/engine-types.js';
import { createBot, type Bot } from '../../bot/create-bot.js';
import { LogCapture, testConfig } from '../bot/harness.js';
import type { FakeDiscord } from '../fake-discord/fake-discord.js';
import { privateDataDir, privateTestEngine, SEEDS_DIR } from '../support/test-engine.js';
import { ManualClock } from '../support/manual-clock.js';
import { withDatabase } from './stored-state.js';
import { sharedEmbedder } from '../support/shared-embedder.js';

/** An engine and the DATA_DIR its store is in. */
export type BotEngine = OpenedEngine & { readonly dataDir: string };

export interface RunningDigestBot {
  readonly bot: Bot;
  readonly clock: ManualClock;
  readonly logs: LogCapture;
  readonly opened: BotEngine;
  /** Ends the process: stops the bot, then closes its engine (a bot never closes the engine it was given). Idempotent. */
  stop(): Promise<void>;
}

export interface DigestBotOptions {
  readonly fake: FakeDiscord;
  /** Where the clock starts (ignored when `clock` is given). */
  readonly now: string;
  /** The engine the bot runs on; its DATA_DIR is the bot's. */
  readonly opened: BotEngine;
  /** Receives the process's stop, for the test's clean-up. */
  readonly onCleanup: (step: () => Promise<void>) => void;
  readonly seedsDir?: string;
  readonly onSeedsRefresh?: (report: RefreshReport) => void;
  readonly clock?: ManualClock;
}

export { closeSharedEmbedder } from '../support/shared-embedder.js';

/** A DATA_DIR holding a private copy of the shared warm store, removed by the clean-up step it registers. */
export async function privateDir(onCleanup: (step: () => Promise<void>) => void): Promise<string> {
  const dir = await privateDataDir();
  onCleanup(() => rm(dir, { recursive: true, force: true }));
  // The copy carries the shared store's writer lease row: while another test run has the shared store open, that row
  // names a live process, and a bot refuses a store held elsewhere. Nobody else can hold a private copy.
  withDatabase(dir, (db) => db.exec('DELETE FROM writer_lease'));
  return dir;
}

export interface EngineOptions {
  readonly dataDir: string;
  readonly seedsDir?: string;
  /** The engine dates new papers by this (the test's clock), so "new since the last post" is measured on one timeline. */
  readonly now?: () => Date;
}

/** Opens an engine on `dataDir` (the real seeds unless `seedsDir`), with the file's shared model worker. */
export async function openBotEngine(options: EngineOptions, onCleanup: (step: () => Promise<void>) => void): Promise<BotEngine> {
  const opened = await privateTestEngine(
    { embedder: await sharedEmbedder(), processKind: 'bot', ...(options.now === undefined ? {} : { now: options.now }) },
    { DATA_DIR: options.dataDir, ...(options.seedsDir === undefined ? {} : { SEEDS_DIR: options.seedsDir }) },
  );
  // Also closed by the process's stop; closing twice is a no-op.
  onCleanup(() => opened.engine.close());
  return opened;
}

export async function bootDigestBot(options: DigestBotOptions): Promise<RunningDigestBot> {
  const logs = new LogCapture();
  const clock = options.clock ?? new ManualClock(options.now);
  const config = testConfig(options.fake, { DATA_DIR: options.opened.dataDir, SEEDS_DIR: options.seedsDir ?? SEEDS_DIR });
  const bot = createBot({
    config,
    logger: createLogger('debug', logs.stream),
    engineLoader: () => Promise.resolve(options.opened),
    clock,
    digest: { seedsDebounceMs: 200, ...(options.onSeedsRefresh ? { onSeedsRefresh: options.onSeedsRefresh } : {}) },
  });
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await bot.stop();
      await options.opened.engine.close();
    })());
  options.onCleanup(stop);
  await bot.start();
  // Start-up work (reconciling unfinished posts, catching up) is due "now".
  await clock.flush();
  return { bot, clock, logs, opened: options.opened, stop };
}
