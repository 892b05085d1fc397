/**
 * Clustered unit vectors for the scale run: gaussian cluster centres, points
 * scattered around them, everything normalised, all from one seeded PRNG so
 * every run indexes the same data.
 *
 * Random centres in 384 dimensions are nearly orthogonal, so the clusters are
 * well separated: the graph search must find the right cluster, then rank
 * members whose distances to the query differ little. Real embeddings overlap
 * more between topics, so recall here is on the optimistic side.
 */
import { gaussian, mulberry32 } from './prng.js';

/** Length of a point's offset from its (unit) centre: cosine to the centre ≈ 1/√(1 + 0.5²) ≈ 0.89. */
export const POINT_SPREAD = 0.5;
/** Queries fall nearer the centres than the indexed points do, as a query "about the cluster" would. */
export const QUERY_SPREAD = 0.25;

export interface ClusteredVectors {
  readonly dimension: number;
  readonly count: number;
  /** `count` rows of `dimension` floats. */
  readonly data: Float32Array;
  /** One row per cluster. */
  readonly centres: Float32Array;
}

/** Row `i` of a packed matrix, as a view (no copy). */
export function row(matrix: Float32Array, dimension: number, i: number): Float32Array {
  return matrix.subarray(i * dimension, (i + 1) * dimension);
}

function normalise(vector: Float32Array): void {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  const norm = Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) vector[i] = vector[i]! / norm;
}

/** `count` points around `centres`, each offset by gaussian noise of total length ≈ `spread`. */
function scatter(centres: Float32Array, dimension: number, count: number, spread: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  const normal = gaussian(random);
  const clusters = centres.length / dimension;
  // Per-coordinate σ such that the noise vector's expected length is `spread`.
  const sigma = spread / Math.sqrt(dimension);
  const out = new Float32Array(count * dimension);
  for (let i = 0; i < count; i++) {
    const centre = row(centres, dimension, Math.floor(random() * clusters));
    const point = row(out, dimension, i);
    for (let j = 0; j < dimension; j++) point[j] = centre[j]! + sigma * normal();
    normalise(point);
  }
  return out;
}

export function clusteredUnitVectors(count: number, dimension: number, clusters: number, seed: number): ClusteredVectors {
  const normal = gaussian(mulberry32(seed));
  const centres = new Float32Array(clusters * dimension);
  for (let i = 0; i < centres.length; i++) centres[i] = normal();
  for (let c = 0; c < clusters; c++) normalise(row(centres, dimension, c));
  return { dimension, count, data: scatter(centres, dimension, count, POINT_SPREAD, seed + 1), centres };
}

/** Query vectors near random cluster centres; drawn from their own seed, so none is one of the indexed points. */
export function queriesNearCentres(set: ClusteredVectors, count: number, seed: number): Float32Array {
  return scatter(set.centres, set.dimension, count, QUERY_SPREAD, seed);
}
