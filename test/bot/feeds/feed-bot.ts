/**
 * A bot whose papers arrive by themselves, for the feed, `/papers add|new`
 * and watch tests: the real createBot against the fake Discord, its feeds
 * pointed at the fake upstream (short HTTP timeouts, one retry), its watch
 * batches a few milliseconds apart and reported to the test, its schedules
 * on a hand-moved clock. Engines share one model worker per test file.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createLogger } from '../../../src/logger.js';
import { DB_FILE } from '../../../src/store/data-dir.js';
import { createBot, type Bot } from '../../../bot/create-bot.js';
import type { WatchBatch } from '../../../bot/watch/watch-background.js';
import { FakeDiscord, type StartOptions as FakeDiscordOptions } from '../../fake-discord/fake-discord.js';
import type { FakeUpstream } from '../../fake-upstream/fake-upstream.js';
import type { ManualClock } from '../../support/manual-clock.js';
import { privateTestEngine } from '../../support/test-engine.js';
import { LogCapture, privateBotDataDir, testConfig, type PrivateEngine } from '../harness.js';
import { sharedEmbedder } from '../../support/shared-embedder.js';

export { closeSharedEmbedder } from '../../support/shared-embedder.js';

/** Before every clock these tests start at: when the bundled papers "entered the corpus". */
const CORPUS_ADDED_AT = '2024-01-01T00:00:00.000Z';

/**
 * An engine on a private copy of the warm store that dates new papers by
 * `clock`, so "new since" is one timeline. The copy's papers were added when
 * the shared store was built (the real today, after these clocks): they are
 * moved back to {@link CORPUS_ADDED_AT}, or a digest or a watch on a 2024
 * clock would take every bundled paper for news.
 */
export async function feedEngine(clock: ManualClock): Promise<PrivateEngine> {
  const dataDir = await privateBotDataDir();
  const db = new Database(path.join(dataDir, DB_FILE));
  try {
    db.prepare('UPDATE papers SET added_at = ?').run(CORPUS_ADDED_AT);
  } finally {
    db.close();
  }
  return privateTestEngine({ processKind: 'bot', embedder: await sharedEmbedder(), now: () => clock.now() }, { DATA_DIR: dataDir });
}

export async function closeEngine(opened: PrivateEngine): Promise<void> {
  await opened.engine.close();
  await rm(opened.dataDir, { recursive: true, force: true });
}

/** Every watch batch the bot ran, in order; tests wait for the one they caused. */
export class BatchLog {
  readonly batches: WatchBatch[] = [];
  private readonly waiters = new Set<() => void>();

  push(batch: WatchBatch): void {
    this.batches.push(batch);
    for (const waiter of [...this.waiters]) waiter();
  }

  /** The first batch (already run or still to come) that covered `paperId`. */
  covering(paperId: string, timeoutMs = 20_000): Promise<WatchBatch> {
    return this.waitFor((batch) => batch.paperIds.includes(paperId), timeoutMs, `a watch batch covering ${paperId}`);
  }

  waitFor(pred: (batch: WatchBatch) => boolean, timeoutMs: number, what: string): Promise<WatchBatch> {
    const found = this.batches.find(pred);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const batch = this.batches.find(pred);
        if (batch === undefined) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(batch);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; batch sizes so far: ${JSON.stringify(this.batches.map((b) => b.paperIds.length))}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }
}

export interface FeedBotOptions {
  readonly opened: PrivateEngine;
  readonly clock: ManualClock;
  /** `/papers add` looks papers up there; the feeds fetch from it too unless `fetching` is false. */
  readonly upstream?: FakeUpstream;
  /** Fetch on a schedule (FEED_ENABLED); default: when an upstream is given. */
  readonly fetching?: boolean;
  readonly env?: Record<string, string>;
  readonly discord?: FakeDiscordOptions;
  /** Watch batching (default 50 ms quiet, 1 s at most); a test that needs a whole fetch round in one batch waits longer. */
  readonly watch?: { readonly debounceMs: number; readonly maxWaitMs: number };
}

export interface RunningFeedBot {
  readonly fake: FakeDiscord;
  readonly bot: Bot;
  readonly logs: LogCapture;
  readonly batches: BatchLog;
  close(): Promise<void>;
}

export async function startFeedBot(options: FeedBotOptions): Promise<RunningFeedBot> {
  const fake = await FakeDiscord.start(options.discord);
  const logs = new LogCapture();
  const batches = new BatchLog();
  const { upstream } = options;
  const config = testConfig(fake, {
    DATA_DIR: options.opened.dataDir,
    FEED_ENABLED: String(options.fetching ?? upstream !== undefined),
    ...(upstream === undefined ? {} : { HF_API_BASE: upstream.baseUrl, ARXIV_API_BASE: upstream.baseUrl }),
    ...options.env,
  });
  const bot = createBot({
    config,
    logger: createLogger('debug', logs.stream),
    engineLoader: () => Promise.resolve(options.opened),
    clock: options.clock,
    feeds: { http: { timeoutMs: 2_000, maxRetries: 1, backoff: { baseMs: 1, maxMs: 2 } }, arxivIntervalMs: 1 },
    watch: { debounceMs: 50, maxWaitMs: 1_000, ...options.watch, onBatch: (batch) => batches.push(batch) },
  });
  try {
    await bot.start();
  } catch (error) {
    await fake.close();
    throw error;
  }
  return {
    fake,
    bot,
    logs,
    batches,
    async close() {
      await bot.stop();
      await fake.close();
    },
  };
}
