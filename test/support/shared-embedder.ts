/**
 * One model process for a test file's engines: opening each engine with its own would load the model every time.
 * (Vitest gives every test file its own copy of this module, so "shared" means within one file.)
 */
import type { Embedder } from '../../src/embedding/embedder.js';
import { silentLogger } from '../../src/logger.js';
import { createEmbedder } from '../../src/search/create-engine.js';
import { testConfig } from './test-engine.js';

let embedder: Promise<Embedder> | undefined;

export function sharedEmbedder(): Promise<Embedder> {
  embedder ??= createEmbedder(testConfig(), silentLogger);
  return embedder;
}

/** Closes the file's model process (in afterAll, after every engine is closed). */
export async function closeSharedEmbedder(): Promise<void> {
  const opened = embedder;
  embedder = undefined;
  await (await opened)?.close();
}
