/**
 * One dump file → its hash and parsed entries, or why it cannot be used.
 * Small dumps (every real one) are read here; big ones in a worker thread
 * (dump-parse-worker.ts), since parsing megabytes blocks the event loop.
 */
import { stat } from 'node:fs/promises';
import { parseListing, type ParsedListing } from '../corpus/parse-listing.js';
import { readListingFile } from '../corpus/read-listing-file.js';
import { spawnWorker } from '../worker/spawn-worker.js';

/** Past this size a parse takes tens of milliseconds: worth a worker's start-up. */
export const WORKER_PARSE_BYTES = 1024 * 1024;

const WORKER_URL = new URL(`./dump-parse-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

export interface DumpReadRequest {
  readonly file: string;
  /** The hash recorded for this file: when it still matches, the text is not parsed. */
  readonly knownSha256: string | null;
}

export type DumpRead =
  | { readonly ok: false; readonly reason: string }
  | { readonly ok: true; readonly sha256: string; readonly unchanged: true }
  | { readonly ok: true; readonly sha256: string; readonly unchanged: false; readonly parsed: ParsedListing };

export async function readAndParse(request: DumpReadRequest): Promise<DumpRead> {
  const read = await readListingFile(request.file);
  if (!read.ok) return read;
  if (read.sha256 === request.knownSha256) return { ok: true, sha256: read.sha256, unchanged: true };
  return { ok: true, sha256: read.sha256, unchanged: false, parsed: parseListing(read.text) };
}

/** {@link readAndParse}, in a worker thread when the file is big. */
export async function readDump(request: DumpReadRequest): Promise<DumpRead> {
  const size = await stat(request.file).then(
    (info) => info.size,
    () => 0,
  );
  if (size <= WORKER_PARSE_BYTES) return readAndParse(request);
  return new Promise((resolve, reject) => {
    const worker = spawnWorker(WORKER_URL, { workerData: request });
    let settled = false;
    worker.once('message', (message: DumpRead) => {
      settled = true;
      resolve(message);
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`reading the dump ${request.file} stopped (worker exit code ${code})`));
    });
  });
}
