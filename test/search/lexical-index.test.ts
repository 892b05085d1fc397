import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import type { Paper } from '../../src/corpus/paper.js';
import { createLexicalIndex, type LexicalIndex } from '../../src/search/lexical-index.js';
import { SEEDS_DIR } from '../support/test-engine.js';

const TWIN_MERGING = '5317efeea810';
const BRANCH_TRAIN_MERGE = '1d9893fda5f5';

let papers: readonly Paper[];
let lexical: LexicalIndex;
beforeAll(async () => {
  papers = (await loadCorpus(SEEDS_DIR)).papers;
  lexical = createLexicalIndex(papers);
});

const ids = (query: string, limit = 1000): string[] => lexical.search(query, limit).map((hit) => hit.id);

describe('BM25 lexical index over the real seeds', () => {
  it('GIVEN "merging" THEN the two papers with it in their title lead, best score first', () => {
    const hits = lexical.search('merging', 10);
    expect(hits.slice(0, 2).map((h) => h.id)).toEqual([TWIN_MERGING, BRANCH_TRAIN_MERGE]);
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('GIVEN inflections "merge", "merged", "merging" THEN they find the same papers (stemming)', () => {
    expect(ids('merge').sort()).toEqual(ids('merging').sort());
    expect(ids('merged').sort()).toEqual(ids('merging').sort());
  });

  it('GIVEN a typo in a long word ("transfomers", "distilation") THEN the same papers as the right spelling', () => {
    expect(ids('transfomers').sort()).toEqual(ids('transformers').sort());
    expect(ids('distilation').sort()).toEqual(ids('distillation').sort());
    expect(ids('distillation').length).toBeGreaterThan(0);
  });

  it('GIVEN a short word THEN there is no fuzzy matching ("lorb" is not "lora")', () => {
    expect(ids('lora').length).toBeGreaterThan(0);
    expect(ids('lorb')).toEqual([]);
  });

  it.each([
    ['continual', /continual/i],
    ['quantization', /quantiz/i],
  ])('GIVEN "%s" THEN every paper with it in the title outranks those with it only in the abstract (title boost)', (query, inTitle) => {
    const hits = ids(query, 100);
    const titled = papers.filter((p) => inTitle.test(p.title)).map((p) => p.id);
    expect(titled.length).toBeGreaterThan(2);
    expect(hits.length).toBeGreaterThan(titled.length);
    expect(hits.slice(0, titled.length).sort()).toEqual([...titled].sort());
  });

  it('GIVEN only stop words, punctuation or nothing THEN there are no hits', () => {
    expect(ids('the of and')).toEqual([]);
    expect(ids('')).toEqual([]);
    expect(ids('?!')).toEqual([]);
  });

  it('GIVEN a limit THEN at most that many hits, the best ones', () => {
    expect(ids('model merging', 3)).toEqual(ids('model merging').slice(0, 3));
    expect(ids('model merging', 0)).toEqual([]);
  });
});
