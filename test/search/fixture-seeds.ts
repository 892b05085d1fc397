/**
 * Small real corpora for tests that must embed from nothing (cold start,
 * damaged caches, new dumps): test/fixtures/engine/ holds two listings cut
 * from the real seeds, so a cold build embeds about 30 texts, not 2,200.
 *
 *   a-first.txt   SFPrompt, Twin-Merging, Weakly Supervised Face Naming
 *   b-second.txt  CorDA, CODA-Prompt (no metadata, as in seed 002), Twin-Merging again
 */
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import type { EngineConfig } from '../../src/config.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { tempDir } from '../support/temp-dir.js';
import { REPO_ROOT, testConfig } from '../support/test-engine.js';

export const ENGINE_FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'engine');
export const FIRST_FILE = 'a-first.txt';
export const SECOND_FILE = 'b-second.txt';
/** Text that is not a listing: loading it is skipped with a reason. */
export const PROSE_FILE = path.join(REPO_ROOT, 'test', 'fixtures', 'corpus', 'prose.txt');

/** Paper ids (stable: derived from the normalised titles). */
export const PAPER = {
  sfprompt: 'c37bc651aef0',
  twinMerging: '5317efeea810',
  faceNaming: '030d70c49dec',
  corda: '4f1196eb084a',
  codaPrompt: '6c7a38c429f2',
} as const;

export { removeTemps, tempDir } from '../support/temp-dir.js';

/** A seeds directory holding copies of the given fixture files. */
export async function fixtureSeeds(...files: string[]): Promise<string> {
  const dir = await tempDir('seeds');
  for (const file of files) await copyFile(path.join(ENGINE_FIXTURES, file), path.join(dir, file));
  return dir;
}

export async function addFixture(seedsDir: string, file: string): Promise<void> {
  await copyFile(path.join(ENGINE_FIXTURES, file), path.join(seedsDir, file));
}

export function fixtureConfig(seedsDir: string, dataDir: string): EngineConfig {
  return testConfig({ SEEDS_DIR: seedsDir, DATA_DIR: dataDir });
}

/** An embedder that records every text it is asked to embed as a document. */
export interface CountingEmbedder extends Embedder {
  /** Texts passed to `embedDocuments`, across all calls. */
  readonly documents: string[];
  /** Number of `embedDocuments` calls that had at least one text. */
  calls: number;
  reset(): void;
  /** While set, `embedDocuments` waits for this promise first (to hold a refresh mid-embedding). */
  gate: Promise<void> | null;
}

export function countingEmbedder(inner: Embedder): CountingEmbedder {
  const counting: CountingEmbedder = {
    modelId: inner.modelId,
    dimension: inner.dimension,
    documents: [],
    calls: 0,
    gate: null,
    reset() {
      counting.documents.length = 0;
      counting.calls = 0;
    },
    async embedDocuments(texts, options) {
      if (texts.length > 0) counting.calls++;
      counting.documents.push(...texts);
      if (counting.gate !== null) await counting.gate;
      return inner.embedDocuments(texts, options);
    },
    embedQuery: (text) => inner.embedQuery(text),
    // Shared across a test file's engines: the file closes the inner embedder itself.
    close: async () => undefined,
  };
  return counting;
}
