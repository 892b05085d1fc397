/**
 * Where a result list ends: the papers scoring at least a share of the best
 * one. Below that the fused score says the paper has little to do with the
 * query ("model merging" used to page through 133 unrelated papers), so
 * `total` and "More results" stop there — though a page always holds the
 * count asked for when the corpus has that many, so a short list is never
 * shorter than what was requested.
 */

/**
 * Fitted on the dev split (README, "Quality"): the highest share at which the squarely relevant (grade-2)
 * papers of dev's topic, code and fact questions are all still kept that any lower share keeps (97 %);
 * lists then end after a median of 20 papers instead of ~150.
 */
export const RELEVANCE_FLOOR = 0.25;

/** How many of a best-first ranking are listed: those above the floor, and at least `atLeast` (when there are). */
export function listedCount(scores: readonly number[], atLeast: number): number {
  const best = scores[0];
  if (best === undefined) return 0;
  const floor = best > 0 ? best * RELEVANCE_FLOOR : best;
  let above = 0;
  while (above < scores.length && (scores[above] ?? 0) >= floor) above++;
  return Math.min(scores.length, Math.max(above, atLeast));
}
