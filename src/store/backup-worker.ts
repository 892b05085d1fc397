/**
 * Makes the daily backup in a worker thread: checks the live database
 * (`PRAGMA quick_check`, the whole file), then copies it with `VACUUM INTO`
 * to a temp file that is renamed over the previous backup only once complete.
 * A damaged database is never copied over a good backup.
 */
import { rename, rm } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase, quickCheck } from './sqlite/database.js';

export interface BackupRequest {
  readonly dbFile: string;
  readonly backupFile: string;
  readonly tempFile: string;
}

export type BackupMessage =
  | { readonly type: 'done'; readonly checkMs: number; readonly copyMs: number }
  | { readonly type: 'damaged'; readonly reason: string }
  | { readonly type: 'failed'; readonly message: string; readonly code: string | null };

if (parentPort === null) throw new Error('backup-worker.ts must run as a worker thread');
const port = parentPort;
const request = workerData as BackupRequest;
try {
  const db = openDatabase(request.dbFile, true);
  try {
    const started = performance.now();
    const integrity = quickCheck(db);
    const checked = performance.now();
    if (!integrity.ok) {
      port.postMessage({ type: 'damaged', reason: integrity.reason } satisfies BackupMessage);
    } else {
      await rm(request.tempFile, { force: true });
      db.prepare('VACUUM INTO ?').run(request.tempFile);
      await rename(request.tempFile, request.backupFile);
      port.postMessage({ type: 'done', checkMs: Math.round(checked - started), copyMs: Math.round(performance.now() - checked) } satisfies BackupMessage);
    }
  } finally {
    db.close();
  }
} catch (error) {
  await rm(request.tempFile, { force: true }).catch(() => undefined);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : null;
  port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error), code } satisfies BackupMessage);
}
