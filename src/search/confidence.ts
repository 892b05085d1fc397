/**
 * When is nothing in the corpus really relevant? bge squeezes cosines into a
 * narrow band (an off-topic query still scores ~0.65), so similarity alone
 * cannot tell; three signals together do better:
 *   - the best query–paper cosine,
 *   - how far the best single sentence of the top papers beats that (a
 *     passage squarely about the query stands out from its abstract),
 *   - the share of the query's words found in the top papers.
 * Weights and threshold were fitted on test/eval/eval-set.json (README,
 * "Quality"): they flag half of the no-answer queries and none of the 77
 * answerable ones — a wrong "nothing relevant" costs more than a weak list.
 */

export interface ConfidenceSignals {
  readonly bestSimilarity: number;
  readonly bestSentenceSimilarity: number;
  /** 0–1: the largest share of query terms that one top paper contains. */
  readonly termCoverage: number;
  /** The query names a paper by its title or acronym. */
  readonly namedByTitle: boolean;
}

export const COVERAGE_WEIGHT = 0.15;
export const SENTENCE_WEIGHT = 0.5;
export const CONFIDENCE_THRESHOLD = 0.75;

export function confidenceScore(signals: ConfidenceSignals): number {
  const sentenceLift = signals.bestSentenceSimilarity - signals.bestSimilarity;
  return signals.bestSimilarity + COVERAGE_WEIGHT * signals.termCoverage + SENTENCE_WEIGHT * sentenceLift;
}

export function isLowConfidence(signals: ConfidenceSignals): boolean {
  return !signals.namedByTitle && confidenceScore(signals) < CONFIDENCE_THRESHOLD;
}
