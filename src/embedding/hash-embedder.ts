/**
 * A deterministic stand-in for the model, for measuring and testing the
 * store and the indexes without the model's cost: each text's vector is
 * derived from its sha256 (so equal texts get equal vectors), unit length,
 * and carries NO meaning. Never used to answer anyone: the benchmark's
 * 100,000-paper store and the store's own tests use it.
 */
import { createHash } from 'node:crypto';
import type { Embedder, Vector } from './embedder.js';

export const HASH_EMBEDDER_MODEL = 'paperbot/hash-embedder-not-a-model';

/** The vector of one text: xorshift32 seeded from the text's hash, normalised. */
export function hashVector(text: string, dimension: number): Vector {
  let state = createHash('sha256').update(text).digest().readUInt32LE(0) || 1;
  const vector = new Float32Array(dimension);
  let norm = 0;
  for (let i = 0; i < dimension; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const x = (state >>> 0) / 0xffffffff - 0.5;
    vector[i] = x;
    norm += x * x;
  }
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < dimension; i++) vector[i]! *= scale;
  return vector;
}

export function createHashEmbedder(dimension = 384): Embedder {
  return {
    modelId: HASH_EMBEDDER_MODEL,
    dimension,
    async embedDocuments(texts, options) {
      const vectors = texts.map((text) => hashVector(text, dimension));
      if (texts.length > 0) options?.onProgress?.(texts.length, texts.length);
      return vectors;
    },
    async embedQuery(text) {
      return hashVector(`query: ${text}`, dimension);
    },
    async close() {},
  };
}
