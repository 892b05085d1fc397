/**
 * The real document vectors of the seed papers, read from the shared test
 * cache that test/support/global-setup.ts builds: index tests run on them
 * without loading the model.
 */
import { loadEmbeddings, storeDir, type PaperVectors } from '../../src/index/embedding-store.js';
import { SHARED_DATA_DIR, testConfig } from '../support/test-engine.js';

export const MODEL_ID = testConfig().EMBEDDING_MODEL;
export const DIMENSION = 384;
export const SHARED_STORE_DIR = storeDir(SHARED_DATA_DIR, MODEL_ID);

export async function sharedEmbeddings(): Promise<ReadonlyMap<string, PaperVectors>> {
  const load = await loadEmbeddings(SHARED_STORE_DIR, MODEL_ID, DIMENSION);
  if (!load.ok) throw new Error(`the shared test cache is unusable (${load.reason}): did the global setup run?`);
  return load.embeddings;
}
