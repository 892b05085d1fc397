/**
 * Retrieval quality of the ensemble option (EMBEDDING_MODEL = bge-small +
 * all-MiniLM-L6-v2) on the held-out TEST split: the targets the README says
 * it meets, and the figures of those it misses (floors 0.001 below, counts
 * exact). Its own store, built here once (about two minutes on two cores).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { silentLogger } from '../../src/logger.js';
import { BGE_MINILM_ENSEMBLE } from '../../src/search/calibration.js';
import { createEmbedder, createEngine } from '../../src/search/create-engine.js';
import type { RankMode } from '../../src/search/rank.js';
import { REPO_ROOT, SEEDS_DIR, testConfig } from '../support/test-engine.js';
import { loadEvalSet, selectQueries } from './eval-set.js';
import { evaluate, type EvalReport } from './run-eval.js';

/** Survives between local runs, like the shared store (gitignored). */
const ENSEMBLE_DATA_DIR = path.join(REPO_ROOT, '.cache', 'test-data-ensemble');
const reports = new Map<RankMode, EvalReport>();

beforeAll(async () => {
  const config = testConfig({ DATA_DIR: ENSEMBLE_DATA_DIR, EMBEDDING_MODEL: BGE_MINILM_ENSEMBLE });
  const queries = selectQueries(loadEvalSet((await loadCorpus(SEEDS_DIR)).papers), { split: 'test' });
  const embedder = await createEmbedder(config, silentLogger);
  try {
    for (const mode of ['lexical', 'hybrid'] as const) {
      const engine = await createEngine(config, silentLogger, { embedder, mode });
      await engine.indexed();
      reports.set(mode, await evaluate(engine, queries));
      await engine.close();
    }
  } finally {
    await embedder.close();
  }
}, 600_000);

const report = (mode: RankMode): EvalReport => {
  const found = reports.get(mode);
  if (found === undefined) throw new Error(`no ${mode} report`);
  return found;
};

describe('GIVEN the ensemble option on the held-out test split', () => {
  it('THEN hybrid topic nDCG@10 beats BM25-only by ≥ 0.06 (target met: 0.938 vs 0.876)', () => {
    expect(report('hybrid').topic.ndcg - report('lexical').topic.ndcg).toBeGreaterThanOrEqual(0.06);
    expect(report('hybrid').topic.ndcg).toBeGreaterThanOrEqual(0.937);
  });

  it('THEN keyword nDCG@10 is at least BM25-only\'s (target met: 0.971 vs 0.966)', () => {
    expect(report('hybrid').byKind.keyword!.ndcg).toBeGreaterThanOrEqual(report('lexical').byKind.keyword!.ndcg);
  });

  it('THEN broad nDCG@10 holds at ≥ 0.805 (target 0.85 MISSED: 0.806)', () => {
    expect(report('hybrid').byKind.broad!.ndcg).toBeGreaterThanOrEqual(0.805);
  });

  it('THEN ≥ 9 of 13 no-answer queries are flagged (target 80 % MISSED: 9 of 13) with ≤ 5 % of answerable ones (met: 1 of 105)', () => {
    expect(report('hybrid').noneFlagged.hits).toBeGreaterThanOrEqual(9);
    const { hits, total } = report('hybrid').wronglyFlagged;
    expect(hits / total).toBeLessThanOrEqual(0.05);
  });

  it('THEN single-paper questions have their paper in the top 3 (24 of 24) and facts are quoted (17 of 18)', () => {
    const single = report('hybrid').singleTop;
    expect(single.hits / single.total).toBeGreaterThanOrEqual(0.9);
    const facts = report('hybrid').factQuoted;
    expect(facts.hits / facts.total).toBeGreaterThanOrEqual(0.9);
  });
});
