/**
 * Opens `DATA_DIR/paperbot.db`: checks the directory first, then the file
 * (`PRAGMA quick_check`), applies migrations, and takes the writer lease.
 *
 * A damaged database is never trusted and never a crash loop: it is moved
 * aside as `paperbot.db.corrupt-<timestamp>`, and the store starts again from
 * the daily backup when that is healthy (digest configurations, posts,
 * papers and vectors as of the backup), else empty. Papers then come back
 * from the dumps; only embeddings missing from the backup are recomputed.
 */
import { copyFile, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Logger } from '../logger.js';
import { closedCleanly, forgetCleanClose } from './clean-close.js';
import { BACKUP_FILE, checkDataDir, DB_FILE } from './data-dir.js';
import { isCorruption, openDatabase, quickCheck } from './sqlite/database.js';
import { migrate, NewerSchemaError, SCHEMA_VERSION } from './sqlite/migrations.js';
import { createSqliteStore } from './sqlite/sqlite-store.js';
import type { LeaseResult, Store } from './store.js';
import { errorCode, StoreError } from './store-error.js';

export interface OpenStoreOptions {
  readonly dataDir: string;
  readonly logger: Logger;
  /** How the writer lease names this process to another one (`bot`, `cli`, `bench`). */
  readonly kind: string;
  readonly now?: () => Date;
  /** The model is fetched from the hub and cached in DATA_DIR/models, which must then be a directory. */
  readonly modelCache?: boolean;
}

/** What happened to a damaged database. */
export interface Recovery {
  readonly reason: string;
  /** Where the damaged file was moved. */
  readonly corruptPath: string;
  /** When the backup the store restarted from was taken; `null` when there was none usable (started empty). */
  readonly restoredFrom: Date | null;
}

export interface StoreOpenReport {
  readonly created: boolean;
  /** Why DATA_DIR cannot be written (EROFS…), or null when it can. */
  readonly readOnlyCause: string | null;
  /** The lease outcome; null for a read-only store (it never writes). */
  readonly lease: LeaseResult | null;
  readonly recovery: Recovery | null;
}

export interface OpenedStore {
  readonly store: Store;
  readonly report: StoreOpenReport;
}

function timestamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

/** Moves the database and its WAL files aside, so the damaged bytes are kept for inspection, never reused. */
async function moveAside(file: string, at: Date): Promise<string> {
  const target = `${file}.corrupt-${timestamp(at)}`;
  await rename(file, target);
  for (const suffix of ['-wal', '-shm']) {
    await rename(`${file}${suffix}`, `${target}${suffix}`).catch((error: unknown) => {
      if (errorCode(error) !== 'ENOENT') throw error;
    });
  }
  return target;
}

/** Opens and verifies; returns null (after closing) when the file is damaged. */
function tryOpen(file: string, readonly: boolean, trusted = false): { db: Database.Database } | { damaged: string } {
  let db: Database.Database | undefined;
  try {
    db = openDatabase(file, readonly);
    // Reading the schema still fails at once on a file that is not a database at all.
    const integrity = trusted ? (db.prepare('SELECT count(*) FROM sqlite_master').get(), { ok: true as const }) : quickCheck(db);
    if (!integrity.ok) {
      db.close();
      return { damaged: integrity.reason };
    }
    return { db };
  } catch (error) {
    db?.close();
    if (isCorruption(error)) return { damaged: error instanceof Error ? error.message : String(error) };
    throw error;
  }
}

/** A healthy backup is copied in place of the damaged file; returns when it was taken, or null if none could be used. */
async function restoreBackup(dataDir: string, file: string, logger: Logger): Promise<Date | null> {
  const backup = path.join(dataDir, BACKUP_FILE);
  let takenAt: Date;
  try {
    takenAt = (await stat(backup)).mtime;
  } catch {
    return null;
  }
  const opened = tryOpen(backup, true);
  if ('damaged' in opened) {
    logger.error({ backup, reason: opened.damaged }, 'store backup is damaged too: starting empty');
    return null;
  }
  opened.db.close();
  await copyFile(backup, file);
  return takenAt;
}

/**
 * Temp files (a backup, a graph, an atomic write: `.<name>.<uuid>[.hnsw].tmp`, with SQLite's journal beside a
 * backup) only a writer makes, and only a killed writer leaves behind. The new writer removes them: at
 * 100,000 papers each is tens of megabytes, and nothing else would.
 */
const LEFT_TEMP = /^\..+\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\.hnsw)?\.tmp(-journal|-wal|-shm)?$/;

async function sweepTempFiles(dataDir: string, logger: Logger): Promise<void> {
  const names = await readdir(dataDir).catch(() => []);
  const left = names.filter((name) => LEFT_TEMP.test(name));
  const removed = await Promise.all(left.map((name) => rm(path.join(dataDir, name), { force: true }).then(() => true, () => false)));
  const count = removed.filter(Boolean).length;
  if (count > 0) logger.info({ files: count }, 'store: removed temp files a stopped writer left in DATA_DIR');
}

function migrateOrFail(db: Database.Database, logger: Logger): void {
  try {
    const applied = migrate(db);
    if (applied.length > 0) logger.info({ versions: applied }, 'store: schema migrated');
  } catch (error) {
    db.close();
    if (error instanceof NewerSchemaError) throw new StoreError('NEWER_SCHEMA', `${error.message}: run that version, or move DATA_DIR aside.`);
    throw error;
  }
}

export async function openStore(options: OpenStoreOptions): Promise<OpenedStore> {
  const { dataDir, logger } = options;
  const now = options.now ?? (() => new Date());
  const dir = await checkDataDir(dataDir, options.modelCache === true);
  const file = path.join(dataDir, DB_FILE);

  if (!dir.writable) {
    if (!dir.dbExists) {
      throw new StoreError('EROFS', `DATA_DIR ${dataDir} is not writable (${dir.readOnlyCause}) and holds no store yet: make it writable for the first run.`);
    }
    const opened = tryOpen(file, true);
    if ('damaged' in opened) throw new StoreError('UNUSABLE', `${file} is damaged (${opened.damaged}) and DATA_DIR is read-only (${dir.readOnlyCause}): it cannot be rebuilt.`);
    if (Number(opened.db.pragma('user_version', { simple: true })) !== SCHEMA_VERSION) {
      opened.db.close();
      throw new StoreError('READ_ONLY_MIGRATION', `${file} needs a schema migration but DATA_DIR is read-only (${dir.readOnlyCause}): run once with it writable.`);
    }
    logger.warn({ dataDir, cause: dir.readOnlyCause }, 'store: DATA_DIR is read-only; answering from what is stored, nothing new is saved');
    const store = createSqliteStore(opened.db, file);
    return { store, report: { created: false, readOnlyCause: dir.readOnlyCause, lease: null, recovery: null } };
  }

  let recovery: Recovery | null = null;
  const trusted = closedCleanly(file);
  // Consumed before the file is opened for writing: a crash from here on must not leave it vouching for the file.
  forgetCleanClose(file);
  let opened = tryOpen(file, false, trusted);
  if (trusted) logger.debug('store: closed cleanly last time and untouched since; the full check is skipped');
  if ('damaged' in opened) {
    const corruptPath = await moveAside(file, now());
    const restoredFrom = await restoreBackup(dataDir, file, logger);
    recovery = { reason: opened.damaged, corruptPath, restoredFrom };
    logger.error(
      { reason: recovery.reason, movedTo: corruptPath, restoredFrom: restoredFrom?.toISOString() ?? null },
      restoredFrom === null ? 'store was damaged: moved aside, rebuilding from the dumps' : 'store was damaged: moved aside, restored from the backup',
    );
    opened = tryOpen(file, false);
    if ('damaged' in opened) {
      // The backup passed its check a moment ago; a failure now is the disk itself. Start empty rather than loop.
      await rm(file, { force: true });
      opened = tryOpen(file, false);
      if ('damaged' in opened) throw new StoreError('UNUSABLE', `${file} cannot be created healthy (${opened.damaged}): check the disk.`);
    }
  }
  const { db } = opened;
  migrateOrFail(db, logger);
  const store = createSqliteStore(db, file);
  const lease = await store.lease.acquire(options.kind);
  if (lease.acquired) await sweepTempFiles(dataDir, logger);
  if (!lease.acquired) {
    const { pid, host, kind, since } = lease.holder;
    logger.info({ holder: { pid, host, kind, since: since.toISOString() } }, 'store: another process holds the writer lease; reading only');
  }
  return { store, report: { created: !dir.dbExists, readOnlyCause: null, lease, recovery } };
}
