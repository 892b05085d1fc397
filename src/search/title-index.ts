/**
 * Title lookup and autocomplete. Forgives case, partial titles, the acronym
 * before a colon ("SFPrompt", "CorDA") and typos; answers from memory.
 */
import { distance } from 'fastest-levenshtein';
import MiniSearch from 'minisearch';
import type { Paper } from '../corpus/paper.js';
import { truncateAtWord } from '../text/truncate.js';
import { tokenize } from './text-terms.js';

/** Discord's limits for autocomplete, which the engine's `suggest` honours for every caller. */
export const MAX_SUGGESTIONS = 25;
export const MAX_SUGGESTION_CHARS = 100;
/** Share of the query's words that must be found in a title to call it a match rather than a guess. */
const MATCH_COVERAGE = 0.75;
const CANDIDATES = 10;
/** A whole title typed with up to this share of characters wrong still counts as that title. */
const NEAR_EXACT_EDITS = 0.1;
const NEAR_EXACT_MIN_CHARS = 12;

interface TitleDoc {
  readonly id: string;
  readonly title: string;
  readonly acronym: string;
}

export interface TitleIndex {
  /** The paper whose title (or acronym) the text is, allowing a small typo in a long title; else null. */
  exactMatch(text: string): Paper | null;
  lookup(text: string): { match: Paper | null; alternatives: Paper[] };
  suggest(prefix: string, limit: number): { id: string; title: string }[];
}

/** "SFPrompt: Communication-…" → "sfprompt"; titles without a short lead-in before a colon have none. */
export function titleAcronym(title: string): string {
  const colon = title.indexOf(':');
  if (colon <= 0 || colon > 40) return '';
  return tokenize(title.slice(0, colon)).join('');
}

/** Does the query word `q` match the title word `t`, allowing a typo or (for the last word typed) a prefix? */
function wordMatches(q: string, t: string, isLast: boolean): boolean {
  if (q === t) return true;
  if (isLast && q.length >= 3 && t.startsWith(q)) return true;
  const allowed = q.length >= 8 ? 2 : q.length >= 4 ? 1 : 0;
  return allowed > 0 && distance(q, t) <= allowed;
}

function coverage(queryWords: readonly string[], title: string): number {
  if (queryWords.length === 0) return 0;
  const titleWords = [...tokenize(title), tokenize(title.slice(0, Math.max(0, title.indexOf(':')))).join('')];
  const found = queryWords.filter((q, i) => titleWords.some((t) => wordMatches(q, t, i === queryWords.length - 1)));
  return found.length / queryWords.length;
}

export function createTitleIndex(papers: readonly Paper[]): TitleIndex {
  const byId = new Map(papers.map((paper) => [paper.id, paper]));
  const byNormalised = new Map<string, Paper>();
  for (const paper of papers) {
    byNormalised.set(tokenize(paper.title).join(' '), paper);
    const acronym = titleAcronym(paper.title);
    if (acronym !== '' && !byNormalised.has(acronym)) byNormalised.set(acronym, paper);
  }
  const index = new MiniSearch<TitleDoc>({ fields: ['title', 'acronym'], storeFields: [], tokenize });
  index.addAll(papers.map((paper) => ({ id: paper.id, title: paper.title, acronym: titleAcronym(paper.title) })));
  const fuzzy = (term: string) => (term.length >= 4 ? 0.25 : false);
  const search = (text: string, combineWith: 'AND' | 'OR') =>
    index.search(text, { prefix: (term) => term.length >= 2, fuzzy, combineWith, boost: { acronym: 3 } });
  // Autocomplete with nothing typed yet: the most upvoted, then newest, papers.
  const popular = [...papers].sort((a, b) => (b.upvotes ?? 0) - (a.upvotes ?? 0) || a.title.localeCompare(b.title));

  const normalisedTitles = [...byNormalised.entries()];
  const exactMatch = (text: string): Paper | null => {
    const words = tokenize(text).join(' ');
    const found = byId.get(text.trim()) ?? byNormalised.get(words) ?? byNormalised.get(words.replaceAll(' ', ''));
    if (found !== undefined || words.length < NEAR_EXACT_MIN_CHARS) return found ?? null;
    const budget = Math.floor(words.length * NEAR_EXACT_EDITS);
    const near = normalisedTitles.find(([title]) => Math.abs(title.length - words.length) <= budget && distance(title, words) <= budget);
    return near?.[1] ?? null;
  };

  return {
    exactMatch,
    lookup(text) {
      const exact = exactMatch(text);
      const words = tokenize(text);
      const ranked = search(text, 'OR')
        .slice(0, CANDIDATES)
        .map((hit) => byId.get(String(hit.id)))
        .filter((paper): paper is Paper => paper !== undefined)
        .map((paper, rank) => ({ paper, rank, coverage: coverage(words, paper.title) }))
        .sort((a, b) => b.coverage - a.coverage || a.rank - b.rank);
      const best = ranked[0];
      const match = exact ?? (best !== undefined && best.coverage >= MATCH_COVERAGE ? best.paper : null);
      const alternatives = ranked.map(({ paper }) => paper).filter((paper) => paper !== match).slice(0, 5);
      return { match, alternatives };
    },
    suggest(prefix, limit) {
      const cap = Math.min(Math.max(limit, 0), MAX_SUGGESTIONS);
      const ids = new Set<string>();
      if (prefix.trim() === '') popular.slice(0, cap).forEach((paper) => ids.add(paper.id));
      for (const combine of ['AND', 'OR'] as const) {
        for (const hit of search(prefix, combine)) {
          if (ids.size >= cap) break;
          ids.add(String(hit.id));
        }
      }
      return [...ids].map((id) => ({ id, title: truncateAtWord(byId.get(id)?.title ?? id, MAX_SUGGESTION_CHARS) }));
    },
  };
}
