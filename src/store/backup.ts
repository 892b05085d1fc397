/**
 * The store's daily backup, `DATA_DIR/paperbot.db.backup`: what a damaged
 * database is restored from (digest configurations and posts, papers, and
 * vectors as of that day). Made in a worker thread, checked first, replaced
 * atomically; the time of the last one is kept in the store.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Logger } from '../logger.js';
import { spawnWorker } from '../worker/spawn-worker.js';
import { systemClock, type Clock, type Timer } from '../clock.js';
import type { BackupMessage, BackupRequest } from './backup-worker.js';
import { BACKUP_FILE, DB_FILE } from './data-dir.js';
import type { Store } from './store.js';

export const BACKUP_INTERVAL_MS = 24 * 60 * 60_000;
/** The first backup of a run waits this long, so it never competes with start-up. */
export const FIRST_BACKUP_DELAY_MS = 60_000;
const BACKUP_AT_KEY = 'backup-at';
const WORKER_URL = new URL(`./backup-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

export type BackupOutcome = BackupMessage;

/** Checks the database and writes the backup beside it. */
export function backupStore(dataDir: string): Promise<BackupOutcome> {
  const request: BackupRequest = {
    dbFile: path.join(dataDir, DB_FILE),
    backupFile: path.join(dataDir, BACKUP_FILE),
    tempFile: path.join(dataDir, `.${BACKUP_FILE}.${randomUUID()}.tmp`),
  };
  return new Promise((resolve) => {
    const worker = spawnWorker(WORKER_URL, { workerData: request });
    let settled = false;
    const settle = (outcome: BackupOutcome): void => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    worker.on('message', settle);
    worker.on('error', (error) => settle({ type: 'failed', message: error.message, code: null }));
    worker.on('exit', (code) => settle({ type: 'failed', message: `the backup worker stopped (exit code ${code})`, code: null }));
  });
}

export interface BackupScheduleDeps {
  readonly store: Store;
  readonly dataDir: string;
  readonly logger: Logger;
  readonly clock?: Clock;
}

/** Backs the store up once a day (sooner after start when the last backup is older than a day). */
export class BackupSchedule {
  #timer: Timer | null = null;
  #running: Promise<void> | null = null;
  #stopped = false;

  constructor(private readonly deps: BackupScheduleDeps) {}

  async start(): Promise<void> {
    const last = Number(await this.deps.store.meta.get(BACKUP_AT_KEY));
    const clock = this.deps.clock ?? systemClock;
    const dueIn = Number.isFinite(last) ? last + BACKUP_INTERVAL_MS - clock.now().getTime() : 0;
    this.arm(Math.max(FIRST_BACKUP_DELAY_MS, dueIn));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#timer?.cancel();
    await this.#running;
  }

  /** Runs a backup now; resolves with what happened (also logged). */
  async runNow(): Promise<BackupOutcome> {
    const { store, dataDir, logger } = this.deps;
    const outcome = await backupStore(dataDir);
    const clock = this.deps.clock ?? systemClock;
    if (outcome.type === 'done') {
      await store.meta.set(BACKUP_AT_KEY, String(clock.now().getTime()));
      logger.info({ file: path.join(dataDir, BACKUP_FILE), checkMs: outcome.checkMs, copyMs: outcome.copyMs }, 'store backed up');
    } else if (outcome.type === 'damaged') {
      logger.error({ reason: outcome.reason }, 'store check failed: the database is damaged; the backup was kept as it was. Restart paperbot to restore from it.');
    } else {
      logger.error({ reason: outcome.message, code: outcome.code }, 'store backup failed; the previous backup is kept');
    }
    return outcome;
  }

  private arm(delayMs: number): void {
    if (this.#stopped) return;
    const clock = this.deps.clock ?? systemClock;
    this.#timer = clock.setTimer(() => {
      this.#running = this.runNow()
        .then(() => undefined)
        .finally(() => {
          this.#running = null;
          this.arm(BACKUP_INTERVAL_MS);
        });
      return this.#running;
    }, delayMs);
  }
}
