/**
 * The store's digest tables as another process sees them: read through a
 * connection of its own (rows validated as the store validates them), written
 * to directly to plant damaged rows, snapshotted and put back to model what a
 * kill -9 leaves on disk, and made to fail a write inside its transaction.
 */
import { copyFile, rm } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { DigestState } from '../../src/digest/digest-state.js';
import { DB_FILE } from '../../src/store/data-dir.js';
import { quickCheck, type Integrity } from '../../src/store/sqlite/database.js';
import { createDigestRepository } from '../../src/store/sqlite/digest-repository.js';

export type DigestTable = 'digests' | 'digest_posts' | 'digest_intents';

/** The message of a write failed by {@link failWritesTo}. */
export const CUT_MID_WRITE = 'cut off inside its transaction';

export const dbFile = (dataDir: string): string => path.join(dataDir, DB_FILE);

/** Runs `use` on a second read-write connection to the database in `dataDir`. */
export function withDatabase<T>(dataDir: string, use: (db: Database.Database) => T): T {
  const db = new Database(dbFile(dataDir), { fileMustExist: true });
  try {
    return use(db);
  } finally {
    db.close();
  }
}

export interface StoredState {
  readonly state: DigestState;
  /** Rows that do not validate (left out of `state`). */
  readonly damaged: number;
  /** SQLite's own check of the file. */
  readonly integrity: Integrity;
}

/** The digest state in the database `file` (a data directory's, or a snapshot), read by a third process. */
export async function readStoredState(file: string): Promise<StoredState> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const { state, damaged } = await createDigestRepository(db).load();
    return { state, damaged, integrity: quickCheck(db) };
  } finally {
    db.close();
  }
}

/** The rows of one digest table, as stored. */
export function storedRows(dataDir: string, table: DigestTable): { key: string; body: string }[] {
  const key = table === 'digests' ? 'id' : 'nonce';
  return withDatabase(dataDir, (db) => db.prepare<[], { key: string; body: string }>(`SELECT ${key} AS key, body FROM ${table} ORDER BY ${key}`).all());
}

const OPERATIONS = ['INSERT', 'UPDATE', 'DELETE'] as const;
const triggerName = (table: DigestTable, op: string): string => `test_cut_${table}_${op.toLowerCase()}`;

/**
 * Until the returned undo runs, every write to `table` fails (a trigger raises
 * ABORT), whichever connection makes it. A store transaction that writes other
 * tables first is thus cut off after those rows were written, before its commit:
 * what a kill at that point leaves.
 */
export function failWritesTo(dataDir: string, table: DigestTable): () => void {
  withDatabase(dataDir, (db) => {
    for (const op of OPERATIONS) db.exec(`CREATE TRIGGER ${triggerName(table, op)} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, '${CUT_MID_WRITE}'); END`);
  });
  return () =>
    withDatabase(dataDir, (db) => {
      for (const op of OPERATIONS) db.exec(`DROP TRIGGER IF EXISTS ${triggerName(table, op)}`);
    });
}

/**
 * The last table a save from `before` to `after` writes: the store writes
 * digests, then posts, then intents, so failing this one cuts the transaction
 * as late as possible. Null when nothing differs.
 */
export function lastTableWritten(before: DigestState, after: DigestState): DigestTable | null {
  const differs = (a: unknown, b: unknown): boolean => JSON.stringify(a) !== JSON.stringify(b);
  if (differs(before.intents, after.intents)) return 'digest_intents';
  if (differs(before.posts, after.posts)) return 'digest_posts';
  if (differs(before.digests, after.digests)) return 'digests';
  return null;
}

/** A consistent copy of the database as committed right now (SQLite's online backup), while its owner keeps running. */
export async function snapshotDatabase(dataDir: string, target: string): Promise<void> {
  const db = new Database(dbFile(dataDir), { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
}

/** Puts a snapshot back as the data directory's database (its owner closed): the disk as it was at the snapshot. */
export async function restoreDatabase(snapshot: string, dataDir: string): Promise<void> {
  const file = dbFile(dataDir);
  for (const suffix of ['-wal', '-shm']) await rm(`${file}${suffix}`, { force: true });
  await copyFile(snapshot, file);
}
