/**
 * Title lookup and autocomplete. Forgives case, partial titles, the acronym
 * before a colon ("SFPrompt", "CorDA") and typos; answers from memory, and
 * takes papers as they arrive (add, remove) instead of being rebuilt.
 */
import { distance } from 'fastest-levenshtein';
import MiniSearch from 'minisearch';
import { processTerm, tokenize } from './text-terms.js';
import { byPopularity, holdsWords, PopularityOrder, scanSuggestions, suggestEntry, TitlesByWord, typedWords, type SuggestEntry } from './title-suggest.js';

/** What the index needs of a paper. */
export interface TitleEntry {
  readonly id: string;
  readonly title: string;
  readonly upvotes: number | null;
}

/** The engine's own cap on one autocomplete answer (callers ask for fewer: Discord shows 25). */
export const MAX_SUGGESTIONS = 50;
/** Share of the query's words that must be found in a title to call it a match rather than a guess. */
const MATCH_COVERAGE = 0.75;
const CANDIDATES = 10;
/** Up to this many neighbouring query words may be one word of the title ("code gen 2" / "CodeGen2"). */
const JOINED_WORDS = 3;
/** A whole title typed with up to this share of characters wrong still counts as that title. */
const NEAR_EXACT_EDITS = 0.1;
const NEAR_EXACT_MIN_CHARS = 12;
/** Prefix expansion of a word this short would enumerate a large part of the vocabulary at 100,000 titles. */
const MIN_PREFIX_CHARS = 3;
/** Typo tolerance in autocomplete only for words this long, and only when exact words found too little. */
const MIN_FUZZY_CHARS = 4;
/** Suggestions for an empty prefix: the most upvoted papers. */
const POPULAR = 25;
/** A query of stop words only names a title from this many words on ("When, Why and How…"). */
const STOP_WORDS_TITLE_START = 3;
/** A word in more titles than this is left out of the index's searches: it would score every one of them. */
const COMMON_WORD_TITLES = 5_000;

export interface TitleIndex {
  readonly size: number;
  add(entry: TitleEntry): void;
  remove(id: string): void;
  /** The paper whose whole title or acronym (or id) the text is; else null. */
  exactMatch(text: string): TitleEntry | null;
  /** Among `candidates`, the one whose title the text is with a small typo (long titles only); else null. */
  nearExactMatch(text: string, candidates: readonly string[]): TitleEntry | null;
  lookup(text: string): { match: TitleEntry | null; alternatives: TitleEntry[] };
  suggest(prefix: string, limit: number): TitleEntry[];
}

/** "SFPrompt: Communication-…" → "sfprompt"; titles without a short lead-in before a colon have none. */
export function titleAcronym(title: string): string {
  const colon = title.indexOf(':');
  if (colon <= 0 || colon > 40) return '';
  return tokenize(title.slice(0, colon)).join('');
}

/** `q` is `t` with two neighbouring letters swapped ("tiwn" / "twin"): one slip of the fingers, though Levenshtein counts two edits. */
function swapsNeighbours(q: string, t: string): boolean {
  if (q.length !== t.length) return false;
  let i = 0;
  while (i < q.length && q[i] === t[i]) i++;
  return i + 1 < q.length && q[i] === t[i + 1] && q[i + 1] === t[i] && q.slice(i + 2) === t.slice(i + 2);
}

/** Does the query word `q` match the title word `t`, allowing a typo or (for the last word typed) a prefix? */
function wordMatches(q: string, t: string, isLast: boolean): boolean {
  if (q === t) return true;
  if (isLast && q.length >= 3 && t.startsWith(q)) return true;
  const allowed = q.length >= 8 ? 2 : q.length >= 4 ? 1 : 0;
  return allowed > 0 && (distance(q, t) <= allowed || swapsNeighbours(q, t));
}

/** The query's words appear in the title as typed, together and in order (the last one may be cut short). */
function holdsPhrase(queryWords: readonly string[], titleWords: readonly string[]): boolean {
  return ` ${titleWords.join(' ')}`.includes(` ${queryWords.join(' ')}`);
}

/**
 * `titleWords`: the title's tokens; its acronym counts as one more word. Neighbouring query words the title
 * writes as one ("codegen 2" / "CodeGen2", "delta product" / "DeltaProduct") are all found, as the lexical
 * search and the confidence's word coverage forgive it.
 */
function coverage(queryWords: readonly string[], titleWords: readonly string[], acronym: string): number {
  if (queryWords.length === 0) return 0;
  const candidates = [...titleWords, acronym];
  const found = queryWords.map((q, i) => candidates.some((t) => wordMatches(q, t, i === queryWords.length - 1)));
  // Two or three words ("code gen 2"), joined exactly or cut short when last: with a typo allowed, "rl" +
  // "hyperparameters" is within two edits of the title's "hyperparameters", and any short word beside a long one
  // would count.
  for (let start = 0; start < queryWords.length; start++) {
    for (let end = start + 2; end <= Math.min(start + JOINED_WORDS, queryWords.length); end++) {
      const joined = queryWords.slice(start, end).join('');
      const last = end === queryWords.length;
      if (candidates.some((t) => t === joined || (last && joined.length >= 3 && t.startsWith(joined)))) found.fill(true, start, end);
    }
  }
  return found.filter(Boolean).length / queryWords.length;
}

/**
 * Whether `text` names this title once the acronyms its abstract defines for it (defined-acronyms.ts) count as
 * title words ("ngcf neural graph" for "Neural Graph Collaborative Filtering"). At least one word must be the
 * title's own: an acronym alone may be defined in several abstracts. And an acronym must cover a word the title
 * does not: "learning" is in many titles, which the title lookup already found too many of to name one.
 */
export function coversWithAcronyms(text: string, title: string, acronyms: readonly string[]): boolean {
  // Stop words cover nothing here: "the gnn" would be a title word and an acronym.
  const words = tokenize(text).filter((word) => processTerm(word) !== null);
  const titleWords = tokenize(title);
  const own = titleAcronym(title);
  const byTitle = coverage(words, titleWords, own);
  const withAcronyms = coverage(words, [...titleWords, ...acronyms], own);
  return byTitle > 0 && withAcronyms > byTitle && withAcronyms >= MATCH_COVERAGE;
}

export function createTitleIndex(initial: Iterable<TitleEntry> = []): TitleIndex {
  const byId = new Map<string, TitleEntry>();
  /** Normalised title or acronym → ids having it (acronyms can collide). */
  const byNormalised = new Map<string, string[]>();
  const keysOf = (entry: TitleEntry): string[] => {
    const words = tokenize(entry.title);
    const acronym = titleAcronym(entry.title);
    return [...new Set([words.join(' '), words.join(''), ...(acronym === '' ? [] : [acronym])])];
  };
  const index = new MiniSearch<{ id: string; title: string; acronym: string }>({ fields: ['title', 'acronym'], storeFields: [], tokenize });
  /** Autocomplete's view of each title, in popularity order, and the titles holding each word. */
  const suggestItems = new Map<string, SuggestEntry>();
  const order = new PopularityOrder();
  const byWord = new TitlesByWord();
  const common = (word: string): boolean => byWord.count(word) > COMMON_WORD_TITLES;

  const add = (entry: TitleEntry): void => {
    if (byId.has(entry.id)) remove(entry.id);
    byId.set(entry.id, entry);
    for (const key of keysOf(entry)) byNormalised.set(key, [...(byNormalised.get(key) ?? []), entry.id]);
    const acronym = titleAcronym(entry.title);
    index.add({ id: entry.id, title: entry.title, acronym });
    const item = suggestEntry(entry, acronym);
    suggestItems.set(entry.id, item);
    order.add(item);
    byWord.add(item);
  };
  const remove = (id: string): void => {
    const entry = byId.get(id);
    if (entry === undefined) return;
    byId.delete(id);
    for (const key of keysOf(entry)) {
      const rest = (byNormalised.get(key) ?? []).filter((other) => other !== id);
      if (rest.length === 0) byNormalised.delete(key);
      else byNormalised.set(key, rest);
    }
    index.discard(id);
    const item = suggestItems.get(id)!;
    suggestItems.delete(id);
    order.remove(item);
    byWord.remove(item);
  };
  for (const entry of initial) add(entry);

  const entries = (ids: Iterable<string>): TitleEntry[] => [...ids].flatMap((id) => byId.get(id) ?? []);
  const search = (text: string, combineWith: 'AND' | 'OR', fuzzy: boolean) =>
    index.search(text, {
      prefix: (term, i, terms) => i === terms.length - 1 && term.length >= MIN_PREFIX_CHARS,
      fuzzy: fuzzy ? (term) => (term.length >= MIN_FUZZY_CHARS ? 0.25 : false) : false,
      combineWith,
      boost: { acronym: 3 },
    });

  const exactMatch = (text: string): TitleEntry | null => {
    // Ids are lower-case hex; one copied from a capitalised listing is the same id.
    const direct = byId.get(text.trim().toLowerCase());
    if (direct !== undefined) return direct;
    const words = tokenize(text);
    // The first paper to arrive with that title or acronym wins a collision.
    const found = byNormalised.get(words.join(' ')) ?? byNormalised.get(words.join(''));
    return found === undefined ? null : (byId.get(found[0]!) ?? null);
  };

  return {
    get size() {
      return byId.size;
    },
    add,
    remove,
    exactMatch,
    nearExactMatch(text, candidates) {
      const exact = exactMatch(text);
      if (exact !== null) return exact;
      const words = tokenize(text).join(' ');
      if (words.length < NEAR_EXACT_MIN_CHARS) return null;
      const budget = Math.floor(words.length * NEAR_EXACT_EDITS);
      const near = entries(candidates).find((entry) => {
        const title = tokenize(entry.title).join(' ');
        return Math.abs(title.length - words.length) <= budget && distance(title, words) <= budget;
      });
      return near ?? null;
    },
    lookup(text) {
      const words = tokenize(text);
      // A title's common words ("learning", "for", "models") find half the corpus and tell nothing: the candidates
      // come from the others, and every word counts again in the coverage below.
      const distinctive = words.filter((word) => !common(word));
      const query = distinctive.length > 0 ? distinctive.join(' ') : text;
      const candidates = (fuzzy: boolean, terms = query) => {
        const hits = search(terms, 'OR', fuzzy).slice(0, CANDIDATES).map((hit) => String(hit.id));
        const ranked = entries(hits)
          .map((entry, rank) => {
            const titleWords = tokenize(entry.title);
            const acronym = titleAcronym(entry.title);
            const exact = words.filter((word) => word === acronym || titleWords.includes(word)).length;
            return { entry, rank, coverage: coverage(words, titleWords, acronym), phrase: holdsPhrase(words, titleWords), exact };
          })
          // Of titles holding every word, one holding them as typed is what a partial title was copied from, and
          // of those, the one holding them as whole words ("PAC", not "Package").
          .sort((a, b) => b.coverage - a.coverage || Number(b.phrase) - Number(a.phrase) || b.exact - a.exact || a.rank - b.rank);
        return { exact: this.nearExactMatch(text, hits), ranked };
      };
      // Typo tolerance expands every long word to its neighbours (100 ms for a whole title at 100,000 papers):
      // only when the words as typed find no title holding them all. A mere match is not enough: with a typo in
      // one word, the titles sharing the others ("X Is All You Need") cover 4 of 5 and crowd out the intended one.
      let { exact, ranked } = candidates(false);
      if (exact === null && (ranked[0]?.coverage ?? 0) < 1) ({ exact, ranked } = candidates(true));
      // Still no match, with common words left out: the remaining ones (a typo, a word a hundred short titles share)
      // may not reach the intended title at all, which the common words, all of them together, rank first.
      if (exact === null && (ranked[0]?.coverage ?? 0) < MATCH_COVERAGE && query !== text && distinctive.length < words.length) {
        ({ exact, ranked } = candidates(true, text));
      }
      const best = ranked[0];
      // A query two titles fit equally well names neither ("learning", "the"): the closest titles are listed
      // instead of one picked by the search's order. So is a word or two of stop words only ("a", "a of"),
      // which one title holding them whole is no reason to name; "when why and how" can be a title's start.
      const runnerUp = ranked[1];
      const tied = best !== undefined && runnerUp !== undefined && runnerUp.coverage === best.coverage && runnerUp.phrase === best.phrase && runnerUp.exact === best.exact;
      const names = words.length >= STOP_WORDS_TITLE_START || words.some((word) => processTerm(word) !== null);
      const match = exact ?? (best !== undefined && best.coverage >= MATCH_COVERAGE && !tied && names ? best.entry : null);
      const alternatives = ranked.map(({ entry }) => entry).filter((entry) => entry.id !== match?.id).slice(0, 5);
      return { match, alternatives };
    },
    suggest(prefix, limit) {
      const cap = Math.min(Math.max(limit, 0), MAX_SUGGESTIONS);
      if (cap === 0) return [];
      if (prefix.trim() === '') return order.all().slice(0, Math.min(cap, POPULAR)).map((item) => item.entry);
      const words = tokenize(prefix);
      if (words.length === 0) return [];
      const typed = typedWords(words);
      const scan = scanSuggestions(order.all(), typed, cap);
      const ids = new Set(scan.found.map((entry) => entry.id));
      const take = (found: Iterable<string>): void => {
        for (const id of found) {
          if (ids.size >= cap) return;
          ids.add(id);
        }
      };
      const last = words.length - 1;
      const rare = words.filter((word, i) => i < last && !common(word));
      if (!scan.complete) {
        // The titles holding every word are few: take the smallest list of titles one typed word names — the rarest
        // whole word's, or those of the words the last one can become — and check the others on each (0.1–0.2 µs
        // a title). Most upvoted first, as the scan.
        const rarest = words.slice(0, last).sort((a, b) => byWord.count(a) - byWord.count(b))[0];
        const wholeList = rarest === undefined ? null : byWord.titlesOf(rarest);
        const completing = byWord.completing(words[last]!, wholeList?.size ?? Infinity);
        const holding = completing ?? [...(wholeList ?? [])];
        take(
          holding
            .filter((item) => holdsWords(item, typed))
            .sort((a, b) => byPopularity(a.entry, b.entry))
            .map((item) => item.entry.id),
        );
      }
      // Then titles holding some of the words, and then typo tolerance — leaving out the common words, which would
      // list half the corpus (and are no typo).
      const distinctive = [...rare, words[last]!].join(' ');
      if (ids.size < cap) take(search(distinctive, 'OR', false).map((hit) => String(hit.id)));
      if (ids.size < cap) take(search(distinctive, 'AND', true).map((hit) => String(hit.id)));
      return entries(ids);
    },
  };
}
