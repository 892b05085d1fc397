/**
 * One "bot process" for digest tests: a DigestService on its own connection
 * to the store in a data directory, its own clock, and a kill switch. Killing
 * it (at a chosen write or around a post) makes every later write or post of
 * that process throw, as if it had been kill -9'd there; a new process on the
 * same directory is the restart. A dead process's connection is left open, as
 * a kill leaves it (never closed cleanly); every connection is closed after
 * the test.
 */
import { afterEach } from 'vitest';
import type { DigestPoster } from '../../src/digest/digest-poster.js';
import { DigestService } from '../../src/digest/digest-service.js';
import type { DigestEngine } from '../../src/digest/topic-ranking.js';
import { silentLogger } from '../../src/logger.js';
import { openStore, type StoreOpenReport } from '../../src/store/open-store.js';
import type { DigestRepository, Store } from '../../src/store/store.js';
import { ManualClock } from '../support/manual-clock.js';
import { CUT_MID_WRITE, failWritesTo, lastTableWritten } from './stored-state.js';
// Imported here so its clean-up (removing the directories) is registered first and runs after the connections close.
import './temp-dir.js';

export class Killed extends Error {
  override readonly name = 'Killed';
}

export type CrashPoint =
  /** The n-th state write (counted from arming) is killed before its transaction begins: nothing of it is committed. */
  | { readonly at: 'write'; readonly n: number }
  /**
   * The n-th state write is killed inside its transaction, after its first rows were written,
   * before the commit (paperbot 0.1: "the temp file was written, not renamed").
   */
  | { readonly at: 'mid-write'; readonly n: number }
  /** Right after the n-th state write committed. */
  | { readonly at: 'after-write'; readonly n: number }
  /** Just before the next post reaches the channel. */
  | { readonly at: 'before-post' }
  /** Just after the next post reached the channel, before anything is recorded. */
  | { readonly at: 'after-post' };

export interface BotProcess {
  readonly service: DigestService;
  readonly clock: ManualClock;
  /** What opening the store found. */
  readonly report: StoreOpenReport;
  /** Arms a crash; the process dies when it gets there. */
  crashAt(point: CrashPoint): void;
  readonly dead: () => boolean;
}

export const GUILD = '100000000000000001';
export const CHANNEL_A = '200000000000000001';
export const CHANNEL_B = '200000000000000002';
export const CHANNEL_C = '200000000000000003';

const stores: Store[] = [];

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

export async function bootProcess(dataDir: string, poster: DigestPoster, engine: DigestEngine, now: Date | string): Promise<BotProcess> {
  const clock = new ManualClock(now);
  const { store, report } = await openStore({ dataDir, logger: silentLogger, kind: 'test' });
  stores.push(store);
  let dead = false;
  let crash: CrashPoint | null = null;
  let writes = 0;
  /** Set by the write the crash cuts off inside its transaction. */
  let cutThisWrite = false;
  const alive = (): void => {
    if (dead) throw new Killed('this process was killed');
  };
  const die = (): never => {
    dead = true;
    throw new Killed('killed here');
  };

  const beforeWrite = (): void => {
    alive();
    writes++;
    if (crash === null || !('n' in crash) || writes !== crash.n) return;
    if (crash.at === 'write') die();
    if (crash.at === 'mid-write') cutThisWrite = true;
  };
  const afterWrite = (): void => {
    if (crash?.at === 'after-write' && writes === crash.n) die();
  };
  // The store's own repository; the wrapper only arranges for the real transaction to fail midway when armed.
  const repository: DigestRepository = {
    load: () => store.digests.load(),
    async save(before, after) {
      if (!cutThisWrite) return store.digests.save(before, after);
      cutThisWrite = false;
      const table = lastTableWritten(before, after);
      if (table === null) throw new Error('mid-write crash armed on a write that changes nothing');
      const undo = failWritesTo(dataDir, table);
      try {
        await store.digests.save(before, after);
      } catch (error) {
        if (!(error instanceof Error && error.message === CUT_MID_WRITE)) throw error;
        dead = true;
        throw new Killed('killed inside the transaction', { cause: error });
      } finally {
        undo();
      }
      throw new Error('the write committed although it was cut off inside its transaction');
    },
  };
  const guardedPoster: DigestPoster = {
    async post(channelId, message, nonce) {
      alive();
      if (crash?.at === 'before-post') die();
      const outcome = await poster.post(channelId, message, nonce);
      if (crash?.at === 'after-post') die();
      return outcome;
    },
    async find(channelId, nonce, since) {
      alive();
      return poster.find(channelId, nonce, since);
    },
  };

  const service = await DigestService.open({
    repository,
    dataDir,
    recovery: report.recovery,
    poster: guardedPoster,
    engine: () => engine,
    clock,
    logger: silentLogger,
    hooks: { beforeWrite, afterWrite },
  });
  return {
    service,
    clock,
    report,
    crashAt(point) {
      crash = point;
      writes = 0;
    },
    dead: () => dead,
  };
}

/** `HH:MM` of `instant` on the wall clock of `zone`. */
export function wallTime(instant: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(instant);
}
