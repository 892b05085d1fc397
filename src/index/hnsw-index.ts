/**
 * The HNSW vector index (hnswlib-node, cosine space). Its native calls take
 * plain arrays, not typed arrays, hence the `Array.from` at each boundary.
 * Labels are the store's paper labels: stable, never reused, so the graph
 * can be updated in place (add, replace, mark deleted) instead of rebuilt.
 */
import hnswlib from 'hnswlib-node';
import type { Vector } from '../embedding/embedder.js';
import type { Neighbour, VectorIndex } from './vector-index.js';

export interface HnswParams {
  /** Graph degree: 16 is hnswlib's recommended default for 384-d text embeddings. */
  readonly m: number;
  /** Build-time beam width: higher builds slower and finds better neighbours. */
  readonly efConstruction: number;
  /** Query-time beam width (raised to k when k is larger): the recall/latency knob. */
  readonly efSearch: number;
}

export const DEFAULT_HNSW_PARAMS: HnswParams = { m: 16, efConstruction: 200, efSearch: 64 };

/** A fixed seed makes the same vectors build the same graph, so results are reproducible. */
const RANDOM_SEED = 42;
/** Room for this many vectors before the first resize. */
const MIN_CAPACITY = 1024;

class HnswIndex implements VectorIndex {
  private readonly active: Set<number>;

  constructor(
    private readonly native: hnswlib.HierarchicalNSW,
    readonly dimension: number,
    private readonly params: HnswParams,
    active: Iterable<number>,
  ) {
    native.setEf(params.efSearch);
    this.active = new Set(active);
  }

  get size(): number {
    return this.active.size;
  }

  add(label: number, vector: Vector): void {
    if (vector.length !== this.dimension) {
      throw new RangeError(`Vector has ${vector.length} dimensions, the index ${this.dimension}`);
    }
    const count = this.native.getCurrentCount();
    if (!this.active.has(label) && count >= this.native.getMaxElements()) this.native.resizeIndex(Math.max(MIN_CAPACITY, count * 2));
    this.native.addPoint(Array.from(vector), label);
    this.active.add(label);
  }

  remove(label: number): void {
    if (!this.active.delete(label)) return;
    this.native.markDelete(label);
  }

  has(label: number): boolean {
    return this.active.has(label);
  }

  labels(): number[] {
    return [...this.active];
  }

  search(vector: Vector, k: number, accept?: (label: number) => boolean): Neighbour[] {
    const count = Math.min(k, this.size);
    if (count <= 0) return [];
    this.native.setEf(Math.max(this.params.efSearch, count));
    const { neighbors, distances } = this.native.searchKnn(Array.from(vector), count, accept);
    // hnswlib's cosine space returns distance = 1 − cosine.
    return neighbors.map((label, i) => ({ label, similarity: 1 - (distances[i] ?? 1) }));
  }

  vector(label: number): Vector | undefined {
    return this.active.has(label) ? Float32Array.from(this.native.getPoint(label)) : undefined;
  }

  async save(file: string): Promise<void> {
    await this.native.writeIndex(file);
  }
}

export function createHnswIndex(dimension: number, capacity: number, params: HnswParams = DEFAULT_HNSW_PARAMS): VectorIndex {
  const native = new hnswlib.HierarchicalNSW('cosine', dimension);
  native.initIndex({ maxElements: Math.max(MIN_CAPACITY, capacity), m: params.m, efConstruction: params.efConstruction, randomSeed: RANDOM_SEED });
  return new HnswIndex(native, dimension, params, []);
}

/**
 * Loads an index written by `save`. The caller must have verified the file
 * (checksum) first: hnswlib trusts what it reads. `deleted` are labels the
 * file holds as deleted (hnswlib keeps them in its id list).
 */
export async function loadHnswIndex(file: string, dimension: number, deleted: Iterable<number> = [], params: HnswParams = DEFAULT_HNSW_PARAMS): Promise<VectorIndex> {
  const native = new hnswlib.HierarchicalNSW('cosine', dimension);
  await native.readIndex(file);
  const gone = new Set(deleted);
  return new HnswIndex(native, dimension, params, native.getIdsList().filter((label) => !gone.has(label)));
}
