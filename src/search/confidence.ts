/**
 * When is nothing in the corpus really relevant? Calibrated on the evaluation
 * set (test/eval/eval-set.json): the best query–paper cosine of queries with
 * no relevant paper sits below this line, that of answerable queries above.
 * See README "Quality" for the measured distributions.
 */
export const MIN_CONFIDENT_SIMILARITY = 0.6;

export function isLowConfidence(bestSimilarity: number, namedByTitle: boolean): boolean {
  return !namedByTitle && bestSimilarity < MIN_CONFIDENT_SIMILARITY;
}
