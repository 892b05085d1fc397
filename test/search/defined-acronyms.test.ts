import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { definedAcronyms } from '../../src/search/defined-acronyms.js';
import { SEEDS_DIR } from '../support/test-engine.js';

describe('definedAcronyms', () => {
  it('GIVEN the NGCF seed abstract THEN its own acronym and the others it defines are read, folded and lower-cased', async () => {
    const { papers } = await loadCorpus(SEEDS_DIR);
    const ngcf = papers.find((p) => p.title === 'Neural Graph Collaborative Filtering');
    expect(ngcf).toBeDefined();
    expect(definedAcronyms(ngcf!.abstract)).toContain('ngcf');
  });

  it('GIVEN capitals with a hyphen or a plural THEN they are one word ("AIO-P" → "aiop", "LLMs" → "llms")', () => {
    expect(definedAcronyms('a novel All-in-One Predictor (AIO-P) for large language models (LLMs).')).toEqual(['aiop', 'llms']);
  });

  it('GIVEN a bracket that is an aside, a number, one capital, two letters or too long THEN nothing is read', () => {
    const text = 'as shown (see below), in 2019 (2019), a bound (Theorem), continual learning (CL), (ABCDEFGHIJKLMNOPQRSTU), (NGCF et al.)';
    expect(definedAcronyms(text)).toEqual([]);
  });

  it('GIVEN the same acronym twice THEN it is listed once', () => {
    expect(definedAcronyms('Latent Label Shift (LLS) … under LLS (LLS)')).toEqual(['lls']);
  });
});
