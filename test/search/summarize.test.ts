import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import type { Paper } from '../../src/corpus/paper.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { silentLogger } from '../../src/logger.js';
import { createEmbedder } from '../../src/search/create-engine.js';
import { MAX_SUMMARY_CHARS, toHit } from '../../src/search/paper-hit.js';
import { splitSentences } from '../../src/search/sentences.js';
import { LEXICAL_WEIGHT, scoreSentences, summarise, termOverlap, type ScoredSentence } from '../../src/search/summarize.js';
import { termSet } from '../../src/search/text-terms.js';
import { SEEDS_DIR, testConfig } from '../support/test-engine.js';

const scored = (...items: [text: string, score: number][]): ScoredSentence[] => items.map(([text, score], index) => ({ index, text, score }));

describe('summarise (pure)', () => {
  it('GIVEN no sentences THEN the summary is empty', () => {
    expect(summarise([])).toBe('');
  });

  it('GIVEN one sentence THEN it is the summary', () => {
    expect(summarise(scored(['Only sentence.', 0.1]))).toBe('Only sentence.');
  });

  it('GIVEN a later sentence scoring best THEN it is chosen, not the first', () => {
    expect(summarise(scored(['First.', 0.5], ['Second.', 0.4], ['Third.', 0.9]))).toBe('Third.');
  });

  it('GIVEN a runner-up at ≥ 95% of the best and both short THEN both are kept, in abstract order', () => {
    expect(summarise(scored(['First.', 0.2], ['Second.', 0.76], ['Third.', 0.8]))).toBe('Second. Third.');
    // Exactly at the ratio still counts.
    expect(summarise(scored(['Best.', 0.8], ['Close.', 0.8 * 0.95]))).toBe('Best. Close.');
  });

  it('GIVEN a runner-up below 95% of the best THEN only the best is kept', () => {
    expect(summarise(scored(['First.', 0.75], ['Second.', 0.8]))).toBe('Second.');
  });

  it('GIVEN a close runner-up that would push the summary to 320 characters THEN only the best is kept', () => {
    const long = `${'x'.repeat(200)}.`;
    const other = `${'y'.repeat(118)}.`; // 201 + 119 = 320: not under the budget
    expect(summarise(scored([long, 0.8], [other, 0.79]))).toBe(long);
    const fits = `${'y'.repeat(117)}.`; // 201 + 118 = 319
    expect(summarise(scored([long, 0.8], [fits, 0.79]))).toBe(`${long} ${fits}`);
  });

  it('GIVEN all scores zero THEN the first two sentences (a stable tie) are the summary', () => {
    expect(summarise(scored(['A first sentence.', 0], ['A second one.', 0], ['A third one.', 0]))).toBe('A first sentence. A second one.');
  });
});

describe('termOverlap and scoreSentences (pure)', () => {
  it('GIVEN query terms THEN overlap is the share of them found in the sentence, after stemming', () => {
    expect(termOverlap(termSet('model merging'), 'Traditional model merging methods often show gaps.')).toBe(1);
    expect(termOverlap(termSet('model merging interference'), 'Merged models interfere.')).toBe(1);
    expect(termOverlap(termSet('model merging interference'), 'Merged models collide.')).toBeCloseTo(2 / 3, 12);
    expect(termOverlap(termSet('protein folding'), 'Merged models.')).toBe(0);
  });

  it('GIVEN a query with no terms THEN overlap is 0, never NaN', () => {
    expect(termOverlap(new Set(), 'Anything at all.')).toBe(0);
  });

  it('GIVEN a sentence without a vector THEN it scores on shared words alone', () => {
    const query = new Float32Array([1, 0]);
    const [withVector, without] = scoreSentences(query, termSet('merging'), ['Merging works.', 'Merging works.'], [new Float32Array([0.6, 0.8])]);
    expect(withVector!.score).toBeCloseTo(0.6 + LEXICAL_WEIGHT, 6);
    expect(without!.score).toBeCloseTo(LEXICAL_WEIGHT, 6);
  });
});

describe('query-focused summaries of real abstracts with the real model', () => {
  let embedder: Embedder;
  let papers: ReadonlyMap<string, Paper>;
  beforeAll(async () => {
    embedder = await createEmbedder(testConfig(), silentLogger);
    papers = new Map((await loadCorpus(SEEDS_DIR)).papers.map((p) => [p.id, p]));
  });
  afterAll(() => embedder.close());

  async function summaryFor(paperId: string, query: string): Promise<{ summary: string; sentences: string[] }> {
    const sentences = splitSentences(papers.get(paperId)!.abstract);
    const vectors = await embedder.embedDocuments(sentences);
    const summary = summarise(scoreSentences(await embedder.embedQuery(query), termSet(query), sentences, vectors));
    return { summary, sentences };
  }

  it('GIVEN Twin-Merging and "how much does the normalized score improve?" THEN the summary is the results sentence (8th), not the first', async () => {
    const { summary, sentences } = await summaryFor('5317efeea810', 'how much does the normalized score improve?');
    expect(sentences[7]).toContain('28.34% in absolute normalized score');
    expect(summary).toBe(sentences[7]);
  });

  it('GIVEN Twin-Merging and "interference between tasks" THEN the summary leads with the challenges sentence (2nd)', async () => {
    const { summary, sentences } = await summaryFor('5317efeea810', 'interference between tasks');
    // A second sentence may follow when it scores nearly as well (here: merging exclusive knowledge hinders performance).
    expect(summary.startsWith(sentences[1]!)).toBe(true);
    expect(summary).toMatch(/^However, two challenges remain: \(a\) interference between different models/);
  });

  it('GIVEN SFPrompt and "how much communication does it save?" THEN the summary is the communication-cost sentence (9th)', async () => {
    const { summary, sentences } = await summaryFor('c37bc651aef0', 'how much communication does it save?');
    expect(summary).toBe(sentences[8]);
    expect(summary).toMatch(/^To further reduce communication costs/);
  });
});

describe('an abstract that is one endless "sentence"', () => {
  // A 200 KB abstract with no sentence breaks gave a 204,801-character "1–2 sentence" summary.
  it('regression: the card\'s summary of a 200 KB run-on abstract is cut at a word to the summary cap', () => {
    const abstract = 'tokens of one endless clause '.repeat(7000);
    const paper = { id: 'x', label: 1, title: 'Run-on', abstract, authors: null, date: null, upvotes: null, codeLinks: [], url: 'https://example.org', arxivId: null, authorNames: [], keywords: [], aiSummary: null, projectPage: null, dailyDate: null, sources: [], feeds: [], addedAt: new Date(), textHash: '' };
    const sentences = splitSentences(abstract);
    const hit = toHit({ paper, sentences, sentenceVectors: [] }, 1, { vector: null, terms: termSet('endless clause') });
    expect(abstract.length).toBeGreaterThan(200_000);
    expect(hit.summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    expect(hit.summary.endsWith('…')).toBe(true);
    expect(abstract.startsWith(hit.summary.slice(0, -1).trimEnd())).toBe(true);
  });
});
