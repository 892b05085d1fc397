import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { ownAcronyms } from '../../src/search/defined-acronyms.js';
import { SEEDS_DIR } from '../support/test-engine.js';

describe('ownAcronyms', () => {
  it('GIVEN seed abstracts THEN the acronym each defines for its own title is read ("NGCF", "LoDD", "TLEG")', async () => {
    const { papers } = await loadCorpus(SEEDS_DIR);
    const of = (title: string) => {
      const paper = papers.find((p) => p.title.startsWith(title));
      expect(paper, title).toBeDefined();
      return ownAcronyms(paper!.title, paper!.abstract);
    };
    expect(of('Neural Graph Collaborative Filtering')).toContain('ngcf');
    expect(of('A Robust and Efficient Boundary Point Detection')).toContain('lodd');
    expect(of('Transformer as Linear Expansion of Learngene')).toContain('tleg');
  });

  // "the gnn" named "Mind The Gap: Deep Learning Doesn't Learn Deeply", whose abstract mentions graph neural networks.
  it('regression: an acronym the abstract defines for something its title does not name is not the paper\'s', async () => {
    const { papers } = await loadCorpus(SEEDS_DIR);
    const gap = papers.find((p) => p.title.startsWith('Mind The Gap'))!;
    expect(gap.abstract).toMatch(/\(GNNs?\)/);
    expect(ownAcronyms(gap.title, gap.abstract)).not.toContain('gnns');
    expect(ownAcronyms('Deep Model Assembling', 'outperforms end-to-end (E2E) training')).toEqual([]);
  });

  it('GIVEN capitals with a hyphen, a caret or a plural THEN they are one word ("AIO-P" → "aiop", "BT^2" → "bt2")', () => {
    const title = 'All-in-One Predictor for Backward Transformation with Large Language Models';
    const abstract = 'an All-in-One Predictor (AIO-P), a Backward Transformation (BT^2) and large language models (LLMs).';
    expect(ownAcronyms(title, abstract)).toEqual(['aiop', 'bt2', 'llms']);
  });

  it('GIVEN a bracket that is an aside, a number, one capital, two letters or too long THEN nothing is read', () => {
    const title = 'Continual Learning Bounds';
    const text = 'as shown (see below), in 2019 (2019), a bound (Theorem), continual learning (CL), bounds (ABCDEFGHIJKLMNOPQRSTU), (NGCF et al.)';
    expect(ownAcronyms(title, text)).toEqual([]);
  });

  it('GIVEN the same acronym twice THEN it is listed once', () => {
    expect(ownAcronyms('Latent Label Shift', 'Latent Label Shift (LLS) … under Latent Label Shift (LLS)')).toEqual(['lls']);
  });
});
