/**
 * When is nothing in the corpus really relevant? bge squeezes cosines into a
 * narrow band (an off-topic query still scores ~0.65), so similarity alone
 * cannot tell; the signals together do better:
 *   - the best query–paper cosine,
 *   - how far the best single sentence of the top papers beats that (a
 *     passage squarely about the query stands out from its abstract),
 *   - the largest share of the query's words one top paper holds.
 * A query that names a paper (its title or the acronym before the colon), or
 * at least half of whose words one top paper holds, one of them rare in the corpus, is
 * never flagged. Weights and threshold (the latter per embedder:
 * calibration.ts) were fitted on the dev split of
 * test/eval/eval-set.json (README, "Quality") to flag as many of its
 * no-answer queries as they can with at most 3 % of its 182 answerable ones
 * (the issue allows 5 %): a wrong "nothing relevant" costs more than a weak
 * list, and `ask` then quotes nothing.
 */

export interface ConfidenceSignals {
  readonly bestSimilarity: number;
  readonly bestSentenceSimilarity: number;
  /** 0–1: the largest share of query terms that one top paper contains. */
  readonly termCoverage: number;
  /** The query names a paper by its title or acronym. */
  readonly namedByTitle: boolean;
  /** One top paper holds a word of the query that is rare in the corpus, and half its words or more. */
  readonly namesRareTerm: boolean;
}

/** Fitted on dev: the best sentence counts in full (a sentence squarely on the query is the evidence). */
export const SENTENCE_WEIGHT = 1;
export const COVERAGE_WEIGHT = 0.6;

export function confidenceScore(signals: ConfidenceSignals): number {
  const sentenceLift = signals.bestSentenceSimilarity - signals.bestSimilarity;
  return signals.bestSimilarity + COVERAGE_WEIGHT * signals.termCoverage + SENTENCE_WEIGHT * sentenceLift;
}

/** `threshold`: the embedder's (calibration.ts). */
export function isLowConfidence(signals: ConfidenceSignals, threshold: number): boolean {
  return !signals.namedByTitle && !signals.namesRareTerm && confidenceScore(signals) < threshold;
}
