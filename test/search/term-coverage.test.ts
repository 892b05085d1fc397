import { describe, expect, it } from 'vitest';
import { termCoverage } from '../../src/search/term-coverage.js';
import { termSet } from '../../src/search/text-terms.js';

const paper = termSet('Overcoming Recency Bias of Normalization Statistics: batch normalization in continual learning, bilevel and person re-identification');

describe('termCoverage', () => {
  it('GIVEN words the paper holds, stemmed THEN they are covered', () => {
    expect(termCoverage('continual learning', paper)).toBe(1);
    expect(termCoverage('normalizing statistics of memes', paper)).toBeCloseTo(2 / 3);
  });

  it('GIVEN a word cut short or two words the paper writes as one THEN they are covered', () => {
    expect(termCoverage('reid', paper)).toBe(1);
    expect(termCoverage('bi level', paper)).toBe(1);
  });

  // "batchnorm" was 0 for the paper writing "batch normalization", so the query that found it was flagged
  // "nothing relevant".
  it('regression: a word the paper writes as two ("batchnorm" / "batch normalization") is covered', () => {
    expect(termCoverage('batchnorm', paper)).toBe(1);
    expect(termCoverage('batchnorm statistics', paper)).toBe(1);
  });

  it('GIVEN a British spelling of a word the paper spells the American way THEN it is covered', () => {
    const american = termSet('post-training quantization of the normalization layers');
    expect(termCoverage('quantisation', american)).toBe(1);
    expect(termCoverage('normalisation layers', american)).toBe(1);
  });

  it('GIVEN a run-together word whose halves the paper does not both hold THEN it is not covered', () => {
    expect(termCoverage('batchformer', paper)).toBe(0);
    expect(termCoverage('recencyx', paper)).toBe(0);
  });

  it('GIVEN only stop words THEN the coverage is 0', () => {
    expect(termCoverage('of the and', paper)).toBe(0);
  });
});
