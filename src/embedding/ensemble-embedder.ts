/**
 * Two or more models as one embedder. A text's vector is the concatenation of
 * each model's unit vector scaled by 1/√n, so it is unit length and the cosine
 * of two such vectors is the mean of the models' cosines. The vector index,
 * the stored sentence vectors and fusion see one model of the summed
 * dimension. Why: bge-small and all-MiniLM-L6-v2 err on different questions;
 * together they rank better than either (README, "Quality").
 */
import type { Embedder, EmbedOptions, Vector } from './embedder.js';

/** EMBEDDING_MODEL joins the models of an ensemble with `+`. */
export const ENSEMBLE_SEPARATOR = '+';

/** The model ids an EMBEDDING_MODEL value names: one, or several joined by `+`. */
export function ensembleModelIds(modelId: string): string[] {
  return modelId.split(ENSEMBLE_SEPARATOR).map((id) => id.trim());
}

export function createEnsembleEmbedder(parts: readonly Embedder[]): Embedder {
  if (parts.length < 2) throw new Error('an ensemble needs at least two models');
  const dimension = parts.reduce((sum, part) => sum + part.dimension, 0);
  const share = 1 / Math.sqrt(parts.length);

  const join = (perPart: readonly Vector[]): Vector => {
    const out = new Float32Array(dimension);
    let offset = 0;
    for (const vector of perPart) {
      let norm = 0;
      for (const x of vector) norm += x * x;
      const scale = share / (Math.sqrt(norm) || 1);
      for (let j = 0; j < vector.length; j++) out[offset + j] = vector[j]! * scale;
      offset += vector.length;
    }
    return out;
  };

  return {
    modelId: parts.map((part) => part.modelId).join(ENSEMBLE_SEPARATOR),
    dimension,
    async embedDocuments(texts, options?: EmbedOptions) {
      // One model after the other: on a small machine both would only compete for the same cores.
      const results: Vector[][] = [];
      for (const [i, part] of parts.entries()) {
        const before = i * texts.length;
        const onProgress = options?.onProgress;
        results.push(
          await part.embedDocuments(texts, {
            priority: options?.priority,
            onProgress: onProgress === undefined ? undefined : (done) => onProgress(Math.floor((before + done) / parts.length), texts.length),
          }),
        );
      }
      return texts.map((_, row) => join(results.map((vectors) => vectors[row]!)));
    },
    async embedQuery(text) {
      // Each model has its own process: a query is embedded by all at once.
      return join(await Promise.all(parts.map((part) => part.embedQuery(text))));
    },
    async close() {
      await Promise.all(parts.map((part) => part.close()));
    },
  };
}
