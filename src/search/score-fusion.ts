/**
 * Score-aware fusion: each paper's dense and BM25 scores, each normalised on
 * a scale set by the whole corpus's answer to the query, combined convexly.
 * Unlike rank fusion, a strong, rare lexical match keeps its margin: a paper
 * that alone holds a rare word scores near the lexical maximum instead of
 * merely "first of the lexical list", which rank fusion gave as much weight
 * as the 1st of a dense list of near-equal cosines. Pure functions.
 */

/** One paper's evidence for one query. */
export interface FusionCandidate {
  readonly id: string;
  /** Dense evidence (a cosine); null while the paper has no vector yet. */
  readonly dense: number | null;
  /** BM25 score; 0 when no query term matched. */
  readonly lexical: number;
}

/**
 * The scale each side's scores are read on. Taken from the unfiltered corpus, so a paper's fused score
 * depends on the query and the paper only: a filter removes papers from a ranking and never reorders the rest.
 */
export interface FusionScale {
  /** Dense evidence that maps to 0: the query's CANDIDATES-th nearest paper. */
  readonly denseLow: number;
  /** Dense evidence that maps to 1: the query's nearest paper. */
  readonly denseHigh: number;
  /** The best BM25 score (maps to 1); 0 when no paper matched a word. */
  readonly lexicalMax: number;
}

/** How the two sides are weighed (see README, "Quality", for what was measured). */
export interface FusionWeights {
  /** Dense share of a one-word query: a word typed alone is a keyword, matched exactly. */
  readonly shortQueryDense: number;
  /** Dense share of a query of {@link FusionWeights.longQueryWords} words or more: a description, matched by meaning. */
  readonly longQueryDense: number;
  readonly longQueryWords: number;
  /** Weight of the best sentence's cosine beside the whole abstract's in the dense evidence. */
  readonly sentence: number;
}

/** Fitted on the dev split (README, "Quality"). */
export const DEFAULT_WEIGHTS: FusionWeights = { shortQueryDense: 0.2, longQueryDense: 0.6, longQueryWords: 6, sentence: 0.5 };

/** The dense share for a query of `words` words: linear from one word to `longQueryWords`. */
export function denseShare(words: number, weights: FusionWeights = DEFAULT_WEIGHTS): number {
  const span = Math.max(1, weights.longQueryWords - 1);
  const t = Math.min(1, Math.max(0, (words - 1) / span));
  return weights.shortQueryDense + (weights.longQueryDense - weights.shortQueryDense) * t;
}

/** Dense evidence of a paper: its abstract's cosine and its best sentence's, weighted. */
export function denseEvidence(documentSimilarity: number, bestSentenceSimilarity: number | null, weights: FusionWeights = DEFAULT_WEIGHTS): number {
  if (bestSentenceSimilarity === null) return documentSimilarity;
  return (documentSimilarity + weights.sentence * bestSentenceSimilarity) / (1 + weights.sentence);
}

/**
 * score = share · (dense − low) / (high − low) + (1 − share) · lexical / lexicalMax. A paper without a
 * vector is scored on its lexical side alone, at full weight (it is not penalised for not being embedded yet).
 */
export function convexFusion(candidates: readonly FusionCandidate[], scale: FusionScale, share: number): Map<string, number> {
  if (!(share >= 0 && share <= 1)) throw new RangeError(`dense share must be in [0, 1], got ${share}`);
  const range = scale.denseHigh - scale.denseLow;
  const dense = (value: number) => (range > 0 ? (value - scale.denseLow) / range : 1);
  const lexical = (value: number) => (scale.lexicalMax > 0 ? value / scale.lexicalMax : 0);
  const scores = new Map<string, number>();
  for (const c of candidates) {
    if (scores.has(c.id)) continue;
    scores.set(c.id, c.dense === null ? lexical(c.lexical) : share * dense(c.dense) + (1 - share) * lexical(c.lexical));
  }
  return scores;
}
