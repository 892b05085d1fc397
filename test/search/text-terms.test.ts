import { describe, expect, it } from 'vitest';
import { americanSpelling, americanVariants, compoundTokens, lexicalTerms, processTerm, termSet, tokenize } from '../../src/search/text-terms.js';

describe('tokenize', () => {
  it('GIVEN hyphens, markdown, percentages and accents THEN it splits on anything not a letter or digit, lower-cased, accents folded', () => {
    expect(tokenize('Fine-tuning **LLMs** on 0.46% of GPUs: Café naïve')).toEqual([
      'fine',
      'tuning',
      'llms',
      'on',
      '0',
      '46',
      'of',
      'gpus',
      'cafe',
      'naive',
    ]);
  });

  it('GIVEN non-Latin scripts THEN their letters are kept as words (Latin accents folded)', () => {
    expect(tokenize('日本語 Überall 한국어')).toEqual(['日本語', 'uberall', '한국어']);
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

describe('compounds', () => {
  it('GIVEN hyphenated and letter–digit compounds THEN each is its parts and then one word', () => {
    expect(compoundTokens('Split-CIFAR100 t-SNE MS~MARCO')).toEqual(['split', 'cifar', '100', 'splitcifar100', 't', 'sne', 'tsne', 'ms', 'marco', 'msmarco']);
  });

  it('GIVEN a range of numbers ("2-3") THEN its numbers stay apart, not one word', () => {
    expect(compoundTokens('2-3 layers')).toEqual(['2', '3', 'layers']);
  });

  it('GIVEN spellings of one compound THEN they share terms: low-rank / low rank, H-consistency / h consistency, X-ray / xray', () => {
    expect(lexicalTerms('low-rank')).toEqual(expect.arrayContaining(lexicalTerms('low rank')));
    expect(lexicalTerms('low-rank')).toContain(processTerm('lowrank'));
    expect(lexicalTerms('H-consistency bounds')).toEqual(expect.arrayContaining(lexicalTerms('h consistency bounds')));
    expect(lexicalTerms('X-ray')).toContain(processTerm('xray'));
  });
});

describe('accent folding', () => {
  it('regression: LaTeX accents in abstracts ("Fr\\\'echet", "M\\"obius", "na\\"{\\i}ve") index as the plain words a user types', () => {
    expect(lexicalTerms("Fr\\'echet mean")).toEqual(lexicalTerms('frechet mean'));
    expect(lexicalTerms('M\\"obius')).toEqual(lexicalTerms('mobius'));
    expect(lexicalTerms('na\\"{\\i}ve')).toEqual(lexicalTerms('naive'));
  });

  it('GIVEN Unicode accents and ligatures THEN they fold too: Bézier = Bezier, Erdős = Erdos, ﬁne = fine', () => {
    expect(lexicalTerms('Bézier Erdős–Rényi ﬁne')).toEqual(lexicalTerms('Bezier Erdos-Renyi fine'));
  });
});

describe('British spellings', () => {
  it.each([
    ['quantisation', 'quantization'],
    ['normalise', 'normalize'],
    ['optimisers', 'optimizers'],
    ['analyse', 'analyze'],
    ['behaviour', 'behavior'],
    ['neighbours', 'neighbors'],
    ['modelling', 'modeling'],
    ['labelled', 'labeled'],
    ['centre', 'center'],
    ['catalogue', 'catalog'],
    ['defence', 'defense'],
    ['licence', 'license'],
  ])('GIVEN "%s" THEN its American spelling is "%s", and both stem alike', (british, american) => {
    expect(americanSpelling(british)).toBe(american);
    expect(processTerm(americanSpelling(british))).toBe(processTerm(american));
  });

  it('GIVEN words with no British ending THEN they are left alone', () => {
    for (const word of ['four', 'hour', 'model', 'analysis', 'transformer', 'metric']) expect(americanSpelling(word)).toBe(word);
  });

  it('GIVEN a query THEN americanVariants maps each British term to the American one, and nothing else', () => {
    expect(americanVariants('quantisation of LLMs for edge behaviour')).toEqual(new Map([['quantis', 'quantiz'], ['behaviour', 'behavior']]));
    expect(americanVariants('quantization of models')).toEqual(new Map());
  });
});
