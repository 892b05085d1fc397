/**
 * Hybrid ranking: dense (HNSW) and BM25 candidates, each paper scored on both
 * sides and fused by score (score-fusion.ts), with an exact or near-exact title
 * match always first. Filters are applied inside both retrievals, so a
 * filtered query ranks every matching paper, and the scales are the
 * unfiltered corpus's, so filtering never reorders what it keeps.
 */
import { cosine, type Vector } from '../embedding/embedder.js';
import type { LexicalHit, PaperFilter } from '../store/store.js';
import { acceptsPaper, NO_FILTER } from './catalog.js';
import { reciprocalRankFusion, rankByScore } from './fusion.js';
import { convexFusion, DEFAULT_WEIGHTS, denseEvidence, denseShare, type FusionCandidate, type FusionScale, type FusionWeights } from './score-fusion.js';
import type { SearchContext } from './search-context.js';

export { DEFAULT_WEIGHTS, type FusionWeights } from './score-fusion.js';

/** How many candidates each side retrieves: far more than anyone pages through. */
export const CANDIDATES = 100;
/**
 * How many of each side's best enter score fusion, each then scored exactly on both sides (its sentence
 * vectors read from the store: the cost of a query grows with this). Pages hold at most 50; on the dev split
 * nDCG@10 is the same for pools of 20 to 100.
 */
export const FUSION_POOL = 50;
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

export interface DenseCandidate {
  readonly id: string;
  /** Cosine similarity between the query and the paper. */
  readonly similarity: number;
}

/** Dense candidates, best first. */
export function denseCandidates(ctx: SearchContext, vector: Vector, filter: PaperFilter, limit: number, exclude?: string): DenseCandidate[] {
  const { catalog, vectors } = ctx;
  const passing = catalog.matching(filter) - (exclude === undefined ? 0 : 1);
  // Only when the filter itself leaves papers out: `similar` excludes its own paper, which is no reason to read every
  // vector out of the graph (each read copies 384 numbers across N-API: 10 ms for 210 papers).
  const selective = passing < catalog.size - (exclude === undefined ? 0 : 1);
  if (passing <= EXACT_FIRST_MAX && selective) return exactCandidates(ctx, vector, filter, limit, exclude);
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

/** Words as typed (a hyphenated compound is one): how long a query is, for the fusion's dense share. */
export function queryWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

function isUnfiltered(filter: PaperFilter): boolean {
  return !filter.hasCode && filter.yearFrom === null && filter.yearTo === null && filter.dailyFrom === null && filter.addedFrom === null;
}

/** The scales of both sides for this query over the whole corpus (one more search of each side under a filter). */
async function fusionScale(
  ctx: SearchContext,
  query: { readonly text: string; readonly vector: Vector },
  filter: PaperFilter,
  dense: readonly DenseCandidate[],
  lexical: readonly LexicalHit[],
): Promise<FusionScale> {
  const unfiltered = isUnfiltered(filter);
  const nearest = unfiltered ? dense : denseCandidates(ctx, query.vector, NO_FILTER, CANDIDATES);
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
): Promise<FusionCandidate[]> {
  const similarity = new Map(dense.map((c) => [c.id, c.similarity]));
  const ids = [...new Set([...similarity.keys(), ...lexical.keys()])];
  const sentences = await ctx.store.embeddings.sentences(ctx.embedder.modelId, ids);
  return ids.map((id) => {
    const documentSimilarity = similarity.get(id) ?? exactSimilarity(ctx, vector, id);
    let bestSentence: number | null = null;
    for (const sentence of sentences.get(id) ?? []) bestSentence = Math.max(bestSentence ?? -1, cosine(vector, sentence));
    const evidence = documentSimilarity === null ? null : denseEvidence(documentSimilarity, bestSentence, weights);
    return { id, dense: evidence, lexical: lexical.get(id) ?? 0 };
  });
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

export async function rankPapers(
  ctx: SearchContext,
  query: { readonly text: string; readonly vector: Vector | null },
  filter: PaperFilter,
  mode: RankMode = 'hybrid',
  weights: FusionWeights = DEFAULT_WEIGHTS,
): Promise<Ranking> {
  const dense = mode === 'lexical' || query.vector === null ? [] : denseCandidates(ctx, query.vector, filter, CANDIDATES);
  const scoreFusion = mode === 'hybrid' && query.vector !== null;
  const pool = scoreFusion ? dense.slice(0, FUSION_POOL) : dense;
  // With score fusion, the dense candidates beyond BM25's own list still get their exact BM25 scores (read in
  // the same search), so a paper's score never depends on which other papers a filter let in.
  const alsoScore = scoreFusion ? pool.flatMap((c) => ctx.catalog.get(c.id)?.label ?? []) : undefined;
  const hits = mode === 'dense' ? [] : await ctx.lexical.search(query.text, filter, scoreFusion ? FUSION_POOL : CANDIDATES, alsoScore);
  const lexical = new Map<string, number>();
  for (const hit of hits) {
    const id = ctx.catalog.atLabel(hit.label)?.id;
    if (id !== undefined && !lexical.has(id)) lexical.set(id, hit.score);
  }
  const lexicalIds = [...lexical.keys()];
  let fused: Map<string, number>;
  if (mode === 'dense') fused = new Map(dense.map((c) => [c.id, c.similarity]));
  else if (mode === 'lexical') fused = lexical;
  else if (mode === 'rrf' || query.vector === null) fused = rankFusion(ctx, dense.map((c) => c.id), lexicalIds, query.vector !== null);
  else {
    const vector = query.vector;
    const scale = await fusionScale(ctx, { text: query.text, vector }, filter, dense, hits);
    fused = convexFusion(await fusionCandidates(ctx, vector, pool, lexical, weights), scale, denseShare(queryWords(query.text), weights));
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
