/**
 * What the search engine needs from an embedding model. One implementation
 * wraps transformers.js; the interface lets a model be swapped in one place.
 */

/** A unit-length embedding. */
export type Vector = Float32Array;

export interface Embedder {
  /** The model id; caches are keyed by it. */
  readonly modelId: string;
  readonly dimension: number;
  /** Embeds passages (abstracts, sentences). `onProgress` is called after each batch. */
  embedDocuments(texts: readonly string[], onProgress?: (done: number, total: number) => void): Promise<Vector[]>;
  /** Embeds a search query, with the model's query instruction when it has one. */
  embedQuery(text: string): Promise<Vector>;
}

/** Cosine similarity of two unit vectors (their dot product). */
export function cosine(a: Vector, b: Vector): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}
