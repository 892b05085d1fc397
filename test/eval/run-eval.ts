/**
 * Runs the evaluation set against an engine through its public API only
 * (`about`, `title`, `ask`) and scores it, per split. Used by the quality
 * test (thresholds) and by `npm run eval` (the tables).
 */
import type { PaperEngine } from '../../src/search/engine-types.js';
import { TOPIC_KINDS, selectQueries, type EvalQuery, type QueryKind, type Split } from './eval-set.js';
import { mean, ndcgAtK, recallAtK } from './metrics.js';

export const CUTOFF = 10;
/** A single-paper question is answered when its paper is in the top 3: what a user reads without scrolling. */
export const SINGLE_TOP = 3;

/** Kinds that judge papers relevant, so have a ranking to score. */
export type RankedKind = Exclude<QueryKind, 'none'>;

export interface RankingFigures {
  readonly ndcg: number;
  readonly recall: number;
  readonly queries: number;
}

export interface Count {
  readonly hits: number;
  readonly total: number;
}

export interface EvalReport {
  /** nDCG@10 and recall@10 of `about`, per kind of query that has relevant papers. */
  readonly byKind: Readonly<Partial<Record<RankedKind, RankingFigures>>>;
  /** The topic kinds (single, broad, keyword) together, one row per query. */
  readonly topic: RankingFigures;
  /** `single` queries whose one paper `about` ranks in the top {@link SINGLE_TOP}. */
  readonly singleTop: Count;
  /** `none` queries that `about` flags lowConfidence. */
  readonly noneFlagged: Count;
  /** Answerable queries (every kind but none) that `about` wrongly flags lowConfidence. */
  readonly wronglyFlagged: Count;
  /** `title` queries whose `title()` match is the right paper. */
  readonly titleTop1: Count;
  /** `fact` queries whose `ask()` answer quotes, from the right paper, a sentence holding every answerContains needle. */
  readonly factQuoted: Count;
}

interface RankingRow {
  readonly kind: RankedKind;
  readonly ndcg: number;
  readonly recall: number;
}

function figures(rows: readonly RankingRow[]): RankingFigures {
  return { ndcg: mean(rows.map((r) => r.ndcg)), recall: mean(rows.map((r) => r.recall)), queries: rows.length };
}

async function quotesAnswer(engine: PaperEngine, q: EvalQuery): Promise<boolean> {
  const answer = (await engine.ask(q.query)).answer ?? [];
  const needles = q.answerContains ?? [];
  return answer.some((s) => q.grades.has(s.paperId) && needles.every((n) => s.text.toLowerCase().includes(n)));
}

/** Scores `queries` (normally one split) on `engine`. */
export async function evaluate(engine: PaperEngine, queries: readonly EvalQuery[]): Promise<EvalReport> {
  const rows: RankingRow[] = [];
  let singleTop = 0;
  let noneFlagged = 0;
  let wronglyFlagged = 0;
  let titleTop1 = 0;
  let factQuoted = 0;
  for (const q of queries) {
    const response = await engine.about(q.query, { k: CUTOFF });
    const ranked = response.results.map((hit) => hit.id);
    if (q.kind === 'none') {
      if (response.lowConfidence) noneFlagged++;
      continue;
    }
    if (response.lowConfidence) wronglyFlagged++;
    rows.push({ kind: q.kind, ndcg: ndcgAtK(ranked, q.grades, CUTOFF), recall: recallAtK(ranked, new Set(q.grades.keys()), CUTOFF) });
    if (q.kind === 'single' && ranked.slice(0, SINGLE_TOP).some((id) => q.grades.has(id))) singleTop++;
    if (q.kind === 'title' && q.grades.has((await engine.title(q.query)).match?.id ?? '')) titleTop1++;
    if (q.kind === 'fact' && (await quotesAnswer(engine, q))) factQuoted++;
  }
  const byKind: Partial<Record<RankedKind, RankingFigures>> = {};
  for (const kind of new Set(rows.map((row) => row.kind))) byKind[kind] = figures(rows.filter((row) => row.kind === kind));
  const count = (kind: QueryKind) => queries.filter((q) => q.kind === kind).length;
  const topicKinds: readonly QueryKind[] = TOPIC_KINDS;
  return {
    byKind,
    topic: figures(rows.filter((row) => topicKinds.includes(row.kind))),
    singleTop: { hits: singleTop, total: count('single') },
    noneFlagged: { hits: noneFlagged, total: count('none') },
    wronglyFlagged: { hits: wronglyFlagged, total: queries.length - count('none') },
    titleTop1: { hits: titleTop1, total: count('title') },
    factQuoted: { hits: factQuoted, total: count('fact') },
  };
}

/** {@link evaluate} on each split separately: figures on dev (tuned on) and test (held out) must never be mixed. */
export async function evaluateSplits(engine: PaperEngine, queries: readonly EvalQuery[]): Promise<Record<Split, EvalReport>> {
  // One after the other, not Promise.all: the engine embeds queries on this thread either way.
  return {
    dev: await evaluate(engine, selectQueries(queries, { split: 'dev' })),
    test: await evaluate(engine, selectQueries(queries, { split: 'test' })),
  };
}
