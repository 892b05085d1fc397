import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import type { Paper } from '../../src/corpus/paper.js';
import { splitSentences } from '../../src/search/sentences.js';
import { SEEDS_DIR } from '../support/test-engine.js';

let papers: ReadonlyMap<string, Paper>;
beforeAll(async () => {
  papers = new Map((await loadCorpus(SEEDS_DIR)).papers.map((paper) => [paper.id, paper]));
});

function sentencesOf(id: string): string[] {
  const paper = papers.get(id);
  if (paper === undefined) throw new Error(`no seed paper ${id}`);
  return splitSentences(paper.abstract);
}

/** The one sentence of a paper's abstract that contains `needle`. */
function sentenceWith(id: string, needle: string): string {
  const found = sentencesOf(id).filter((s) => s.includes(needle));
  expect(found, `sentences of ${id} containing ${needle}`).toHaveLength(1);
  return found[0]!;
}

describe('splitSentences on real abstracts', () => {
  it('GIVEN "(e.g. convolutional neural networks, …)" (Towards Exact Computation of Inductive Bias) THEN the sentence stays whole', () => {
    const [first] = sentencesOf('be92ca6a8c5f');
    expect(first).toBe(
      'Much research in machine learning involves finding appropriate inductive biases (e.g. convolutional neural networks, momentum-based optimizers, transformers) to promote generalization on tasks.',
    );
  });

  it('GIVEN "e.g.," and "i.e.," inside sentences (Deep Model Assembling) THEN neither ends a sentence', () => {
    expect(sentenceWith('dc4b571c2622', 'e.g., due to')).toMatch(/^However, training large models .* vulnerability to overfitting\.$/);
    expect(sentenceWith('dc4b571c2622', 'i.e., dividing')).toMatch(/^To alleviate these problems, .* target model\.$/);
  });

  it('GIVEN decimals like 0.46% (SFPrompt) THEN the sentence is not split at the decimal point', () => {
    expect(sentenceWith('c37bc651aef0', '0.46%')).toBe(
      'Extensive experiments demonstrate that SFPrompt delivers competitive performance as the federated full fine-tuning approach while consuming a mere 0.46% of local computing resources and incurring 53% less communication cost.',
    );
  });

  it('GIVEN URLs with dots and paths THEN each URL stays whole inside its sentence', () => {
    expect(sentenceWith('4a4674631024', 'https://')).toBe(
      'The code is available at https://github.com/CIAM-Group/NCO_code/tree/main/single_objective/UDC-Large-scale-CO-master.',
    );
    expect(sentenceWith('93c70cbe0ffe', 'https://')).toBe('Code and distilled datasets are available at https://gzyaftermath.github.io/DATM.');
    expect(sentenceWith('5941f2a85f99', 'youtu.be')).toBe(
      'This paper is summarized in two short YouTube videos: https://youtu.be/gCuUyGETbTU (part 1) and https://youtu.be/XsaGI01b-1o (part 2).',
    );
  });

  it('GIVEN every seed abstract THEN the sentences rejoined give back the abstract, and none is a stub under 25 characters', () => {
    expect(papers.size).toBe(210);
    const wrong: string[] = [];
    for (const [id, paper] of papers) {
      const sentences = splitSentences(paper.abstract);
      if (sentences.join(' ').replace(/\s+/g, ' ') !== paper.abstract.replace(/\s+/g, ' ').trim()) wrong.push(`${id} does not rejoin`);
      if (sentences.length > 1) wrong.push(...sentences.filter((s) => s.length < 25).map((s) => `${id} stub: ${s}`));
      if (sentences.length === 0) wrong.push(`${id} has no sentences`);
    }
    expect(wrong).toEqual([]);
  });

  // ICU breaks after "e.g." when a capital follows, and "ImageNet), and is then…" is too long to be glued back.
  it('regression: "(e.g. ImageNet)" (Rethinking Supervised Pre-training) does not end a sentence', () => {
    const [first] = sentencesOf('b69040c50d21');
    expect(first).toBe(
      'The pretrain-finetune paradigm has shown outstanding performance on many applications of deep learning, where a model is pre-trained on a upstream large dataset (e.g. ImageNet), and is then fine-tuned to different downstream tasks.',
    );
  });

  it('regression: "extant LLMs, e.g. LLaMA-2, GPT-4, can compete" stays one sentence', () => {
    expect(sentencesOf('962374d70b46').some((s) => s.includes('e.g. LLaMA-2, GPT-4, can compete'))).toBe(true);
  });
});

describe('splitSentences edge cases', () => {
  it('GIVEN empty or blank text THEN there are no sentences', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('   \n ')).toEqual([]);
  });

  it('GIVEN one sentence without a final full stop THEN it is returned as is', () => {
    expect(splitSentences('Our code is available at https://github.com/GT-RIPL/CODA-Prompt')).toEqual([
      'Our code is available at https://github.com/GT-RIPL/CODA-Prompt',
    ]);
  });

  it('GIVEN a short fragment after a sentence THEN it is glued to the sentence before it', () => {
    expect(splitSentences('We evaluate the method on three benchmarks. See Fig. 2. It works well on all of them.')).toEqual([
      'We evaluate the method on three benchmarks. See Fig. 2.',
      'It works well on all of them.',
    ]);
  });
});
