/**
 * The real document vectors of the seed papers, read from the shared test
 * store that test/support/global-setup.ts builds: index tests run on them
 * without loading the model.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Vector } from '../../src/embedding/embedder.js';
import { DB_FILE } from '../../src/store/data-dir.js';
import { decodeFloat32 } from '../../src/store/vector-codec.js';
import { SHARED_DATA_DIR, testConfig } from '../support/test-engine.js';

export const MODEL_ID = testConfig().EMBEDDING_MODEL;
export const DIMENSION = 384;

/** Paper id → document vector, in label order. */
export function sharedDocumentVectors(): Map<string, Vector> {
  const db = new Database(path.join(SHARED_DATA_DIR, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare<[string], { id: string; document: Buffer }>('SELECT p.id, e.document FROM embeddings e JOIN papers p ON p.id = e.paper_id WHERE e.model_id = ? ORDER BY p.label')
      .all(MODEL_ID);
    if (rows.length === 0) throw new Error('the shared test store has no vectors: did the global setup run?');
    return new Map(rows.map((row) => [row.id, decodeFloat32(row.document, DIMENSION)]));
  } finally {
    db.close();
  }
}
