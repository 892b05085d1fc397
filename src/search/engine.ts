/**
 * The paper engine: about / title / suggest / similar / ask over the search
 * context. Every call reads the indexes as they are at that moment; papers
 * that arrive are added to each of them in place, and until a paper has its
 * vectors it is found by its words alone (the response says so).
 */
import { processTerm, termSet, tokenize } from './text-terms.js';
import { UserError } from '../errors.js';
import type { PaperFilter, StoredPaper } from '../store/store.js';
import { extractAnswer, type QuotedSentence } from './answer.js';
import { acceptsPaper, NO_FILTER } from './catalog.js';
import { calibrationFor } from './calibration.js';
import { isLowConfidence } from './confidence.js';
import { confidenceSignals, type ConfidenceInput } from './confidence-signals.js';
import type { AnswerSentence, EngineStatus, IndexingNote, PaperHit, RefreshableEngine, RefreshReport, SearchResponse } from './engine-types.js';
import { loadEvidence, toHit, type PaperEvidence, type QueryFocus } from './paper-hit.js';
import { cleanQueryText, normaliseQuery, resolveOptions, type ResolvedOptions } from './query.js';
import { confidentOf, TOPIC_POOL } from './confident-matches.js';
import { DEFAULT_WEIGHTS, denseCandidates, rankPapers, type FusionWeights, type RankedPaper, type RankMode } from './rank.js';
import type { SearchContext } from './search-context.js';
import { listedCount } from './relevance-floor.js';
import { coversWithAcronyms, MAX_SUGGESTIONS } from './title-index.js';
import { ownAcronyms } from './defined-acronyms.js';

/** How many top papers an answer may quote from. */
const ANSWER_PAPERS = 5;
/** How many top papers the confidence signals look at. */
const CONFIDENCE_PAPERS = 5;
/** Title lookups read at most this much: the longest title in the corpus is under 250 characters. */
const MAX_TITLE_QUERY_CHARS = 300;
/** A term at most this share of papers hold (at least one paper) is rare: a query naming it names something specific. */
const RARE_DOCUMENT_SHARE = 0.01;
/** A title lookup that names a paper by an acronym its abstract defines reads this many lexical candidates. */
const ACRONYM_CANDIDATES = 5;
/** Suggestions when the caller does not say how many. */
const DEFAULT_SUGGESTIONS = 10;


/** What the engine needs besides the context: its lifecycle, owned by whoever built it (create-engine.ts). */
export interface EngineParts {
  readonly status: () => EngineStatus;
  readonly corpusUpdatedAt: () => Date | null;
  readonly refresh: () => Promise<RefreshReport>;
  readonly ingest: RefreshableEngine['ingest'];
  readonly onEmbedded: RefreshableEngine['onEmbedded'];
  readonly onWriterLost: RefreshableEngine['onWriterLost'];
  readonly indexed: () => Promise<void>;
  readonly close: () => Promise<void>;
  readonly mode?: RankMode;
  readonly weights?: FusionWeights;
}

interface QueryNaming {
  readonly namedByTitle: boolean;
  readonly rareTerms: ReadonlySet<string>;
}

function filterOf(options: ResolvedOptions): PaperFilter {
  return { hasCode: options.hasCode, yearFrom: options.yearFrom, yearTo: options.yearTo, dailyFrom: options.dailyFrom, addedFrom: options.addedFrom };
}

/** Citation numbers follow first appearance in the answer; a paper quoted twice keeps its number. */
function cite(answer: readonly QuotedSentence[]): AnswerSentence[] {
  const cited: string[] = [];
  return answer.map((sentence) => {
    if (!cited.includes(sentence.paperId)) cited.push(sentence.paperId);
    return { ...sentence, citation: cited.indexOf(sentence.paperId) + 1 };
  });
}

export function createSearchEngine(ctx: SearchContext, parts: EngineParts): RefreshableEngine {
  const { catalog, vectors, store, embedder } = ctx;
  const mode = parts.mode ?? 'hybrid';
  const calibration = calibrationFor(embedder.modelId);

  const indexing = (): IndexingNote | null => {
    const rebuildingIndex = vectors.status === 'rebuilding';
    const embedded = rebuildingIndex ? 0 : vectors.size;
    return rebuildingIndex || embedded < catalog.size ? { papers: catalog.size, embedded, rebuildingIndex } : null;
  };

  /** What the query names: a paper (its title, or a word that is a title's acronym), and the terms few papers hold. */
  const naming = async (text: string, titleMatch: string | null): Promise<QueryNaming> => {
    const namedByTitle = titleMatch !== null || tokenize(text).some((word) => ctx.titles.exactMatch(word) !== null);
    const frequencies = await store.lexical.documentFrequencies([...termSet(text)]);
    const rare = Math.max(1, Math.ceil(catalog.size * RARE_DOCUMENT_SHARE));
    return { namedByTitle, rareTerms: new Set([...frequencies].filter(([, documents]) => documents > 0 && documents <= rare).map(([term]) => term)) };
  };

  /** Whether the top papers' signals say nothing is relevant; false when one of them has no vector yet (nothing to judge by). */
  const lowConfidence = (evidence: ReadonlyMap<string, PaperEvidence>, top: readonly RankedPaper[], s: { readonly text: string; readonly focus: QueryFocus; readonly naming: QueryNaming }) => {
    const { focus } = s;
    if (focus.vector === null || mode === 'dense' || mode === 'lexical') return false;
    const inputs: ConfidenceInput[] = [];
    for (const { id } of top) {
      const paper = evidence.get(id);
      const vector = paper === undefined ? undefined : vectors.vector(paper.paper.label);
      if (paper === undefined || vector === undefined) return false;
      inputs.push({ evidence: paper, vector });
    }
    return isLowConfidence(confidenceSignals(inputs, { vector: focus.vector, text: s.text, rareTerms: s.naming.rareTerms }, s.naming.namedByTitle), calibration.confidenceThreshold);
  };

  /**
   * The paper a title lookup names by an acronym its abstract defines, beside words of its title ("ngcf neural
   * graph"): the titles alone cannot know it, so the lexical index, which holds the abstracts, finds the candidates.
   */
  const namedByAcronym = async (query: string): Promise<StoredPaper | null> => {
    const ids = (await ctx.lexical.search(query, NO_FILTER, ACRONYM_CANDIDATES)).flatMap((hit) => catalog.atLabel(hit.label)?.id ?? []);
    const papers = new Map((await store.papers.getMany(ids)).map((paper) => [paper.id, paper]));
    // The whole query as one word: an acronym typed alone, or in parts where it has a hyphen ("AIO-P", "aio p").
    const joined = tokenize(query).join('');
    const term = processTerm(joined);
    // It names the one paper holding it ("lodd"), never one of several that define it ("mtl").
    const alone = term !== null && (await store.lexical.documentFrequencies([term])).get(term) === 1;
    for (const id of ids) {
      const paper = papers.get(id);
      if (paper === undefined) continue;
      const acronyms = ownAcronyms(paper.title, paper.abstract);
      if (coversWithAcronyms(query, paper.title, acronyms) || (alone && acronyms.includes(joined))) return paper;
    }
    return null;
  };

  const hits = (ranked: readonly RankedPaper[], evidence: ReadonlyMap<string, PaperEvidence>, focus: QueryFocus): PaperHit[] =>
    ranked.flatMap((r) => {
      const paper = evidence.get(r.id);
      return paper === undefined ? [] : [toHit(paper, r.score, focus)];
    });

  const search = async (raw: string, rawOptions: Parameters<RefreshableEngine['about']>[1]) => {
    const text = normaliseQuery(raw);
    const options = resolveOptions(rawOptions);
    const vector = mode === 'lexical' ? null : await embedder.embedQuery(text);
    const focus: QueryFocus = { vector, terms: termSet(text) };
    const { ranked, titleMatch } = await rankPapers(ctx, { text, vector }, filterOf(options), mode, parts.weights ?? DEFAULT_WEIGHTS);
    // What is listed (paged through, counted in `total`) ends at the relevance floor; confidence and answers read the whole ranking.
    const listed = ranked.slice(0, listedCount(ranked.map((r) => r.score), options.k));
    return { text, options, focus, ranked, listed, naming: await naming(text, titleMatch) };
  };

  /** The response for one page; `known` is evidence already read (only what is missing is read again). */
  const respond = async (s: Awaited<ReturnType<typeof search>>, page: readonly RankedPaper[], known?: ReadonlyMap<string, PaperEvidence>): Promise<SearchResponse> => {
    const top = s.ranked.slice(0, CONFIDENCE_PAPERS);
    const missing = [...page, ...top].map((r) => r.id).filter((id) => !known?.has(id));
    const evidence = new Map([...(known ?? []), ...(await loadEvidence(ctx, missing))]);
    return {
      query: s.text,
      lowConfidence: lowConfidence(evidence, top, s),
      results: hits(page, evidence, s.focus),
      total: Math.max(0, s.listed.length - s.options.offset),
      indexing: indexing(),
    };
  };

  const engine: RefreshableEngine = {
    get papers() {
      return catalog.all();
    },
    get corpusUpdatedAt() {
      return parts.corpusUpdatedAt();
    },
    status: parts.status,
    paper: (id) => store.papers.get(id),
    addedAt: (id) => catalog.get(id)?.addedAt,

    async hit(id) {
      const summary = catalog.get(id);
      if (summary === undefined) return undefined;
      const paper = (await loadEvidence(ctx, [id])).get(id);
      if (paper === undefined) return undefined;
      const vector = vectors.vector(summary.label) ?? null;
      return toHit(paper, 1, { vector, terms: termSet(summary.title) });
    },

    async about(raw, rawOptions) {
      const s = await search(raw, rawOptions);
      return respond(s, s.listed.slice(s.options.offset, s.options.offset + s.options.k));
    },

    async ask(raw, rawOptions) {
      const s = await search(raw, rawOptions);
      const quotedFrom = s.ranked.slice(0, ANSWER_PAPERS);
      const evidence = await loadEvidence(ctx, quotedFrom.map((r) => r.id));
      const confident = !lowConfidence(evidence, s.ranked.slice(0, CONFIDENCE_PAPERS), s);
      const answer = confident ? cite(extractAnswer(quotedFrom.flatMap((r) => evidence.get(r.id) ?? []), s.focus, s.text, calibration.quantityBonus)) : [];
      // The cited papers lead the first page, in citation order, so [1], [2] are results 1, 2; later pages are
      // the plain ranking (without the cited papers), so paging never repeats a paper.
      const cited = [...new Set(answer.map((a) => a.paperId))];
      const rest = s.listed.filter((r) => !cited.includes(r.id));
      const citedRanked = cited.map((id) => s.ranked.find((r) => r.id === id)!);
      const page =
        s.options.offset === 0
          ? [...citedRanked, ...rest.slice(0, Math.max(0, s.options.k - cited.length))]
          : rest.slice(s.options.offset - cited.length, s.options.offset - cited.length + s.options.k);
      // A cited paper is listed even when it scores below the relevance floor: its [n] needs its card.
      const listed = [...citedRanked, ...rest.slice(0, Math.max(0, s.listed.length - cited.length))];
      return { ...(await respond({ ...s, listed }, page, evidence)), lowConfidence: !confident, answer };
    },

    async title(text) {
      // No title is this long; a pasted essay would only make fuzzy matching allocate without bound.
      const query = cleanQueryText(text).slice(0, MAX_TITLE_QUERY_CHARS);
      if (query === '') throw new UserError('EMPTY_QUERY', 'Type part of a title to look it up.');
      // The first seconds after a start, while the index is still being built: wait rather than say "no such title".
      // (Autocomplete does not wait: it lists what the index holds so far.)
      await ctx.titlesComplete();
      const found = ctx.titles.lookup(query);
      const ids = [...(found.match === null ? [] : [found.match.id]), ...found.alternatives.map((entry) => entry.id)];
      const papers = new Map((await store.papers.getMany(ids)).map((paper) => [paper.id, paper]));
      const match = found.match === null ? await namedByAcronym(query) : (papers.get(found.match.id) ?? null);
      return { query, match, alternatives: found.alternatives.flatMap((entry) => (entry.id === match?.id ? [] : (papers.get(entry.id) ?? []))) };
    },

    suggest(prefix, limit = DEFAULT_SUGGESTIONS) {
      return ctx.titles.suggest(cleanQueryText(prefix.slice(0, MAX_TITLE_QUERY_CHARS)), Math.min(limit, MAX_SUGGESTIONS)).map(({ id, title }) => ({ id, title }));
    },

    async similar(paperId, rawOptions) {
      const options = resolveOptions(rawOptions);
      const source = catalog.get(paperId);
      if (source === undefined) throw new UserError('UNKNOWN_PAPER');
      const filter = filterOf(options);
      const wanted = options.offset + options.k;
      const vector = vectors.vector(source.label) ?? null;
      let ranked: RankedPaper[];
      if (vector !== null) {
        ranked = denseCandidates(ctx, vector, filter, wanted, paperId).map((c) => ({ id: c.id, score: c.similarity }));
      } else {
        // Not embedded yet: the papers sharing its rarest words are the best answer there is.
        const paper = await store.papers.get(paperId);
        const lexical = await ctx.lexical.search(`${source.title} ${paper?.abstract ?? ''}`, filter, wanted + 1);
        ranked = lexical.flatMap((hit) => {
          const id = catalog.atLabel(hit.label)?.id;
          return id === undefined || id === paperId ? [] : [{ id, score: hit.score }];
        });
      }
      const page = ranked.slice(options.offset, wanted);
      const focus: QueryFocus = { vector, terms: termSet(source.title) };
      const evidence = await loadEvidence(ctx, page.map((r) => r.id));
      // How many others pass the filter is a count kept per year, not a scan of the corpus.
      const available = catalog.matching(filter) - (acceptsPaper(source, filter) ? 1 : 0);
      return {
        query: source.title,
        lowConfidence: false,
        results: hits(page, evidence, focus),
        total: Math.max(0, available - options.offset),
        indexing: indexing(),
      };
    },

    async confidentMatches(topic, matchOptions = {}) {
      return confidentOf(await engine.about(topic, { k: TOPIC_POOL, ...matchOptions }));
    },

    async newPapers(request) {
      const options = resolveOptions({ k: request.k, offset: request.offset, dailyFrom: request.dailyFrom });
      const filter = filterOf(options);
      const indexingNow = indexing();
      if (request.topic !== undefined) {
        // Only the confident matches: a day of papers none of which is about the topic lists none.
        const matches = await engine.confidentMatches(request.topic, { dailyFrom: request.dailyFrom });
        const results = matches.slice(options.offset, options.offset + options.k);
        return { query: request.topic, lowConfidence: false, results, total: Math.max(0, matches.length - options.offset), indexing: indexingNow };
      }
      // Most upvoted first; ties by the newer day, then id, so the order never depends on arrival.
      const ranked = catalog
        .all()
        .filter((paper) => acceptsPaper(paper, filter))
        .sort((a, b) => (b.upvotes ?? -1) - (a.upvotes ?? -1) || (b.dailyDate ?? '').localeCompare(a.dailyDate ?? '') || (a.id < b.id ? -1 : 1));
      const page = ranked.slice(options.offset, options.offset + options.k);
      const evidence = await loadEvidence(ctx, page.map((paper) => paper.id));
      // No query: each summary says what its paper is about (the paper's own vector and title as the focus).
      const results = page.flatMap((summary) => {
        const paper = evidence.get(summary.id);
        return paper === undefined ? [] : [toHit(paper, summary.upvotes ?? 0, { vector: vectors.vector(summary.label) ?? null, terms: termSet(summary.title) })];
      });
      return { query: '', lowConfidence: false, results, total: Math.max(0, ranked.length - options.offset), indexing: indexingNow };
    },

    refresh: parts.refresh,
    ingest: parts.ingest,
    indexed: parts.indexed,
    onEmbedded: parts.onEmbedded,
    onWriterLost: parts.onWriterLost,
    close: parts.close,
  };
  return engine;
}
