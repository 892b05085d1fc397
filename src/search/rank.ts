/**
 * Hybrid ranking: dense (HNSW) and BM25 candidates fused by reciprocal rank,
 * with an exact or near-exact title match always first. Filters are applied
 * inside both retrievals, so a filtered query ranks every matching paper.
 */
import { cosine, type Vector } from '../embedding/embedder.js';
import type { PaperFilter } from '../store/store.js';
import { acceptsPaper } from './catalog.js';
import { reciprocalRankFusion, rankByScore } from './fusion.js';
import type { SearchContext } from './search-context.js';

/** How many candidates each side contributes to fusion: far more than anyone pages through. */
export const CANDIDATES = 100;
/**
 * HNSW explores a neighbourhood; under a filter that few papers pass it may
 * find fewer than exist. When it does and at most this many papers pass, the
 * dense side scores each of them exactly instead.
 */
const EXACT_SEARCH_MAX = 5_000;
/**
 * When this few papers pass the filter, they are scored exactly at once: a graph search that rejects nearly
 * every node it visits walks much of a 100,000-paper graph, slower than 2,000 dot products.
 */
const EXACT_FIRST_MAX = 2_000;

/** Relative weight of each ranking in the fusion (see README, "Quality"). */
export interface FusionWeights {
  readonly dense: number;
  readonly lexical: number;
}
export const DEFAULT_WEIGHTS: FusionWeights = { dense: 1, lexical: 1 };

export type RankMode = 'hybrid' | 'dense' | 'lexical';

export interface RankedPaper {
  readonly id: string;
  readonly score: number;
}

export interface Ranking {
  readonly ranked: readonly RankedPaper[];
  /** The paper the query names by title, when it does. */
  readonly titleMatch: string | null;
}

export interface DenseCandidate {
  readonly id: string;
  /** Cosine similarity between the query and the paper. */
  readonly similarity: number;
}

/** Dense candidates, best first. */
export function denseCandidates(ctx: SearchContext, vector: Vector, filter: PaperFilter, limit: number, exclude?: string): DenseCandidate[] {
  const { catalog, vectors } = ctx;
  const passing = catalog.matching(filter) - (exclude === undefined ? 0 : 1);
  if (passing <= EXACT_FIRST_MAX && passing < catalog.size) return exactCandidates(ctx, vector, filter, limit, exclude);
  const accept = (label: number): boolean => {
    const paper = catalog.atLabel(label);
    return paper !== undefined && paper.id !== exclude && acceptsPaper(paper, filter);
  };
  const found = vectors.search(vector, limit, accept).flatMap((n) => {
    const id = catalog.atLabel(n.label)?.id;
    return id === undefined ? [] : [{ id, similarity: n.similarity }];
  });
  if (found.length >= Math.min(limit, passing) || passing > EXACT_SEARCH_MAX) return found;
  return exactCandidates(ctx, vector, filter, limit, exclude);
}

/** Every paper passing the filter, scored exactly against the query. */
function exactCandidates(ctx: SearchContext, vector: Vector, filter: PaperFilter, limit: number, exclude?: string): DenseCandidate[] {
  const { catalog, vectors } = ctx;
  return catalog
    .all()
    .flatMap((paper) => {
      const stored = paper.id === exclude || !acceptsPaper(paper, filter) ? undefined : vectors.vector(paper.label);
      return stored === undefined ? [] : [{ id: paper.id, similarity: cosine(vector, stored) }];
    })
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, limit);
}

export async function rankPapers(
  ctx: SearchContext,
  query: { readonly text: string; readonly vector: Vector | null },
  filter: PaperFilter,
  mode: RankMode = 'hybrid',
  weights: FusionWeights = DEFAULT_WEIGHTS,
): Promise<Ranking> {
  const dense = mode === 'lexical' || query.vector === null ? [] : denseCandidates(ctx, query.vector, filter, CANDIDATES).map((c) => c.id);
  const lexical =
    mode === 'dense'
      ? []
      : (await ctx.lexical.search(query.text, filter, CANDIDATES)).flatMap((hit) => ctx.catalog.atLabel(hit.label)?.id ?? []);
  const hasVector = (id: string): boolean => {
    const paper = ctx.catalog.get(id);
    return paper !== undefined && ctx.vectors.has(paper.label);
  };
  const fused = reciprocalRankFusion([
    // While papers are still being embedded, the dense side cannot rank them: they are not penalised for it.
    { ids: dense, weight: weights.dense, covers: query.vector === null ? () => false : hasVector },
    { ids: lexical, weight: weights.lexical },
  ]);

  // A whole title typed with a typo is among the top lexical hits, so only those are compared with it.
  const title = mode === 'hybrid' ? ctx.titles.nearExactMatch(query.text, lexical.slice(0, 10)) : null;
  const titlePaper = title === null ? undefined : ctx.catalog.get(title.id);
  const titleMatch = titlePaper !== undefined && acceptsPaper(titlePaper, filter) ? titlePaper.id : null;
  const order = rankByScore(fused);
  if (titleMatch !== null) order.splice(0, order.length, titleMatch, ...order.filter((id) => id !== titleMatch));
  const top = fused.get(order[0] ?? '') ?? 0;
  // The title match outranks everything; give it the top score so scores stay monotonic.
  const ranked = order.map((id) => ({ id, score: id === titleMatch ? Math.max(top, fused.get(id) ?? 0) : (fused.get(id) ?? 0) }));
  return { ranked, titleMatch };
}
