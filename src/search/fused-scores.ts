/**
 * Score fusion for one query vector: the dense candidates under the filter,
 * each candidate of either side scored exactly on both (its best sentence
 * beside its abstract on the dense side), on the unfiltered corpus's scales.
 */
import { cosine, type Vector } from '../embedding/embedder.js';
import type { LexicalHit, PaperFilter } from '../store/store.js';
import { NO_FILTER } from './catalog.js';
import { CANDIDATES, denseCandidates, type DenseCandidate } from './dense-candidates.js';
import { convexFusion, denseEvidence, type FusionCandidate, type FusionScale, type FusionWeights } from './score-fusion.js';
import type { SearchContext } from './search-context.js';

/**
 * How many of each side's best enter score fusion, each then scored exactly on both sides (its sentence
 * vectors read from the store: the cost of a query grows with this). Pages hold at most 50; on the dev split
 * nDCG@10 is the same for pools of 20 to 100.
 */
export const FUSION_POOL = 50;
/** The lexical side's answer to a query: its hits as listed and each paper's best BM25 score. */
export interface LexicalSide {
  readonly hits: readonly LexicalHit[];
  /** Each listed paper's BM25 score. */
  readonly scores: ReadonlyMap<string, number>;
  /** Exact BM25 scores of dense candidates beyond the list, as they are asked for (0: no word matched), so a second pass asks only for new ones. */
  readonly beyond: Map<string, number>;
}

/** Sentence vectors already read for this query, by paper id (a second fusion pass reads only what is new). */
export type SentenceCache = Map<string, readonly Vector[]>;

/** The BM25 side of `text` under `filter`: the best `limit` hits, by paper id. */
export async function lexicalSide(ctx: SearchContext, text: string, filter: PaperFilter, limit: number): Promise<LexicalSide> {
  const hits = await ctx.lexical.search(text, filter, limit);
  const scores = new Map<string, number>();
  for (const hit of hits) {
    const id = ctx.catalog.atLabel(hit.label)?.id;
    if (id !== undefined && !scores.has(id)) scores.set(id, hit.score);
  }
  return { hits, scores, beyond: new Map() };
}

export function isUnfiltered(filter: PaperFilter): boolean {
  return !filter.hasCode && filter.yearFrom === null && filter.yearTo === null && filter.dailyFrom === null && filter.addedFrom === null;
}

/** The scales of both sides for this query over the whole corpus (one more search of each side under a filter). */
async function fusionScale(
  ctx: SearchContext,
  query: { readonly text: string; readonly vector: Vector },
  filter: PaperFilter,
  dense: { readonly candidates: readonly DenseCandidate[]; readonly unfiltered: boolean },
  lexical: readonly LexicalHit[],
): Promise<FusionScale> {
  const unfiltered = isUnfiltered(filter);
  const nearest = unfiltered || dense.unfiltered ? dense.candidates : denseCandidates(ctx, query.vector, NO_FILTER, CANDIDATES);
  const best = unfiltered ? lexical[0] : (await ctx.lexical.search(query.text, NO_FILTER, 1))[0];
  return { denseHigh: nearest[0]?.similarity ?? 0, denseLow: nearest.at(-1)?.similarity ?? 0, lexicalMax: best?.score ?? 0 };
}

/** The query's cosine with a paper's stored vector (read from the graph: only for papers the dense side did not list). */
function exactSimilarity(ctx: SearchContext, vector: Vector, id: string): number | null {
  const paper = ctx.catalog.get(id);
  const stored = paper === undefined ? undefined : ctx.vectors.vector(paper.label);
  return stored === undefined ? null : cosine(vector, stored);
}

/** Every candidate of either side, with its evidence from both: a paper only one side listed is scored exactly on the other. */
async function fusionCandidates(
  ctx: SearchContext,
  vector: Vector,
  dense: readonly DenseCandidate[],
  lexical: ReadonlyMap<string, number>,
  weights: FusionWeights,
  sentences: SentenceCache,
): Promise<FusionCandidate[]> {
  const similarity = new Map(dense.map((c) => [c.id, c.similarity]));
  const ids = [...new Set([...similarity.keys(), ...lexical.keys()])];
  const missing = ids.filter((id) => !sentences.has(id));
  for (const [id, vectors] of await ctx.store.embeddings.sentences(ctx.embedder.modelId, missing)) sentences.set(id, vectors);
  return ids.map((id) => {
    const documentSimilarity = similarity.get(id) ?? exactSimilarity(ctx, vector, id);
    let bestSentence: number | null = null;
    for (const sentence of sentences.get(id) ?? []) bestSentence = Math.max(bestSentence ?? -1, cosine(vector, sentence));
    const evidence = documentSimilarity === null ? null : denseEvidence(documentSimilarity, bestSentence, weights);
    return { id, dense: evidence, lexical: lexical.get(id) ?? 0 };
  });
}

/**
 * Every candidate of either side scored by convex fusion for `query.vector`, with dense `share`. The dense
 * candidates are those of `poolVector` (the query's own vector unless told: a feedback pass re-scores the
 * first pass's candidates, so it reads nothing new from the store). `lexical` is the side's answer under
 * `filter`, cut at FUSION_POOL; a dense candidate beyond it gets its exact BM25 score (kept in `lexical`), so
 * a paper's score never depends on which other papers a filter let in.
 */
export async function fusedScores(
  ctx: SearchContext,
  query: { readonly text: string; readonly vector: Vector; readonly poolVector?: Vector },
  filter: PaperFilter,
  lexical: LexicalSide,
  options: { readonly weights: FusionWeights; readonly share: number; readonly sentences: SentenceCache },
): Promise<Map<string, number>> {
  const own = query.poolVector === undefined || query.poolVector === query.vector;
  const dense = denseCandidates(ctx, query.poolVector ?? query.vector, filter, CANDIDATES);
  const pool = dense.slice(0, FUSION_POOL);
  const unscored = pool.filter((c) => !lexical.scores.has(c.id) && !lexical.beyond.has(c.id)).map((c) => c.id);
  if (lexical.hits.length >= FUSION_POOL && unscored.length > 0) {
    for (const id of unscored) lexical.beyond.set(id, 0);
    const labels = unscored.flatMap((id) => ctx.catalog.get(id)?.label ?? []);
    for (const hit of await ctx.lexical.search(query.text, filter, labels.length, labels)) {
      const id = ctx.catalog.atLabel(hit.label)?.id;
      if (id !== undefined) lexical.beyond.set(id, hit.score);
    }
  }
  const scores = new Map(lexical.scores);
  for (const c of pool) if (!scores.has(c.id)) scores.set(c.id, lexical.beyond.get(c.id) ?? 0);
  // Scored against another vector, the pool's cosines are computed again (from vectors held in memory).
  const scored = own ? pool : pool.map((c) => ({ id: c.id, similarity: exactSimilarity(ctx, query.vector, c.id) ?? c.similarity }));
  const scaleDense = own ? { candidates: dense, unfiltered: false } : { candidates: denseCandidates(ctx, query.vector, NO_FILTER, CANDIDATES), unfiltered: true };
  const scale = await fusionScale(ctx, query, filter, scaleDense, lexical.hits);
  return convexFusion(await fusionCandidates(ctx, query.vector, scored, scores, options.weights, options.sentences), scale, options.share);
}
