/**
 * Which of a topic's results count as real matches — for topic digests,
 * watches and `/papers new`: none when the engine flags the whole topic as
 * low confidence, else the hits scoring at least a share of the best one.
 */
import type { PaperHit, SearchResponse } from './engine-types.js';

/** The engine's largest page: no topic needs more candidates than this for one run. */
export const TOPIC_POOL = 50;

/**
 * Hits scoring below this share of the best hit's fused score are dropped as
 * weak matches. Fused scores are reciprocal-rank sums over the lexical and the
 * vector ranking (k = 60): a paper both put first scores 2/61, one that only
 * one ranking lists at most 1/61 — half the top. A floor above one half thus
 * keeps only papers BOTH rankings place reasonably high (measured on the real
 * seeds: "protein folding" keeps 1 paper, "continual learning" about 20).
 */
export const RELATIVE_SCORE_FLOOR = 0.6;

export function confidentOf(response: SearchResponse): PaperHit[] {
  if (response.lowConfidence) return [];
  const best = response.results[0]?.score ?? 0;
  return response.results.filter((hit) => hit.score >= best * RELATIVE_SCORE_FLOOR);
}
