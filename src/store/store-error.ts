/**
 * Why the store cannot be used, with the real cause (EROFS, ENOSPC, EISDIR…)
 * and a sentence saying what to do. The CLI exits 2 with `message`; the bot
 * refuses to start with it. Never a stack trace for these: they are the
 * operator's to fix, not bugs.
 */

export type StoreErrorCode =
  | 'EROFS'
  | 'EACCES'
  | 'ENOSPC'
  | 'EISDIR'
  | 'ENOTDIR'
  | 'ENOENT'
  | 'NEWER_SCHEMA'
  | 'HELD'
  | 'READ_ONLY_MIGRATION'
  | 'UNUSABLE';

export class StoreError extends Error {
  override readonly name = 'StoreError';

  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The errno-style code of a Node or SQLite error (`ENOSPC`, `SQLITE_FULL`…), if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

const FULL = new Set(['ENOSPC', 'SQLITE_FULL', 'EDQUOT']);
const READ_ONLY = new Set(['EROFS', 'SQLITE_READONLY', 'SQLITE_READONLY_DIRECTORY', 'SQLITE_READONLY_DBMOVED']);

/** True for a failure caused by a full or read-only disk: the operator's to fix, never worth retrying now. */
export function isDiskFailure(error: unknown): boolean {
  const code = errorCode(error) ?? '';
  return FULL.has(code) || READ_ONLY.has(code) || code.startsWith('SQLITE_IOERR');
}

/** A disk failure met while writing, as a StoreError naming the real cause. */
export function diskFailure(error: unknown, where: string): StoreError {
  const code = errorCode(error) ?? 'unknown';
  if (FULL.has(code)) return new StoreError('ENOSPC', `${where}: the disk is full (${code}). Free some space; nothing already stored is lost.`, { cause: error });
  if (READ_ONLY.has(code)) return new StoreError('EROFS', `${where}: the data directory is read-only (${code}). Make it writable.`, { cause: error });
  return new StoreError('UNUSABLE', `${where}: the disk failed (${code}).`, { cause: error });
}
