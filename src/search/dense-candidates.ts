/**
 * The dense side of a search: the papers whose vectors are nearest the
 * query's, under a filter, from the HNSW graph or, when few papers pass the
 * filter, scored exactly.
 */
import { cosine, type Vector } from '../embedding/embedder.js';
import type { PaperFilter } from '../store/store.js';
import { acceptsPaper } from './catalog.js';
import type { SearchContext } from './search-context.js';

/** How many candidates each side retrieves: far more than anyone pages through. */
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
