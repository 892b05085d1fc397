/**
 * The lexical side of a search: a query's processed terms, spelled-out typo
 * tolerance, and a bound on the work one query may cost, then BM25 in the
 * store's full-text index.
 */
import { distance } from 'fastest-levenshtein';
import type { LexicalHit, LexicalRepository, PaperFilter } from '../store/store.js';
import { lexicalTerms } from './text-terms.js';

/**
 * A query reads at most about this many postings. Beyond it the commonest
 * terms are dropped first: they carry the least BM25 weight (a term in 80 %
 * of papers has an IDF of ~0.2 against ~4.6 for one in 1 %), and at 100,000
 * papers "model" alone has ~90,000 postings and cost 45–90 ms. Below ~20,000
 * papers no query reaches it, so small corpora rank on every term.
 */
export const POSTINGS_BUDGET = 20_000;
/** Only words this long get typo tolerance: shorter ones are too close to other real words. */
const FUZZY_MIN_LENGTH = 6;
/** One edit per this many characters, as MiniSearch's `fuzzy: 0.2` used to allow. */
const CHARS_PER_EDIT = 5;
/** Candidates for a misspelt term share its first characters (a typo there is left to the dense side). */
const FUZZY_PREFIX = 2;
const FUZZY_CANDIDATES = 5_000;
/** A misspelt term is replaced by at most this many known spellings. */
const FUZZY_ALTERNATIVES = 3;

export interface LexicalSearch {
  search(text: string, filter: PaperFilter, limit: number): Promise<LexicalHit[]>;
}

/** Known terms within a typo of `term`, commonest first (how MiniSearch's fuzzy matching behaved, over the stored vocabulary). */
async function spellings(repo: LexicalRepository, term: string): Promise<string[]> {
  const edits = Math.floor(term.length / CHARS_PER_EDIT);
  const candidates = await repo.termsWithPrefix(term.slice(0, FUZZY_PREFIX), FUZZY_CANDIDATES);
  return candidates
    .filter((c) => Math.abs(c.term.length - term.length) <= edits && distance(c.term, term) <= edits)
    .sort((a, b) => b.documents - a.documents)
    .slice(0, FUZZY_ALTERNATIVES)
    .map((c) => c.term);
}

/** Rarest first, as many as fit the postings budget (always at least the rarest one). */
export function withinBudget(terms: readonly { term: string; documents: number }[], budget = POSTINGS_BUDGET): string[] {
  const kept: string[] = [];
  let postings = 0;
  for (const { term, documents } of [...terms].sort((a, b) => a.documents - b.documents || (a.term < b.term ? -1 : 1))) {
    if (kept.length > 0 && postings + documents > budget) break;
    kept.push(term);
    postings += documents;
  }
  return kept;
}

export function createLexicalSearch(repo: LexicalRepository): LexicalSearch {
  return {
    async search(text, filter, limit) {
      const terms = [...new Set(lexicalTerms(text))];
      if (terms.length === 0) return [];
      const frequencies = await repo.documentFrequencies(terms);
      const known: { term: string; documents: number }[] = [];
      for (const term of terms) {
        const documents = frequencies.get(term) ?? 0;
        if (documents > 0) known.push({ term, documents });
        else if (term.length >= FUZZY_MIN_LENGTH && /^\p{L}+$/u.test(term)) {
          const alternatives = await spellings(repo, term);
          const found = await repo.documentFrequencies(alternatives);
          for (const alternative of alternatives) known.push({ term: alternative, documents: found.get(alternative) ?? 0 });
        }
      }
      if (known.length === 0) return [];
      return repo.search(withinBudget(known), filter, limit);
    },
  };
}
