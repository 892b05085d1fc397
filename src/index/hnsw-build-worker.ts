/**
 * Rebuilds the HNSW graph from the stored document vectors, in a worker
 * thread: at 100,000 papers this takes minutes of CPU that must never run on
 * the thread answering users. Reads the database read-only (WAL lets it read
 * beside the writer), writes the graph to the file it was given.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { decodeFloat32 } from '../store/vector-codec.js';
import { createHnswIndex } from './hnsw-index.js';

export interface BuildRequest {
  readonly dbFile: string;
  readonly modelId: string;
  readonly dimension: number;
  readonly outFile: string;
}

export type BuildMessage =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly count: number; readonly seq: number }
  | { readonly type: 'failed'; readonly message: string };

const PROGRESS_EVERY = 2_000;

if (parentPort === null) throw new Error('hnsw-build-worker.ts must run as a worker thread');
const port = parentPort;
const request = workerData as BuildRequest;
try {
  const db = new Database(request.dbFile, { readonly: true, fileMustExist: true });
  const total = (db.prepare('SELECT count(*) AS n FROM embeddings WHERE model_id = ?').get(request.modelId) as { n: number }).n;
  const index = createHnswIndex(request.dimension, total);
  const rows = db
    .prepare<[string], { label: number; seq: number; dimension: number; document: Buffer }>(
      `SELECT p.label, e.seq, e.dimension, e.document FROM embeddings e JOIN papers p ON p.id = e.paper_id
       WHERE e.model_id = ? ORDER BY e.seq`,
    )
    .iterate(request.modelId);
  let seq = 0;
  let done = 0;
  for (const row of rows) {
    // A row that does not decode is left out; the main thread meets it again and has it embedded anew.
    let vector;
    try {
      vector = decodeFloat32(row.document, row.dimension);
    } catch {
      continue;
    }
    index.add(row.label, vector);
    seq = Math.max(seq, row.seq);
    if (++done % PROGRESS_EVERY === 0) port.postMessage({ type: 'progress', done, total } satisfies BuildMessage);
  }
  db.close();
  await index.save(request.outFile);
  port.postMessage({ type: 'done', count: index.size, seq } satisfies BuildMessage);
} catch (error) {
  port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies BuildMessage);
}
