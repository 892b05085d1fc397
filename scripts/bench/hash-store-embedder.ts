/**
 * The embedder the synthetic store is served with: documents go to the hash
 * embedder (that is what the store's vectors were made with, and new papers
 * then cost no model time), queries go to the real model in its process. So
 * `about` pays for a real query embedding and a real HNSW search over
 * 100,000 vectors — but those vectors mean nothing, so only the latency of
 * the dense results counts, never their order.
 */
import type { Embedder } from '../../src/embedding/embedder.js';
import { createHashEmbedder } from '../../src/embedding/hash-embedder.js';

/** `model` is still loading when the engine opens, as the engine's own model process would be. */
export function hashStoreEmbedder(model: Promise<Embedder>, dimension: number): Embedder {
  const hash = createHashEmbedder(dimension);
  const checked = model.then((loaded) => {
    if (loaded.dimension !== hash.dimension) throw new Error(`The query model makes ${loaded.dimension}-d vectors, the synthetic store holds ${hash.dimension}-d`);
    return loaded;
  });
  checked.catch(() => undefined);
  return {
    modelId: hash.modelId,
    dimension: hash.dimension,
    embedDocuments: (texts, options) => hash.embedDocuments(texts, options),
    embedQuery: async (text) => (await checked).embedQuery(text),
    close: async () => (await checked).close(),
  };
}
