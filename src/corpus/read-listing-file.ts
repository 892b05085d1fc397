/**
 * One listing file from disk → its text, or a human reason why it cannot be
 * used. Never throws: one bad file must not stop a corpus load.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';

/** Listings are ~50–150 KB; anything past this is not a dump and is not read into memory. */
export const MAX_LISTING_BYTES = 20 * 1024 * 1024;

/** A file that could be read as text. */
export interface ListingFile {
  readonly ok: true;
  readonly text: string;
  readonly sha256: string;
  readonly mtime: Date;
}

export type ReadListingResult = ListingFile | { readonly ok: false; readonly reason: string };

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function errorCode(error: unknown): string {
  if (error instanceof Error) return 'code' in error && typeof error.code === 'string' ? error.code : error.message;
  return String(error);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Reads `path`, refusing non-files, empty, oversized, binary and non-UTF-8 content. */
export async function readListingFile(path: string): Promise<ReadListingResult> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, reason: 'not a regular file' };
    if (info.size === 0) return { ok: false, reason: 'file is empty' };
    if (info.size > MAX_LISTING_BYTES) {
      return { ok: false, reason: `file is too large (${megabytes(info.size)}; the limit is ${megabytes(MAX_LISTING_BYTES)})` };
    }
    const bytes = await readFile(path);
    // Re-checked because the file may have grown between stat and read.
    if (bytes.length > MAX_LISTING_BYTES) return { ok: false, reason: `file is too large (over ${megabytes(MAX_LISTING_BYTES)})` };
    if (bytes.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
    let text: string;
    try {
      text = UTF8.decode(bytes);
    } catch {
      return { ok: false, reason: 'not valid UTF-8 text' };
    }
    if (text.trim() === '') return { ok: false, reason: 'file is empty (only whitespace)' };
    return { ok: true, text, sha256: createHash('sha256').update(bytes).digest('hex'), mtime: info.mtime };
  } catch (error) {
    return { ok: false, reason: `cannot be read (${errorCode(error)})` };
  }
}
