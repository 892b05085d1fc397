/**
 * One "bot process" for digest tests: a DigestService on a data directory,
 * its own clock, and a kill switch. Killing it (at a chosen write or around
 * a post) makes every later write or post of that process throw, as if it had
 * been kill -9'd there; a new process on the same directory is the restart.
 */
import { writeFile as writeRaw } from 'node:fs/promises';
import path from 'node:path';
import type { DigestPoster } from '../../src/digest/digest-poster.js';
import { DigestService } from '../../src/digest/digest-service.js';
import type { DigestEngine } from '../../src/digest/topic-ranking.js';
import { silentLogger } from '../../src/logger.js';
import { writeFileAtomic } from '../../src/storage/atomic-write.js';
import { ManualClock } from '../support/manual-clock.js';

export class Killed extends Error {
  override readonly name = 'Killed';
}

export type CrashPoint =
  /** The n-th state write (counted from arming) never starts. */
  | { readonly at: 'write'; readonly n: number }
  /** The n-th state write gets as far as its temp file, not the rename. */
  | { readonly at: 'mid-write'; readonly n: number }
  /** Right after the n-th state write completed. */
  | { readonly at: 'after-write'; readonly n: number }
  /** Just before the next post reaches the channel. */
  | { readonly at: 'before-post' }
  /** Just after the next post reached the channel, before anything is recorded. */
  | { readonly at: 'after-post' };

export interface BotProcess {
  readonly service: DigestService;
  readonly clock: ManualClock;
  /** Arms a crash; the process dies when it gets there. */
  crashAt(point: CrashPoint): void;
  readonly dead: () => boolean;
}

export const GUILD = '100000000000000001';
export const CHANNEL_A = '200000000000000001';
export const CHANNEL_B = '200000000000000002';
export const CHANNEL_C = '200000000000000003';

export async function bootProcess(dataDir: string, poster: DigestPoster, engine: DigestEngine, now: Date | string): Promise<BotProcess> {
  const clock = new ManualClock(now);
  let dead = false;
  let crash: CrashPoint | null = null;
  let writes = 0;
  const alive = (): void => {
    if (dead) throw new Killed('this process was killed');
  };
  const die = (): never => {
    dead = true;
    throw new Killed('killed here');
  };

  const writeFile = async (file: string, data: string): Promise<void> => {
    alive();
    writes++;
    if (crash !== null && (crash.at === 'write' || crash.at === 'mid-write') && writes === crash.n) {
      if (crash.at === 'mid-write') await writeRaw(path.join(path.dirname(file), `.${path.basename(file)}.1.2.tmp`), data.slice(0, data.length / 2));
      die();
    }
    await writeFileAtomic(file, data);
    if (crash?.at === 'after-write' && writes === crash.n) die();
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

  const service = await DigestService.open({ dataDir, poster: guardedPoster, engine: () => engine, clock, logger: silentLogger, writeFile });
  return {
    service,
    clock,
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
