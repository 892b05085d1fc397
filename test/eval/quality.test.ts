/**
 * Retrieval quality guard: fails when a change makes search worse than what
 * was measured (test/eval/README.md). Figures are read per split; so far every
 * query is in dev, the set the engine was tuned on.
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
  const embedder = await createEmbedder(testConfig());
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

describe('GIVEN the dev split of the evaluation set (the version-1 queries)', () => {
  const dev = () => report('hybrid', 'dev');

  it('THEN paraphrased topic questions keep nDCG@10 ≥ 0.68 (measured 0.719)', () => {
    expect(dev().topic.ndcg).toBeGreaterThanOrEqual(0.68);
  });

  it('THEN hybrid beats both BM25-only and dense-only on topic nDCG@10', () => {
    expect(dev().topic.ndcg).toBeGreaterThan(report('lexical', 'dev').topic.ndcg);
    expect(dev().topic.ndcg).toBeGreaterThan(report('dense', 'dev').topic.ndcg);
  });

  it('THEN title lookup finds the right paper for ≥ 16 of 17 title queries (typos, acronyms, partial titles)', () => {
    expect(dev().titleTop1.hits).toBeGreaterThanOrEqual(16);
  });

  it('THEN ask() quotes the answering sentence for ≥ 14 of 21 fact questions (measured 16)', () => {
    expect(dev().factQuoted.hits).toBeGreaterThanOrEqual(14);
  });

  it('THEN no answerable query is flagged low-confidence, and ≥ 3 of 8 no-answer queries are (measured 4)', () => {
    expect(dev().wronglyFlagged.hits).toBe(0);
    expect(dev().noneFlagged.hits).toBeGreaterThanOrEqual(3);
  });
});

describe('GIVEN two hand-picked queries', () => {
  it('THEN "protein folding with AlphaFold" is flagged low-confidence and "model merging" is not', async () => {
    expect((await hybrid.about('protein folding with AlphaFold')).lowConfidence).toBe(true);
    expect((await hybrid.about('model merging')).lowConfidence).toBe(false);
  });
});
