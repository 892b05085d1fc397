/**
 * Dense pseudo-relevance feedback (Rocchio's idea on embeddings): the query
 * vector moved toward the vectors of the papers a first ranking put on top,
 * so a second ranking also finds papers near what the query turned out to
 * mean. Pure.
 */
import { cosine, type Vector } from '../embedding/embedder.js';

/** normalise(query + weight · mean(top)); the query itself when there is nothing to move toward. */
export function feedbackVector(query: Vector, top: readonly Vector[], weight: number): Vector {
  if (top.length === 0 || weight === 0) return query;
  const moved = Float32Array.from(query);
  for (const v of top) for (let i = 0; i < moved.length; i++) moved[i]! += (weight * (v[i] ?? 0)) / top.length;
  const norm = Math.sqrt(cosine(moved, moved));
  if (!(norm > 0)) return query;
  for (let i = 0; i < moved.length; i++) moved[i]! /= norm;
  return moved;
}
