/**
 * One listing file from disk → its text, or a human reason why it cannot be
 * used. Never throws: one bad file must not stop a corpus load.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { TextDecoder } from 'node:util';

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

/**
 * The encoding a byte-order mark announces, if any. Editors on Windows save
 * "Unicode" text as UTF-16 with a BOM; its ASCII characters carry NUL bytes,
 * which the binary check below would otherwise take for a binary file.
 */
function bomEncoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | 'utf-8' {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** The text of `bytes`, or a reason it is not text. The decoder drops the BOM itself. */
function decode(bytes: Uint8Array): { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string } {
  const encoding = bomEncoding(bytes);
  if (encoding === 'utf-8' && bytes.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: encoding === 'utf-8' ? 'not valid UTF-8 text' : `not valid ${encoding.toUpperCase()} text` };
  }
  // In UTF-16 a NUL is two zero bytes, and still means binary content.
  if (text.includes('\u0000')) return { ok: false, reason: 'binary file (contains NUL characters)' };
  return { ok: true, text };
}

/** Reads `path` (UTF-8, or UTF-16 with a byte-order mark), refusing non-files, empty, oversized, binary and undecodable content. */
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
    const decoded = decode(bytes);
    if (!decoded.ok) return decoded;
    const { text } = decoded;
    if (text.trim() === '') return { ok: false, reason: 'file is empty (only whitespace)' };
    return { ok: true, text, sha256: createHash('sha256').update(bytes).digest('hex'), mtime: info.mtime };
  } catch (error) {
    return { ok: false, reason: `cannot be read (${errorCode(error)})` };
  }
}
