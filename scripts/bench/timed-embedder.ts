/** An embedder wrapper for the cold-start probe: counts the texts embedded and the time spent embedding them. */
import type { Embedder } from '../../src/embedding/embedder.js';

export function timedEmbedder(inner: Embedder): Embedder & { readonly texts: number; readonly ms: number } {
  let texts = 0;
  let ms = 0;
  return {
    modelId: inner.modelId,
    dimension: inner.dimension,
    get texts() {
      return texts;
    },
    get ms() {
      return ms;
    },
    async embedDocuments(batch, onProgress) {
      const started = performance.now();
      const vectors = await inner.embedDocuments(batch, onProgress);
      ms += performance.now() - started;
      texts += batch.length;
      return vectors;
    },
    embedQuery: (text) => inner.embedQuery(text),
  };
}

