/**
 * Retrieval quality guard: fails when a change makes search worse than what
 * was measured (README, "Quality"). Thresholds sit a little below the
 * measured values so only a real regression trips them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { createEmbedder, createEngine } from '../../src/search/create-engine.js';
import type { PaperEngine } from '../../src/search/engine-types.js';
import { testConfig } from '../support/test-engine.js';
import { loadEvalSet, type EvalQuery } from './eval-set.js';
import { scoreBehaviour, scoreRanking, type BehaviourScores, type RankingScores } from './run-eval.js';

let queries: EvalQuery[];
const scores: Record<'lexical' | 'dense' | 'hybrid', RankingScores | undefined> = { lexical: undefined, dense: undefined, hybrid: undefined };
let hybrid: PaperEngine;
let behaviour: BehaviourScores;

beforeAll(async () => {
  const embedder = await createEmbedder(testConfig());
  for (const mode of ['lexical', 'dense', 'hybrid'] as const) {
    const engine = await createEngine(testConfig(), silentLogger, { embedder, mode });
    queries ??= loadEvalSet(engine.papers);
    scores[mode] = await scoreRanking(engine, queries);
    if (mode === 'hybrid') hybrid = engine;
  }
  behaviour = await scoreBehaviour(hybrid, queries);
}, 300_000);

describe('GIVEN the hand-judged evaluation set', () => {
  it('THEN it is big enough to mean something (≥ 40 queries of every kind)', () => {
    expect(queries.length).toBeGreaterThanOrEqual(40);
    for (const kind of ['topic', 'title', 'fact', 'none']) expect(queries.some((q) => q.kind === kind)).toBe(true);
  });

  it('THEN hybrid ranking keeps nDCG@10 ≥ 0.82 and recall@10 ≥ 0.82 (measured 0.850 / 0.850)', () => {
    expect(scores.hybrid!.ndcg).toBeGreaterThanOrEqual(0.82);
    expect(scores.hybrid!.recall).toBeGreaterThanOrEqual(0.82);
  });

  it('THEN hybrid beats both BM25-only and dense-only on nDCG@10', () => {
    expect(scores.hybrid!.ndcg).toBeGreaterThan(scores.lexical!.ndcg);
    expect(scores.hybrid!.ndcg).toBeGreaterThan(scores.dense!.ndcg);
  });

  it('THEN paraphrased topic questions keep nDCG@10 ≥ 0.68 (measured 0.718)', () => {
    expect(scores.hybrid!.byKind.topic!.ndcg).toBeGreaterThanOrEqual(0.68);
  });

  it('THEN title lookup finds the right paper for ≥ 16 of 17 title queries (typos, acronyms, partial titles)', () => {
    expect(behaviour.titleHits).toBeGreaterThanOrEqual(16);
  });

  it('THEN ask() quotes the answering sentence for ≥ 14 of 21 fact questions (measured 16)', () => {
    expect(behaviour.answerHits).toBeGreaterThanOrEqual(14);
  });

  it('THEN no answerable query is flagged low-confidence, and ≥ 3 of 8 no-answer queries are (measured 4)', () => {
    expect(behaviour.falseLow).toBe(0);
    expect(behaviour.noneFlagged).toBeGreaterThanOrEqual(3);
  });

  it('THEN "protein folding with AlphaFold" is flagged low-confidence and "model merging" is not', async () => {
    expect((await hybrid.about('protein folding with AlphaFold')).lowConfidence).toBe(true);
    expect((await hybrid.about('model merging')).lowConfidence).toBe(false);
  });
});
