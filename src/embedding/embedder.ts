/**
 * What the search engine needs from an embedding model. The default runs
 * the model in a worker thread (worker-embedder.ts) so inference never blocks
 * the thread that answers users; tests may pass any other implementation.
 */

/** A unit-length embedding. */
export type Vector = Float32Array;

/**
 * `interactive`: someone is waiting (a query, the one paper of `/papers add`);
 * `bulk`: a cold start or a batch of new papers. Interactive work is never
 * queued behind bulk work.
 */
export type EmbedPriority = 'interactive' | 'bulk';

export interface EmbedOptions {
  /** Called as texts are done: texts done so far and in all. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Default `bulk`. */
  readonly priority?: EmbedPriority;
}

export interface Embedder {
  /** The model id; stored embeddings are keyed by it. */
  readonly modelId: string;
  readonly dimension: number;
  /** Embeds passages (abstracts, sentences), in input order. */
  embedDocuments(texts: readonly string[], options?: EmbedOptions): Promise<Vector[]>;
  /** Embeds a search query, with the model's query instruction when it has one; always interactive. */
  embedQuery(text: string): Promise<Vector>;
  /** Releases the model (stops its worker); pending calls reject. */
  close(): Promise<void>;
}

/** Cosine similarity of two unit vectors (their dot product). */
export function cosine(a: Vector, b: Vector): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}
