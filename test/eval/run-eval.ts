/**
 * Runs the evaluation set against an engine and scores it. Used by the
 * quality test (thresholds) and by `npm run eval` (the README's table).
 */
import type { PaperEngine } from '../../src/search/engine-types.js';
import type { EvalQuery } from './eval-set.js';
import { mean, ndcgAtK, recallAtK } from './metrics.js';

export const CUTOFF = 10;

export interface RankingScores {
  readonly ndcg: number;
  readonly recall: number;
  /** Per kind of query (topic, title, fact). */
  readonly byKind: Readonly<Record<string, { ndcg: number; recall: number; queries: number }>>;
}

/** nDCG@10 and recall@10 of `about` over every query that has relevant papers. */
export async function scoreRanking(engine: PaperEngine, queries: readonly EvalQuery[]): Promise<RankingScores> {
  const rows: { kind: string; ndcg: number; recall: number }[] = [];
  for (const q of queries.filter((query) => query.grades.size > 0)) {
    const response = await engine.about(q.query, { k: CUTOFF });
    const ranked = response.results.map((hit) => hit.id);
    rows.push({ kind: q.kind, ndcg: ndcgAtK(ranked, q.grades, CUTOFF), recall: recallAtK(ranked, new Set(q.grades.keys()), CUTOFF) });
  }
  const byKind: Record<string, { ndcg: number; recall: number; queries: number }> = {};
  for (const kind of new Set(rows.map((row) => row.kind))) {
    const own = rows.filter((row) => row.kind === kind);
    byKind[kind] = { ndcg: mean(own.map((r) => r.ndcg)), recall: mean(own.map((r) => r.recall)), queries: own.length };
  }
  return { ndcg: mean(rows.map((r) => r.ndcg)), recall: mean(rows.map((r) => r.recall)), byKind };
}

export interface BehaviourScores {
  /** `none` queries flagged lowConfidence. */
  readonly noneFlagged: number;
  readonly noneTotal: number;
  /** Answerable queries wrongly flagged lowConfidence. */
  readonly falseLow: number;
  readonly answerableTotal: number;
  /** `title` queries whose title() lookup returns the right paper. */
  readonly titleHits: number;
  readonly titleTotal: number;
  /** `fact` queries whose ask() answer quotes the sentence holding the answer. */
  readonly answerHits: number;
  readonly factTotal: number;
}

export async function scoreBehaviour(engine: PaperEngine, queries: readonly EvalQuery[]): Promise<BehaviourScores> {
  let noneFlagged = 0;
  let falseLow = 0;
  let titleHits = 0;
  let answerHits = 0;
  for (const q of queries) {
    const about = await engine.about(q.query, { k: CUTOFF });
    if (q.kind === 'none' && about.lowConfidence) noneFlagged++;
    if (q.kind !== 'none' && about.lowConfidence) falseLow++;
    if (q.kind === 'title' && q.grades.has(engine.title(q.query).match?.id ?? '')) titleHits++;
    if (q.kind === 'fact') {
      const answer = (await engine.ask(q.query)).answer ?? [];
      const needles = q.answerContains ?? [];
      if (answer.some((s) => q.grades.has(s.paperId) && needles.every((n) => s.text.toLowerCase().includes(n)))) answerHits++;
    }
  }
  const count = (kind: string) => queries.filter((q) => q.kind === kind).length;
  return {
    noneFlagged,
    noneTotal: count('none'),
    falseLow,
    answerableTotal: queries.length - count('none'),
    titleHits,
    titleTotal: count('title'),
    answerHits,
    factTotal: count('fact'),
  };
}
