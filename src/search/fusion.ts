/**
 * Rank fusion: combines several rankings of the same documents into one.
 * Pure functions, no knowledge of papers or indexes.
 */

/** One ranking to fuse: ids best-first, and how much this ranking counts. */
export interface WeightedRanking {
  readonly ids: readonly string[];
  readonly weight: number;
  /**
   * Whether this ranking could have listed a document at all (the dense
   * ranking cannot list a paper that has no vector yet). Default: every one.
   */
  readonly covers?: (id: string) => boolean;
}

/**
 * Reciprocal rank fusion (Cormack et al., 2009): score(d) = Σ w / (k + rank(d)),
 * rank starting at 1. k = 60 is the value from the paper: it keeps one list's
 * top hit from drowning out agreement between lists.
 */
export const RRF_K = 60;

export function reciprocalRankFusion(rankings: readonly WeightedRanking[], k: number = RRF_K): Map<string, number> {
  if (!(k >= 0)) throw new RangeError(`RRF k must be ≥ 0, got ${k}`);
  const scores = new Map<string, number>();
  for (const { ids, weight } of rankings) {
    const seen = new Set<string>();
    ids.forEach((id, index) => {
      // A ranking that lists a document twice counts it once, at its best rank.
      if (seen.has(id)) return;
      seen.add(id);
      scores.set(id, (scores.get(id) ?? 0) + weight / (k + index + 1));
    });
  }
  // A ranking that could not list a document says nothing about it: such a document is scored on the
  // rankings that could, scaled to the full weight, instead of losing that ranking's share.
  const total = rankings.reduce((sum, r) => sum + r.weight, 0);
  if (rankings.some((r) => r.covers !== undefined)) {
    for (const [id, score] of scores) {
      const covering = rankings.reduce((sum, r) => sum + (r.covers === undefined || r.covers(id) ? r.weight : 0), 0);
      if (covering > 0 && covering < total) scores.set(id, (score * total) / covering);
    }
  }
  return scores;
}

/** Ids sorted by descending score; ties broken by id so results are deterministic. */
export function rankByScore(scores: ReadonlyMap<string, number>): string[] {
  return [...scores.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).map(([id]) => id);
}
