/**
 * Approximate nearest-neighbour search over unit vectors, by cosine.
 * `hnsw-index.ts` implements it with hnswlib; the interface keeps the engine
 * free of the native binding.
 */
import type { Vector } from '../embedding/embedder.js';

export interface Neighbour {
  /** The label the vector was added with. */
  readonly label: number;
  /** Cosine similarity, 1 = identical direction. */
  readonly similarity: number;
}

export interface VectorIndex {
  readonly dimension: number;
  readonly size: number;
  add(label: number, vector: Vector): void;
  /** The `k` nearest vectors, best first; `accept` filters labels before they count towards `k`. */
  search(vector: Vector, k: number, accept?: (label: number) => boolean): Neighbour[];
  save(file: string): Promise<void>;
}
