/**
 * The paper engine: about / title / suggest / similar / ask over the current
 * SearchState. The state is swapped whole on refresh, so every call reads one
 * consistent corpus even while new papers are being embedded.
 */
import type { Paper } from '../corpus/paper.js';
import type { Embedder } from '../embedding/embedder.js';
import { UserError } from '../errors.js';
import { extractAnswer } from './answer.js';
import { isLowConfidence } from './confidence.js';
import { confidenceSignals } from './confidence-signals.js';
import type { RefreshReport, RefreshableEngine, SearchResponse } from './engine-types.js';
import { toHit } from './paper-hit.js';
import { normaliseQuery, resolveOptions, type ResolvedOptions } from './query.js';
import { DEFAULT_WEIGHTS, rankPapers, type FusionWeights, type RankMode, type RankedPaper } from './rank.js';
import type { SearchState } from './search-state.js';
import { MAX_SUGGESTIONS } from './title-index.js';
import { termSet } from './text-terms.js';

/** How many top papers an answer may quote from. */
const ANSWER_PAPERS = 5;
/** How many top papers the confidence signals look at. */
const CONFIDENCE_PAPERS = 5;
/** Title lookups read at most this much: the longest title in the corpus is under 250 characters. */
const MAX_TITLE_QUERY_CHARS = 300;

export interface EngineParts {
  readonly embedder: Embedder;
  /** Builds a fresh state from the seeds directory (used at refresh). */
  readonly rebuild: () => Promise<{ state: SearchState; skipped: RefreshReport['skipped'] }>;
  readonly mode?: RankMode;
  readonly weights?: FusionWeights;
}

function filterFor(options: ResolvedOptions): (paper: Paper) => boolean {
  return (paper) => {
    if (options.hasCode && paper.codeLinks.length === 0) return false;
    const year = paper.date?.year ?? null;
    if (options.yearFrom !== null && (year === null || year < options.yearFrom)) return false;
    if (options.yearTo !== null && (year === null || year > options.yearTo)) return false;
    return true;
  };
}

/** Position of a paper's first citation in the answer; uncited papers keep their rank after every cited one. */
function citationOrder(answer: readonly { readonly paperId: string }[], id: string): number {
  const index = answer.findIndex((a) => a.paperId === id);
  return index === -1 ? answer.length : index;
}

export function createSearchEngine(initial: SearchState, parts: EngineParts): RefreshableEngine {
  let state = initial;
  let refreshing: Promise<RefreshReport> | null = null;
  const { embedder } = parts;

  const respond = (
    current: SearchState,
    queryText: string,
    ranked: readonly RankedPaper[],
    options: ResolvedOptions,
    query: Parameters<typeof toHit>[3],
    lowConfidence: boolean,
  ): SearchResponse => {
    const page = ranked.slice(options.offset, options.offset + options.k);
    const results = page.map((r) => toHit(current, current.byId.get(r.id)!, r.score, query));
    return { query: queryText, lowConfidence, results, total: Math.max(0, ranked.length - options.offset) };
  };

  const search = async (raw: string, rawOptions: Parameters<RefreshableEngine['about']>[1]) => {
    const text = normaliseQuery(raw);
    const options = resolveOptions(rawOptions);
    const current = state;
    const query = { text, vector: await embedder.embedQuery(text), terms: termSet(text) };
    const { ranked, titleMatch } = rankPapers(current, query, filterFor(options), parts.mode, parts.weights ?? DEFAULT_WEIGHTS);
    const lowConfidence = isLowConfidence(confidenceSignals(current, ranked.slice(0, CONFIDENCE_PAPERS), query, titleMatch !== null));
    return { text, options, current, query, ranked, lowConfidence };
  };

  return {
    get papers() {
      return state.papers;
    },
    get corpusUpdatedAt() {
      return state.corpusUpdatedAt;
    },
    paper: (id) => state.byId.get(id),
    hit(id) {
      const current = state;
      const paper = current.byId.get(id);
      const vector = current.vectors.get(id)?.document;
      if (paper === undefined || vector === undefined) return undefined;
      return toHit(current, paper, 1, { vector, terms: termSet(paper.title) });
    },
    addedAt: (id) => state.vectors.get(id)?.addedAt,

    async about(raw, rawOptions) {
      const s = await search(raw, rawOptions);
      return respond(s.current, s.text, s.ranked, s.options, s.query, s.lowConfidence);
    },

    async ask(raw, rawOptions) {
      const s = await search(raw, rawOptions);
      const top = s.ranked.slice(0, ANSWER_PAPERS).map((r) => r.id);
      const answer = s.lowConfidence ? [] : extractAnswer(s.current, top, s.query);
      // The papers the answer cites lead the first page, in citation order, so [1], [2] line up with the
      // cards; later pages are the plain ranking, so paging never repeats a paper.
      const ranked = [...s.ranked].sort((a, b) => citationOrder(answer, a.id) - citationOrder(answer, b.id));
      return { ...respond(s.current, s.text, s.options.offset === 0 ? ranked : s.ranked, s.options, s.query, s.lowConfidence), answer };
    },

    title(text) {
      // No title is this long; a pasted essay would only make fuzzy matching allocate without bound.
      const query = text.trim().slice(0, MAX_TITLE_QUERY_CHARS);
      if (query === '') throw new UserError('EMPTY_QUERY', 'Type part of a title to look it up.');
      return { query, ...state.titles.lookup(query) };
    },

    suggest(prefix, limit = MAX_SUGGESTIONS) {
      return state.titles.suggest(prefix.slice(0, MAX_TITLE_QUERY_CHARS), limit);
    },

    similar(paperId, rawOptions) {
      const options = resolveOptions(rawOptions);
      const current = state;
      const source = current.byId.get(paperId);
      const vector = current.vectors.get(paperId)?.document;
      if (source === undefined || vector === undefined) throw new UserError('UNKNOWN_PAPER');
      const accept = filterFor(options);
      const neighbours = current.vectorIndex
        .search(vector, options.offset + options.k + 1, (label) => {
          const id = current.labels[label];
          return id !== undefined && id !== paperId && accept(current.byId.get(id)!);
        })
        .map((n) => ({ id: current.labels[n.label]!, score: n.similarity, similarity: n.similarity }));
      const query = { vector, terms: termSet(source.title) };
      const response = respond(current, source.title, neighbours, options, query, false);
      // The index returns only what was asked for; how many more exist is a count over the corpus.
      const available = current.papers.filter((paper) => paper.id !== paperId && accept(paper)).length;
      return { ...response, total: Math.max(0, available - options.offset) };
    },

    refresh() {
      // One refresh at a time; a second caller shares the one in flight.
      refreshing ??= parts
        .rebuild()
        .then(({ state: next, skipped }) => {
          const before = new Set(state.byId.keys());
          const added = next.papers.filter((p) => !before.has(p.id)).map((p) => p.id);
          const removed = [...before].filter((id) => !next.byId.has(id));
          state = next;
          return { added, removed, skipped };
        })
        .finally(() => {
          refreshing = null;
        });
      return refreshing;
    },
  };
}
