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
  /** Vectors held, deleted ones excluded. */
  readonly size: number;
  /** Adds a vector under `label`, or replaces the one already there (un-deleting it). */
  add(label: number, vector: Vector): void;
  /** Removes `label` from results; a later `add` brings it back. No-op for unknown labels. */
  remove(label: number): void;
  has(label: number): boolean;
  /** Every label held (deleted ones excluded). */
  labels(): number[];
  /** The `k` nearest vectors, best first; `accept` filters labels before they count towards `k`. */
  search(vector: Vector, k: number, accept?: (label: number) => boolean): Neighbour[];
  /** The stored vector under `label`, or undefined. */
  vector(label: number): Vector | undefined;
  /** Writes the index to `file` off the main thread; the caller must not mutate it until this resolves. */
  save(file: string): Promise<void>;
}
