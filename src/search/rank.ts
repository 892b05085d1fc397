/**
 * Hybrid ranking: dense (HNSW) and BM25 candidates, each paper scored on both
 * sides and fused by score (fused-scores.ts), then once more with the query
 * vector moved toward the first ranking's best paper (dense-feedback.ts),
 * with an exact or near-exact title match always first. Filters are applied
 * inside both retrievals, and the scales and the feedback paper are the
 * unfiltered corpus's, so filtering never reorders what it keeps.
 */
import type { Vector } from '../embedding/embedder.js';
import type { PaperFilter } from '../store/store.js';
import { acceptsPaper, NO_FILTER } from './catalog.js';
import { CANDIDATES, denseCandidates } from './dense-candidates.js';
import { feedbackVector } from './dense-feedback.js';
import { FUSION_POOL, fusedScores, isUnfiltered, lexicalSide, type LexicalSide, type SentenceCache } from './fused-scores.js';
import { reciprocalRankFusion, rankByScore } from './fusion.js';
import { DEFAULT_WEIGHTS, denseShare, type FusionWeights } from './score-fusion.js';
import type { SearchContext } from './search-context.js';

export { CANDIDATES, denseCandidates, type DenseCandidate } from './dense-candidates.js';
export { DEFAULT_WEIGHTS, type FusionWeights } from './score-fusion.js';

/** `rrf` is the reciprocal-rank fusion this engine used before score fusion, kept for the evaluation's comparison. */
export type RankMode = 'hybrid' | 'rrf' | 'dense' | 'lexical';

export interface RankedPaper {
  readonly id: string;
  readonly score: number;
}

export interface Ranking {
  readonly ranked: readonly RankedPaper[];
  /** The paper the query names by title, when it does. */
  readonly titleMatch: string | null;
}

/** Words as typed (a hyphenated compound is one): how long a query is, for the fusion's dense share. */
export function queryWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Reciprocal rank fusion of the two sides (the `rrf` mode). */
function rankFusion(ctx: SearchContext, dense: readonly string[], lexical: readonly string[], hasVector: boolean): Map<string, number> {
  const covers = (id: string): boolean => {
    const paper = ctx.catalog.get(id);
    return hasVector && paper !== undefined && ctx.vectors.has(paper.label);
  };
  // While papers are still being embedded, the dense side cannot rank them: they are not penalised for it.
  return reciprocalRankFusion([
    { ids: dense, weight: 1, covers },
    { ids: lexical, weight: 1 },
  ]);
}

/**
 * Score fusion, then (when the weights ask for it) again with the query moved toward the vectors of the
 * unfiltered first ranking's top papers. Under a filter the unfiltered first ranking costs one more
 * search of each side: the feedback must not depend on what the filter keeps.
 */
async function scoreFusion(
  ctx: SearchContext,
  query: { readonly text: string; readonly vector: Vector },
  filter: PaperFilter,
  lexical: LexicalSide,
  weights: FusionWeights,
): Promise<Map<string, number>> {
  const options = { weights, share: denseShare(queryWords(query.text), weights), sentences: new Map() as SentenceCache };
  if (weights.feedbackPapers <= 0) return fusedScores(ctx, query, filter, lexical, options);
  const unfiltered = isUnfiltered(filter);
  const first = await fusedScores(ctx, query, NO_FILTER, unfiltered ? lexical : await lexicalSide(ctx, query.text, NO_FILTER, FUSION_POOL), options);
  const top = rankByScore(first)
    .slice(0, weights.feedbackPapers)
    .flatMap((id) => {
      const paper = ctx.catalog.get(id);
      return (paper === undefined ? undefined : ctx.vectors.vector(paper.label)) ?? [];
    });
  // Only the candidates already scored are scored again: a second retrieval would cost a store read and
  // measured no better on dev.
  const moved = feedbackVector(query.vector, top, weights.feedbackWeight);
  return fusedScores(ctx, { text: query.text, vector: moved, poolVector: query.vector }, filter, lexical, options);
}

export async function rankPapers(
  ctx: SearchContext,
  query: { readonly text: string; readonly vector: Vector | null },
  filter: PaperFilter,
  mode: RankMode = 'hybrid',
  weights: FusionWeights = DEFAULT_WEIGHTS,
): Promise<Ranking> {
  const byScore = mode === 'hybrid' && query.vector !== null;
  const lexical = mode === 'dense' ? { hits: [], scores: new Map<string, number>(), beyond: new Map<string, number>() } : await lexicalSide(ctx, query.text, filter, byScore ? FUSION_POOL : CANDIDATES);
  const lexicalIds = [...lexical.scores.keys()];
  let fused: Map<string, number>;
  if (mode === 'lexical') fused = new Map(lexical.scores);
  else if (query.vector === null) fused = rankFusion(ctx, [], lexicalIds, false);
  else if (byScore) fused = await scoreFusion(ctx, { text: query.text, vector: query.vector }, filter, lexical, weights);
  else {
    const dense = denseCandidates(ctx, query.vector, filter, CANDIDATES);
    fused = mode === 'dense' ? new Map(dense.map((c) => [c.id, c.similarity])) : rankFusion(ctx, dense.map((c) => c.id), lexicalIds, true);
  }

  // A whole title typed with a typo is among the top lexical hits, so only those are compared with it.
  const title = mode === 'hybrid' || mode === 'rrf' ? ctx.titles.nearExactMatch(query.text, lexicalIds.slice(0, 10)) : null;
  const titlePaper = title === null ? undefined : ctx.catalog.get(title.id);
  const titleMatch = titlePaper !== undefined && acceptsPaper(titlePaper, filter) ? titlePaper.id : null;
  const order = rankByScore(fused);
  if (titleMatch !== null) order.splice(0, order.length, titleMatch, ...order.filter((id) => id !== titleMatch));
  const top = fused.get(order[0] ?? '') ?? 0;
  // The title match outranks everything; give it the top score so scores stay monotonic.
  const ranked = order.map((id) => ({ id, score: id === titleMatch ? Math.max(top, fused.get(id) ?? 0) : (fused.get(id) ?? 0) }));
  return { ranked, titleMatch };
}
