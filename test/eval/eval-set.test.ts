/**
 * Structural checks on test/eval/eval-set.json, so the judgements cannot rot:
 * every title is a real paper, the split is the documented one and big
 * enough, fact needles really are the answer sentence, code queries point at
 * papers with code. No engine runs here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import type { Paper } from '../../src/corpus/paper.js';
import { splitSentences } from '../../src/search/sentences.js';
import { SEEDS_DIR } from '../support/test-engine.js';
import { TOPIC_KINDS, loadEvalSet, readEvalSet, selectQueries, type EvalQuery, type QueryKind, type Split } from './eval-set.js';
import { DEV_PINNED_IDS, V1_QUERY_IDS, ruleSplits } from './split-rule.js';

/** The minimums ("Search that beats keyword search", §1). */
const MINIMUM_TOTAL = 200;
type Group = QueryKind | 'topic';
const MINIMUM_OVERALL: readonly (readonly [Group, number])[] = [['topic', 120], ['none', 20], ['title', 30], ['fact', 20], ['code', 10]];
const MINIMUM_TEST: readonly (readonly [Group, number])[] = [['topic', 40], ['keyword', 10], ['none', 10], ['title', 15], ['fact', 10], ['code', 5]];

let papers: Paper[];
let queries: EvalQuery[];

beforeAll(async () => {
  papers = (await loadCorpus(SEEDS_DIR)).papers;
  queries = loadEvalSet(papers);
});

function sizeOf(group: Group, split?: Split): number {
  return selectQueries(queries, { split, kind: group === 'topic' ? TOPIC_KINDS : group }).length;
}

function paperOf(q: EvalQuery): Paper {
  const [id] = [...q.grades.keys()];
  const paper = papers.find((p) => p.id === id);
  if (paper === undefined) throw new Error(`${q.id}: judged paper missing`);
  return paper;
}

describe('GIVEN the evaluation set and the real seeds', () => {
  it('THEN every judged title is, exactly, a paper of the corpus and every id is unique', () => {
    expect(papers.length).toBeGreaterThan(200);
    expect(queries.length).toBe(readEvalSet().length);
    expect(new Set(queries.map((q) => q.id)).size).toBe(queries.length);
    for (const q of queries) expect(q.grades.size, q.id).toBe(q.relevant.length);
  });

  it(`THEN it has ≥ ${MINIMUM_TOTAL} queries and the minimum per kind overall and in the test split`, () => {
    expect(queries.length).toBeGreaterThanOrEqual(MINIMUM_TOTAL);
    for (const [group, minimum] of MINIMUM_OVERALL) expect(sizeOf(group), group).toBeGreaterThanOrEqual(minimum);
    for (const [group, minimum] of MINIMUM_TEST) expect(sizeOf(group, 'test'), `test ${group}`).toBeGreaterThanOrEqual(minimum);
  });

  it('THEN every version-1 query (tuned on) is still there, in dev', () => {
    const byId = new Map(queries.map((q) => [q.id, q]));
    expect(V1_QUERY_IDS).toHaveLength(85);
    for (const id of [...V1_QUERY_IDS, ...DEV_PINNED_IDS]) expect(byId.get(id)?.split, id).toBe('dev');
  });

  it('THEN every query is in the split the documented rule gives it, so nobody moved one after seeing results', () => {
    const rule = ruleSplits(queries);
    for (const q of queries) expect(q.split, q.id).toBe(rule.get(q.id));
  });

  it('THEN every fact needle sits in one sentence of its paper and in no other abstract', () => {
    for (const q of selectQueries(queries, { kind: 'fact' })) {
      const paper = paperOf(q);
      const needles = q.answerContains ?? [];
      const sentence = splitSentences(paper.abstract).find((s) => needles.every((n) => s.toLowerCase().includes(n)));
      expect(sentence, `${q.id}: no sentence of "${paper.title}" holds ${needles.join(' + ')}`).toBeDefined();
      for (const other of papers.filter((p) => p.id !== paper.id)) {
        for (const needle of needles) expect(other.abstract.toLowerCase().includes(needle), `${q.id}: "${needle}" also in "${other.title}"`).toBe(false);
      }
    }
  });

  it('THEN every code query asks for a paper whose abstract links to its code', () => {
    const code = selectQueries(queries, { kind: 'code' });
    expect(code.length).toBeGreaterThan(0);
    for (const q of code) expect(paperOf(q).codeLinks.length, q.id).toBeGreaterThan(0);
  });

  it('THEN a none query judges nothing and every other query judges at least one grade-2 paper', () => {
    for (const q of queries) {
      if (q.kind === 'none') expect(q.grades.size, q.id).toBe(0);
      else expect([...q.grades.values()], q.id).toContain(2);
    }
  });
});
