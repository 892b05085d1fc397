/**
 * BM25 over title + abstract, with MiniSearch (a maintained, tested BM25+
 * implementation with fuzzy matching) instead of a hand-rolled inverted index.
 */
import MiniSearch from 'minisearch';
import type { Paper } from '../corpus/paper.js';
import { processTerm, tokenize } from './text-terms.js';

/** A title word says more about a paper than an abstract word. */
const TITLE_BOOST = 2;
/** Long words may carry a typo; short ones fuzzily match too many unrelated words. */
const FUZZY_MIN_LENGTH = 6;
const FUZZY_EDIT_FRACTION = 0.2;

export interface LexicalHit {
  readonly id: string;
  readonly score: number;
}

export interface LexicalIndex {
  /** Papers containing any query term, best BM25 score first. */
  search(query: string, limit: number): LexicalHit[];
}

export function createLexicalIndex(papers: readonly Paper[]): LexicalIndex {
  const index = new MiniSearch<Paper>({
    fields: ['title', 'abstract'],
    tokenize,
    processTerm,
    searchOptions: {
      boost: { title: TITLE_BOOST },
      fuzzy: (term) => (term.length >= FUZZY_MIN_LENGTH ? FUZZY_EDIT_FRACTION : false),
      combineWith: 'OR',
    },
  });
  index.addAll([...papers]);
  return {
    search(query, limit) {
      return index
        .search(query)
        .slice(0, limit)
        .map((hit) => ({ id: String(hit.id), score: hit.score }));
    },
  };
}
