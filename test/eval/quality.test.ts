/**
 * Retrieval quality guard: fails when a change makes search worse than what
 * was measured on the held-out TEST split (test/eval/README.md). Thresholds
 * sit a little below the measured values (0.02 for rates, one query for
 * counts) so only a real regression trips them. The engine was tuned on the
 * dev split; re-tune there, then tighten these.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { silentLogger } from '../../src/logger.js';
import { createEmbedder, createEngine } from '../../src/search/create-engine.js';
import type { PaperEngine } from '../../src/search/engine-types.js';
import type { RankMode } from '../../src/search/rank.js';
import { SEEDS_DIR, testConfig } from '../support/test-engine.js';
import { loadEvalSet, type Split } from './eval-set.js';
import { evaluateSplits, type EvalReport } from './run-eval.js';

const reports = new Map<RankMode, Record<Split, EvalReport>>();
let hybrid: PaperEngine;

beforeAll(async () => {
  const queries = loadEvalSet((await loadCorpus(SEEDS_DIR)).papers);
  const embedder = await createEmbedder(testConfig(), silentLogger);
  for (const mode of ['lexical', 'dense', 'hybrid'] as const) {
    const engine = await createEngine(testConfig(), silentLogger, { embedder, mode });
    reports.set(mode, await evaluateSplits(engine, queries));
    if (mode === 'hybrid') hybrid = engine;
  }
}, 300_000);

function report(mode: RankMode, split: Split): EvalReport {
  const found = reports.get(mode)?.[split];
  if (found === undefined) throw new Error(`no ${mode} report for ${split}`);
  return found;
}

describe('GIVEN the held-out test split of the evaluation set', () => {
  const heldOut = () => report('hybrid', 'test');

  it('THEN hybrid topic questions keep nDCG@10 ≥ 0.80 and recall@10 ≥ 0.86 (measured 0.827 / 0.882)', () => {
    expect(heldOut().topic.ndcg).toBeGreaterThanOrEqual(0.8);
    expect(heldOut().topic.recall).toBeGreaterThanOrEqual(0.86);
  });

  it('THEN hybrid nDCG@10 per kind holds: single ≥ 0.89, broad ≥ 0.71, keyword ≥ 0.76 (measured 0.915 / 0.735 / 0.785)', () => {
    expect(heldOut().byKind.single?.ndcg).toBeGreaterThanOrEqual(0.89);
    expect(heldOut().byKind.broad?.ndcg).toBeGreaterThanOrEqual(0.71);
    expect(heldOut().byKind.keyword?.ndcg).toBeGreaterThanOrEqual(0.76);
  });

  it('THEN code, title and fact questions keep nDCG@10 ≥ 0.98 / 0.98 / 0.95 (measured 1.000 / 1.000 / 0.979)', () => {
    expect(heldOut().byKind.code?.ndcg).toBeGreaterThanOrEqual(0.98);
    expect(heldOut().byKind.title?.ndcg).toBeGreaterThanOrEqual(0.98);
    expect(heldOut().byKind.fact?.ndcg).toBeGreaterThanOrEqual(0.95);
  });

  it('THEN ≥ 21 of 24 single-paper questions rank their paper in the top 3 (measured 22)', () => {
    expect(heldOut().singleTop.hits).toBeGreaterThanOrEqual(21);
  });

  it('THEN title lookup finds the right paper for ≥ 18 of 20 title queries (measured 19)', () => {
    expect(heldOut().titleTop1.hits).toBeGreaterThanOrEqual(18);
  });

  it('THEN ask() quotes the answering sentence for ≥ 14 of 18 fact questions (measured 15)', () => {
    expect(heldOut().factQuoted.hits).toBeGreaterThanOrEqual(14);
  });

  it('THEN ≥ 5 of 13 no-answer queries are flagged low-confidence and ≤ 8 of 105 answerable ones are (measured 6 / 7)', () => {
    expect(heldOut().noneFlagged.hits).toBeGreaterThanOrEqual(5);
    expect(heldOut().wronglyFlagged.hits).toBeLessThanOrEqual(8);
  });

  it('THEN hybrid beats dense-only on topic nDCG@10 (measured 0.827 vs 0.682)', () => {
    expect(heldOut().topic.ndcg).toBeGreaterThan(report('dense', 'test').topic.ndcg);
  });

  it('regression: hybrid beats BM25-only on topic nDCG@10 (measured 0.927 vs 0.889; rank fusion gave 0.833)', () => {
    expect(heldOut().topic.ndcg).toBeGreaterThan(report('lexical', 'test').topic.ndcg);
  });
});

describe('GIVEN the dev split (the engine was tuned on it)', () => {
  it('THEN hybrid still beats both BM25-only and dense-only on topic nDCG@10 (measured 0.764 vs 0.711 / 0.687)', () => {
    const dev = (mode: RankMode) => report(mode, 'dev').topic.ndcg;
    expect(dev('hybrid')).toBeGreaterThan(dev('lexical'));
    expect(dev('hybrid')).toBeGreaterThan(dev('dense'));
  });
});

describe('GIVEN two hand-picked queries', () => {
  it('THEN "protein folding with AlphaFold" is flagged low-confidence and "model merging" is not', async () => {
    expect((await hybrid.about('protein folding with AlphaFold')).lowConfidence).toBe(true);
    expect((await hybrid.about('model merging')).lowConfidence).toBe(false);
  });
});
