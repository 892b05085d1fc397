/**
 * Everything a query reads: the store (abstracts, sentence vectors, the
 * lexical index), and what is held in memory (the catalog, the vector index,
 * the title index). Each part is updated in place as papers arrive, so a new
 * paper is searchable as soon as it is stored, without a rebuild.
 */
import type { Embedder } from '../embedding/embedder.js';
import type { PaperVectorIndex } from '../index/paper-vector-index.js';
import type { Store } from '../store/store.js';
import type { Catalog } from './catalog.js';
import type { LexicalSearch } from './lexical-search.js';
import type { TitleIndex } from './title-index.js';

export interface SearchContext {
  readonly store: Store;
  readonly embedder: Embedder;
  readonly catalog: Catalog;
  readonly vectors: PaperVectorIndex;
  readonly lexical: LexicalSearch;
  readonly titles: TitleIndex;
  /** Resolves once `titles` holds every stored paper (it is built in the background after the open). */
  titlesComplete(): Promise<void>;
}
