/**
 * Extractive answers: the sentences from the top papers that best answer a
 * question, each cited to its paper. Nothing is generated, so nothing is
 * invented: every sentence is quoted from an abstract.
 */
import type { Vector } from '../embedding/embedder.js';
import type { AnswerSentence } from './engine-types.js';
import type { SearchState } from './search-state.js';
import { scoreSentences } from './summarize.js';

/** At most this many sentences: an answer, not a reading list. */
const MAX_SENTENCES = 3;
/** A sentence from a paper already quoted must beat others by this much: spreads citations across papers. */
const SAME_PAPER_PENALTY = 0.05;
/** Sentences scoring below this share of the best one add noise, not support. */
const RELATIVE_FLOOR = 0.9;

export function extractAnswer(
  state: SearchState,
  paperIds: readonly string[],
  query: { readonly vector: Vector; readonly terms: ReadonlySet<string> },
): AnswerSentence[] {
  const candidates = paperIds.flatMap((paperId) =>
    scoreSentences(query.vector, query.terms, state.sentences.get(paperId) ?? [], state.vectors.get(paperId)?.sentences ?? []).map(
      (sentence) => ({ ...sentence, paperId }),
    ),
  );
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  if (best === undefined) return [];

  const chosen: typeof candidates = [];
  const quoted = new Set<string>();
  let pool = candidates.filter((c) => c.score >= best.score * RELATIVE_FLOOR);
  while (chosen.length < MAX_SENTENCES && pool.length > 0) {
    const adjusted = pool.map((c) => ({ c, score: c.score - (quoted.has(c.paperId) ? SAME_PAPER_PENALTY : 0) }));
    adjusted.sort((a, b) => b.score - a.score);
    const next = adjusted[0]!.c;
    chosen.push(next);
    quoted.add(next.paperId);
    pool = pool.filter((c) => c !== next);
  }
  return chosen.map((c) => ({ text: c.text, paperId: c.paperId, title: state.byId.get(c.paperId)?.title ?? c.paperId }));
}
