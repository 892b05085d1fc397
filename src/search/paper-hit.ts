/**
 * A ranked paper as the engine returns it: the paper's facts plus a summary
 * chosen for this query.
 */
import { isoPaperDate } from '../corpus/paper-date.js';
import type { Paper } from '../corpus/paper.js';
import type { Vector } from '../embedding/embedder.js';
import type { PaperHit } from './engine-types.js';
import type { SearchState } from './search-state.js';
import { scoreSentences, summarise } from './summarize.js';

/** Scores below this many decimals are noise: rounding keeps JSON output readable. */
const SCORE_DECIMALS = 4;

export function toHit(
  state: SearchState,
  paper: Paper,
  score: number,
  query: { readonly vector: Vector; readonly terms: ReadonlySet<string> },
): PaperHit {
  const sentences = state.sentences.get(paper.id) ?? [];
  const vectors = state.vectors.get(paper.id)?.sentences ?? [];
  return {
    id: paper.id,
    title: paper.title,
    summary: summarise(scoreSentences(query.vector, query.terms, sentences, vectors)) || paper.abstract,
    score: Number(score.toFixed(SCORE_DECIMALS)),
    date: paper.date === null ? null : isoPaperDate(paper.date),
    authors: paper.authors,
    upvotes: paper.upvotes,
    codeLinks: paper.codeLinks,
    url: paper.url,
  };
}
