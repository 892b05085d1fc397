/**
 * Extractive answers: the sentences from the top papers that best answer a
 * question, each cited to its paper. Nothing is generated, so nothing is
 * invented: every sentence is quoted from an abstract.
 */
import type { PaperEvidence, QueryFocus } from './paper-hit.js';
import { scoreSentences } from './summarize.js';

/** At most this many sentences: an answer, not a reading list. */
export const MAX_ANSWER_SENTENCES = 3;
/** A sentence from a paper already quoted must beat others by this much: spreads citations across papers. */
const SAME_PAPER_PENALTY = 0.05;
/** Sentences scoring below this share of the best one add noise, not support. */
const RELATIVE_FLOOR = 0.9;

/**
 * A question asking for an amount ("how much", "how many times", "by how much", "what accuracy / share /
 * score …"): its answer is a sentence stating a number.
 */
const QUANTITY_QUESTION =
  /\bhow (much|many|large|small|fast|big|long|often)\b|\bwhat (share|fraction|percentage|proportion|accuracy|score|rate|throughput|improvement|gain|boost|speed-?up)\b|\bup to what\b/i;

/** Numbers (with their units glued on, "4-bit", "88.53%") in a text. */
const numbersIn = (text: string): Set<string> => new Set(text.match(/\d[\d.,]*/g) ?? []);

/** A quoted sentence before citation numbers are given. */
export interface QuotedSentence {
  readonly text: string;
  readonly paperId: string;
  readonly title: string;
}

/**
 * `quantityBonus`: what a sentence stating a number the question does not already hold adds to its score when
 * the question asks an amount (the embedder's, calibration.ts).
 */
export function extractAnswer(papers: readonly PaperEvidence[], query: QueryFocus, question: string, quantityBonus: number): QuotedSentence[] {
  const quantity = QUANTITY_QUESTION.test(question);
  const asked = numbersIn(question);
  const statesNumber = (text: string): boolean => [...numbersIn(text)].some((n) => !asked.has(n));
  const candidates = papers.flatMap((evidence) =>
    scoreSentences(query.vector, query.terms, evidence.sentences, evidence.sentenceVectors).map((sentence) => ({
      ...sentence,
      score: sentence.score + (quantity && statesNumber(sentence.text) ? quantityBonus : 0),
      paperId: evidence.paper.id,
      title: evidence.paper.title,
    })),
  );
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  if (best === undefined) return [];

  const chosen: typeof candidates = [];
  const quoted = new Set<string>();
  let pool = candidates.filter((c) => c.score >= best.score * RELATIVE_FLOOR);
  while (chosen.length < MAX_ANSWER_SENTENCES && pool.length > 0) {
    const adjusted = pool.map((c) => ({ c, score: c.score - (quoted.has(c.paperId) ? SAME_PAPER_PENALTY : 0) }));
    adjusted.sort((a, b) => b.score - a.score);
    const next = adjusted[0]!.c;
    chosen.push(next);
    quoted.add(next.paperId);
    pool = pool.filter((c) => c !== next);
  }
  return chosen.map((c) => ({ text: c.text, paperId: c.paperId, title: c.title }));
}
