/**
 * Query-focused summaries: the 1–2 sentences of an abstract that best answer
 * the query, not simply its first sentence. Sentence scores mix meaning (cosine
 * of precomputed sentence embeddings) with shared words, so an exact term the
 * user typed is not lost on the model.
 */
import { cosine, type Vector } from '../embedding/embedder.js';
import { termSet } from './text-terms.js';

/** How much full word overlap adds to a cosine score: enough to break ties between close sentences. */
export const LEXICAL_WEIGHT = 0.15;
/** A second sentence is added only if it fits this budget and scores nearly as well as the first. */
const SUMMARY_CHARS = 320;
const SECOND_SENTENCE_RATIO = 0.95;

export interface ScoredSentence {
  readonly index: number;
  readonly text: string;
  readonly score: number;
}

/** Share of the query's terms that appear in the sentence (0 when the query has none). */
export function termOverlap(queryTerms: ReadonlySet<string>, sentence: string): number {
  if (queryTerms.size === 0) return 0;
  const terms = termSet(sentence);
  let shared = 0;
  for (const term of queryTerms) if (terms.has(term)) shared++;
  return shared / queryTerms.size;
}

/** `query` is null when the query could not be embedded: sentences are then scored on shared words alone. */
export function scoreSentences(
  query: Vector | null,
  queryTerms: ReadonlySet<string>,
  sentences: readonly string[],
  vectors: readonly Vector[],
): ScoredSentence[] {
  return sentences.map((text, index) => {
    const vector = vectors[index];
    const meaning = vector === undefined || query === null ? 0 : cosine(query, vector);
    return { index, text, score: meaning + LEXICAL_WEIGHT * termOverlap(queryTerms, text) };
  });
}

/** The best sentence, plus the runner-up when it is nearly as good and both fit; in abstract order. */
export function summarise(scored: readonly ScoredSentence[]): string {
  const ranked = [...scored].sort((a, b) => b.score - a.score);
  const [best, second] = ranked;
  if (best === undefined) return '';
  const chosen = [best];
  if (second !== undefined && second.score >= best.score * SECOND_SENTENCE_RATIO && best.text.length + second.text.length < SUMMARY_CHARS) {
    chosen.push(second);
  }
  return chosen
    .sort((a, b) => a.index - b.index)
    .map((s) => s.text)
    .join(' ');
}
