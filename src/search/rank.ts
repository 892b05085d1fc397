/**
 * Hybrid ranking: dense (HNSW) and BM25 candidates fused by reciprocal rank,
 * with an exact or near-exact title match always first.
 */
import type { Paper } from '../corpus/paper.js';
import { cosine, type Vector } from '../embedding/embedder.js';
import { reciprocalRankFusion, rankByScore } from './fusion.js';
import type { SearchState } from './search-state.js';

/** How many candidates each side contributes to fusion: far more than anyone pages through. */
const CANDIDATES = 100;

/** Relative weight of each ranking in the fusion (tuned on test/eval/eval-set.json; see README). */
export interface FusionWeights {
  readonly dense: number;
  readonly lexical: number;
}
export const DEFAULT_WEIGHTS: FusionWeights = { dense: 1, lexical: 1 };

export type RankMode = 'hybrid' | 'dense' | 'lexical';

export interface RankedPaper {
  readonly id: string;
  readonly score: number;
  /** Cosine similarity between the query and the paper: the confidence signal. */
  readonly similarity: number;
}

export interface Ranking {
  readonly ranked: readonly RankedPaper[];
  /** The paper the query names by title, when it does. */
  readonly titleMatch: string | null;
}

function similarityTo(state: SearchState, vector: Vector, id: string): number {
  const document = state.vectors.get(id)?.document;
  return document === undefined ? 0 : cosine(vector, document);
}

export function rankPapers(
  state: SearchState,
  query: { readonly text: string; readonly vector: Vector },
  accept: (paper: Paper) => boolean,
  mode: RankMode = 'hybrid',
  weights: FusionWeights = DEFAULT_WEIGHTS,
): Ranking {
  const ok = (id: string): boolean => {
    const paper = state.byId.get(id);
    return paper !== undefined && accept(paper);
  };
  const dense =
    mode === 'lexical'
      ? []
      : state.vectorIndex.search(query.vector, CANDIDATES, (label) => ok(state.labels[label] ?? '')).map((n) => state.labels[n.label] ?? '');
  const lexical = mode === 'dense' ? [] : state.lexical.search(query.text, CANDIDATES).map((hit) => hit.id).filter(ok);
  const fused = reciprocalRankFusion([
    { ids: dense, weight: weights.dense },
    { ids: lexical, weight: weights.lexical },
  ]);

  const title = mode === 'hybrid' ? state.titles.exactMatch(query.text) : null;
  const titleMatch = title !== null && accept(title) ? title.id : null;
  const order = rankByScore(fused);
  if (titleMatch !== null) order.splice(0, order.length, titleMatch, ...order.filter((id) => id !== titleMatch));
  const top = fused.get(order[0] ?? '') ?? 0;
  const ranked = order.map((id) => ({
    id,
    // The title match outranks everything; give it the top score so scores stay monotonic.
    score: id === titleMatch ? Math.max(top, fused.get(id) ?? 0) : (fused.get(id) ?? 0),
    similarity: similarityTo(state, query.vector, id),
  }));
  return { ranked, titleMatch };
}
