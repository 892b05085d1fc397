/**
 * Opening the SQLite file: WAL (readers never wait for the writer, so the CLI
 * can read while the bot writes), NORMAL sync (a killed process loses nothing
 * committed; only a power cut may lose the last transactions), foreign keys,
 * and a busy timeout for the moments two processes write at once.
 */
import Database from 'better-sqlite3';
import { errorCode } from '../store-error.js';

/** How long a write waits for another process's transaction before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 10_000;

export function openDatabase(file: string, readonly: boolean): Database.Database {
  const db = new Database(file, readonly ? { readonly: true, fileMustExist: true } : {});
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** SQLite's own words for "this file is damaged": such a store is moved aside and rebuilt. */
const CORRUPT = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB']);

export function isCorruption(error: unknown): boolean {
  return CORRUPT.has(errorCode(error) ?? '');
}

export type Integrity = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * `PRAGMA quick_check`: every page, b-tree and index entry is well-formed
 * (without the slower cross-checks of integrity_check). Limited to `tables`
 * when given: SQLite then checks only those and their indexes.
 */
export function quickCheck(db: Database.Database, tables?: readonly string[]): Integrity {
  try {
    const targets = tables ?? [null];
    for (const table of targets) {
      const rows = db.pragma(table === null ? 'quick_check' : `quick_check(${table})`) as { quick_check: string }[];
      const problems = rows.map((row) => row.quick_check).filter((line) => line !== 'ok');
      if (problems.length > 0) return { ok: false, reason: problems.slice(0, 3).join('; ') };
    }
    return { ok: true };
  } catch (error) {
    if (isCorruption(error)) return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    throw error;
  }
}
