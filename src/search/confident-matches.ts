/**
 * Which of a topic's results count as real matches — for topic digests,
 * watches and `/papers new`: none when the engine flags the whole topic as
 * low confidence, else the hits scoring at least a share of the best one.
 */
import type { PaperHit, SearchResponse } from './engine-types.js';

/** The engine's largest page: no topic needs more candidates than this for one run. */
export const TOPIC_POOL = 50;

/**
 * Hits scoring below this share of the best hit's fused score are dropped as weak matches. The fused score is a
 * convex mix of both sides, each on the query's own scale (score-fusion.ts), so a share of the best one means the
 * same for every query. Measured on the dev split's topic queries (each hit judged against the set's grades):
 * precision / recall of the kept papers 0.31 / 0.68 at 0.5, 0.42 / 0.60 at 0.6, 0.74 / 0.44 at 0.8, 4.4 papers
 * kept per query at 0.6. It stays at 0.6, which keeps three in four squarely relevant (grade-2) papers: a watch
 * or digest that misses a paper loses it for good, while a weak one costs a glance.
 */
export const RELATIVE_SCORE_FLOOR = 0.6;

export function confidentOf(response: SearchResponse): PaperHit[] {
  if (response.lowConfidence) return [];
  const best = response.results[0]?.score ?? 0;
  return response.results.filter((hit) => hit.score >= best * RELATIVE_SCORE_FLOOR);
}
