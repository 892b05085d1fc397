/**
 * A topic digest's candidates: the engine's hits for the topic, cut where the
 * matches stop being confident.
 */
import type { PaperEngine, PaperHit } from '../search/engine-types.js';

/** The slice of the engine a digest needs. */
export type DigestEngine = Pick<PaperEngine, 'papers' | 'paper' | 'hit' | 'addedAt' | 'about'>;

/** The engine's largest page: a digest never needs more candidates than this for one run. */
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

/** Confident matches for `topic`, nearest first; empty when the engine flags the whole topic as low confidence. */
export async function rankTopic(engine: DigestEngine, topic: string): Promise<readonly PaperHit[]> {
  const response = await engine.about(topic, { k: TOPIC_POOL });
  if (response.lowConfidence) return [];
  const best = response.results[0]?.score ?? 0;
  return response.results.filter((hit) => hit.score >= best * RELATIVE_SCORE_FLOOR);
}
