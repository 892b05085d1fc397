/**
 * Whether the database was closed cleanly and left untouched since: then the
 * full `PRAGMA quick_check` at open (1.5 s at 100,000 papers) can be skipped.
 * The last writer to close records the file's size, mtime, ctime and inode beside it
 * (`paperbot.db.clean`); the next writer to open consumes the record. A kill,
 * a crash, another process still open (its -wal file) or anything that
 * rewrote the file since (a bad copy, damaged pages) means a full check.
 * Damage that changes neither size nor mtime (the disk's own bit rot) is left
 * to the daily backup, which checks the file before it copies it.
 */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The inode and its change time as well as size and mtime: a copy put back with `cp -p` (or `touch -r`) keeps the
 * size and mtime it was given, but it is another write, so its ctime moves (and a `mv` brings another inode).
 */
const recordSchema = z.object({ size: z.number(), mtimeMs: z.number(), ctimeMs: z.number(), ino: z.number() });

const markerOf = (file: string): string => `${file}.clean`;

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

/** After the last connection closed: the file as it is now is known good. Best effort: a failure only costs a check. */
export function recordCleanClose(file: string): void {
  try {
    const { size, mtimeMs, ctimeMs, ino } = statSync(file);
    writeFileSync(markerOf(file), JSON.stringify({ size, mtimeMs, ctimeMs, ino }));
  } catch {
    // No record: the next open checks the file in full.
  }
}

/** True when the record matches the file exactly and no connection (or crash) left a WAL beside it. */
export function closedCleanly(file: string): boolean {
  try {
    if (exists(`${file}-wal`)) return false;
    const record = recordSchema.parse(JSON.parse(readFileSync(markerOf(file), 'utf8')));
    const { size, mtimeMs, ctimeMs, ino } = statSync(file);
    return record.size === size && record.mtimeMs === mtimeMs && record.ctimeMs === ctimeMs && record.ino === ino;
  } catch {
    return false;
  }
}

/** A writer opened the file: from now on only its own clean close vouches for it. */
export function forgetCleanClose(file: string): void {
  rmSync(markerOf(file), { force: true });
}
