import { describe, expect, it } from 'vitest';
import { processTerm, termSet, tokenize } from '../../src/search/text-terms.js';

describe('tokenize', () => {
  it('GIVEN hyphens, markdown, percentages and accents THEN it splits on anything not a letter or digit, lower-cased', () => {
    expect(tokenize('Fine-tuning **LLMs** on 0.46% of GPUs: Café naïve')).toEqual([
      'fine',
      'tuning',
      'llms',
      'on',
      '0',
      '46',
      'of',
      'gpus',
      'café',
      'naïve',
    ]);
  });

  it('GIVEN non-Latin scripts THEN their letters are kept as words', () => {
    expect(tokenize('日本語 Überall')).toEqual(['日本語', 'überall']);
  });

  it('GIVEN no letters or digits THEN there are no tokens', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('😀 — **')).toEqual([]);
  });
});

describe('processTerm', () => {
  it('GIVEN inflections of one word THEN they stem to the same term, so "merging" finds "merge"', () => {
    expect(processTerm('merging')).toBe(processTerm('merge'));
    expect(processTerm('merged')).toBe(processTerm('merges'));
  });

  it('GIVEN a stop word, in any case THEN it is dropped (null)', () => {
    for (const word of ['the', 'The', 'of', 'Papers', 'approach', 'proposed', 'using']) expect(processTerm(word)).toBeNull();
  });

  it('GIVEN a number or a word with digits THEN it is kept as is (not stemmed)', () => {
    expect(processTerm('2024')).toBe('2024');
    expect(processTerm('GPT4')).toBe('gpt4');
    expect(processTerm('bert2bert')).toBe('bert2bert');
  });
});

describe('termSet', () => {
  it('GIVEN a real question THEN its distinct topic terms remain, stop words gone and inflections merged', () => {
    expect([...termSet('How do the proposed methods merge models? Model merging merges models.')].sort()).toEqual(['merg', 'model']);
  });

  it('GIVEN only stop words or nothing THEN the set is empty', () => {
    expect(termSet('').size).toBe(0);
    expect(termSet('What is the paper about, and how does it do this?').size).toBe(0);
  });
});
