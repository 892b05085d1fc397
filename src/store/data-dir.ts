/**
 * Checks DATA_DIR before anything is embedded: it is a directory (created if
 * missing), whether it can be written, that the disk is not full, and that
 * none of the store's paths has the wrong kind (a directory where the
 * database file belongs, a file where the model cache folder belongs). Each
 * problem is reported with its real cause, not as a later `ENOENT … mkdir`.
 */
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, lstat, mkdir, readlink, rm, stat, statfs, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { errorCode, StoreError } from './store-error.js';

/** Below this much free space a cold start cannot even store the bundled corpus' vectors (≈ 5 MB) with room to spare. */
export const MIN_FREE_BYTES = 32 * 1024 * 1024;

export const DB_FILE = 'paperbot.db';
export const BACKUP_FILE = 'paperbot.db.backup';
/** Where transformers.js caches models fetched from the hub (models not bundled). */
export const MODEL_CACHE_DIR = 'models';

export interface DataDirState {
  readonly dir: string;
  /** False when the directory cannot be written (a read-only mount, no permission). */
  readonly writable: boolean;
  /** Why it cannot be written (`EROFS`, `EACCES`…), when it cannot. */
  readonly readOnlyCause: string | null;
  readonly dbExists: boolean;
}

/** Why a path cannot even be looked up, in words (the errno alone is a riddle to most operators). */
const UNREACHABLE: Readonly<Record<string, string>> = {
  ENOTDIR: 'a part of it is a file, not a folder',
  ELOOP: 'it is a loop of symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EACCES: 'a folder on the way cannot be entered (permission denied)',
};

async function kindOf(file: string): Promise<'file' | 'directory' | 'other' | 'missing'> {
  try {
    const info = await stat(file);
    return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
  } catch (error) {
    const code = errorCode(error) ?? 'unknown';
    if (code === 'ENOENT') return 'missing';
    const why = UNREACHABLE[code];
    if (why === undefined) throw error;
    // The path last: a long one is what an error line gets cut at.
    throw new StoreError(code === 'EACCES' ? 'EACCES' : 'ENOTDIR', `DATA_DIR cannot be used, ${why} (${code}): ${file}`, { cause: error });
  }
}

async function ensureDirectory(dir: string): Promise<void> {
  const kind = await kindOf(dir);
  if (kind === 'directory') return;
  if (kind !== 'missing') throw new StoreError('ENOTDIR', `DATA_DIR ${dir} is not a directory (ENOTDIR): point DATA_DIR at a folder.`);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const code = errorCode(error) ?? 'unknown';
    throw new StoreError(code === 'EROFS' ? 'EROFS' : 'EACCES', `DATA_DIR ${dir} cannot be created (${code}).`, { cause: error });
  }
}

/** Writes and removes a small file: the only reliable test (root ignores permission bits, a read-only mount does not). */
async function probeWrite(dir: string): Promise<string | null> {
  const probe = path.join(dir, `.write-probe-${process.pid}-${randomUUID()}`);
  try {
    await writeFile(probe, Buffer.alloc(4096));
    return null;
  } catch (error) {
    const code = errorCode(error) ?? 'unknown';
    if (code === 'ENOSPC' || code === 'EDQUOT') throw new StoreError('ENOSPC', `DATA_DIR ${dir} is on a full disk (${code}): free some space.`, { cause: error });
    return code;
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
}

/** The database file itself may be read-only in a writable folder (chmod 444, another owner). */
async function unwritableDb(file: string): Promise<string | null> {
  try {
    await access(file, constants.W_OK);
    return null;
  } catch (error) {
    const code = errorCode(error) ?? 'unknown';
    return code === 'ENOENT' ? null : `${path.basename(file)} is not writable: ${code}`;
  }
}

async function expectKind(file: string, want: 'file' | 'directory'): Promise<void> {
  const kind = await kindOf(file);
  if (kind === 'missing') {
    // A link to nowhere: SQLite would create its target, or fail with "unable to open database file".
    const link = await lstat(file).then((info) => info.isSymbolicLink(), () => false);
    if (link) throw new StoreError('ENOENT', `${file} is a symbolic link to ${await readlink(file)}, which does not exist (ENOENT): fix or remove the link.`);
    return;
  }
  if (kind === want) return;
  const code = want === 'file' ? 'EISDIR' : 'ENOTDIR';
  const what = kind === 'directory' ? 'a directory' : kind === 'file' ? 'a file' : 'not a regular file';
  throw new StoreError(code, `${file} is ${what} but should be a ${want} (${code}): move it out of the way.`);
}

/** `modelCache`: the model is not bundled, so transformers.js will cache it under DATA_DIR/models. */
export async function checkDataDir(dir: string, modelCache = false): Promise<DataDirState> {
  await ensureDirectory(dir);
  for (const name of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, BACKUP_FILE]) await expectKind(path.join(dir, name), 'file');
  if (modelCache) await expectKind(path.join(dir, MODEL_CACHE_DIR), 'directory');
  const readOnlyCause = (await probeWrite(dir)) ?? (await unwritableDb(path.join(dir, DB_FILE)));
  if (readOnlyCause === null) {
    const { bavail, bsize } = await statfs(dir);
    const free = bavail * bsize;
    if (free < MIN_FREE_BYTES) {
      throw new StoreError('ENOSPC', `DATA_DIR ${dir} has only ${(free / 1048576).toFixed(1)} MB free (ENOSPC): free at least ${MIN_FREE_BYTES / 1048576} MB.`);
    }
  }
  return { dir, writable: readOnlyCause === null, readOnlyCause, dbExists: (await kindOf(path.join(dir, DB_FILE))) === 'file' };
}
