/**
 * Everything a query reads, built once per corpus version and then never
 * mutated: a refresh builds a new state and swaps it in whole, so a query in
 * flight always sees one consistent corpus.
 */
import type { Paper } from '../corpus/paper.js';
import type { Vector } from '../embedding/embedder.js';
import type { PaperVectors } from '../index/embedding-store.js';
import type { VectorIndex } from '../index/vector-index.js';
import type { LexicalIndex } from './lexical-index.js';
import type { TitleIndex } from './title-index.js';

export interface SearchState {
  readonly papers: readonly Paper[];
  readonly byId: ReadonlyMap<string, Paper>;
  /** Abstract sentences per paper, aligned with `vectors.get(id).sentences`. */
  readonly sentences: ReadonlyMap<string, readonly string[]>;
  readonly vectors: ReadonlyMap<string, PaperVectors>;
  readonly vectorIndex: VectorIndex;
  /** `labels[label]` is the paper id under that label in `vectorIndex`. */
  readonly labels: readonly string[];
  /** Each paper's processed title + abstract terms (for the confidence signals). */
  readonly terms: ReadonlyMap<string, ReadonlySet<string>>;
  readonly lexical: LexicalIndex;
  readonly titles: TitleIndex;
  readonly corpusUpdatedAt: Date | null;
}

export function documentVector(state: SearchState, id: string): Vector | undefined {
  return state.vectors.get(id)?.document;
}
