/**
 * The lexical side of a search: a query's processed terms, spelled-out typo
 * tolerance, and a bound on the work one query may cost, then BM25 in the
 * store's full-text index.
 */
import { distance } from 'fastest-levenshtein';
import type { LexicalHit, LexicalRepository, PaperFilter } from '../store/store.js';
import { americanVariants, lexicalTerms, processTerm, tokenize } from './text-terms.js';

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
/**
 * An unknown word this long may be the start of a known one ("reid" of "re-identification" → "reidentif"):
 * shorter ones would complete to too much.
 */
export const PREFIX_MIN_LENGTH = 4;

export interface LexicalSearch {
  /** The best `limit` papers for `text` by BM25, best first; then those of `labels` that match too, with their exact scores. */
  search(text: string, filter: PaperFilter, limit: number, labels?: readonly number[]): Promise<LexicalHit[]>;
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

/** Known terms that start with `term` (it is cut short, or a compound's first half), commonest first. */
async function completions(repo: LexicalRepository, term: string): Promise<{ term: string; documents: number }[]> {
  const candidates = await repo.termsWithPrefix(term, FUZZY_CANDIDATES);
  return candidates.sort((a, b) => b.documents - a.documents || (a.term < b.term ? -1 : 1)).slice(0, FUZZY_ALTERNATIVES);
}

/** Each half of a run-together word ("batchnorm" → "batch" + "norm…") is at least this long. */
export const SPLIT_MIN_PART = 4;

/**
 * A word typed as one that the corpus writes as two ("batchnorm" → "batch" "normal", "kmeans" → "k" is too
 * short, so not split): the split with the longest known first half whose second half starts a known term;
 * the first half's term and the second's completions, or none. The reverse of {@link joinedPairs}. Tried
 * before typo tolerance: two exact words explain the word better than one edit ("batchnorm" is not a
 * misspelt "batchform").
 */
async function splitWord(repo: LexicalRepository, word: string): Promise<{ term: string; documents: number }[]> {
  for (let cut = word.length - SPLIT_MIN_PART; cut >= SPLIT_MIN_PART; cut--) {
    const head = processTerm(word.slice(0, cut));
    if (head === null) continue;
    const headDocuments = (await repo.documentFrequencies([head])).get(head) ?? 0;
    if (headDocuments === 0) continue;
    const tails = await completions(repo, word.slice(cut));
    if (tails.length > 0) return [{ term: head, documents: headDocuments }, ...tails];
  }
  return [];
}

/**
 * Two words typed apart that the corpus writes as one ("bi level" → "bilevel", "h consistency" → "hconsist",
 * "ms marco" → "msmarco"): each adjacent pair of the query's words, joined and processed.
 */
export function joinedPairs(text: string): string[] {
  const words = tokenize(text);
  const joined: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const term = processTerm(`${words[i - 1]}${words[i]}`);
    if (term !== null) joined.push(term);
  }
  return joined;
}

/**
 * The query's adjacent word pairs as phrases ("gradient revers", "revers layer"): a paper holding the words
 * together matches the phrase too, so it outranks one that merely has each word somewhere (the
 * sequential-dependence idea of Metzler & Croft, 2005, with BM25 weighting the phrase by its own rarity).
 */
export function adjacentPhrases(text: string): string[] {
  const terms = tokenize(text).flatMap((token) => processTerm(token) ?? []);
  const phrases = new Set<string>();
  for (let i = 1; i < terms.length; i++) if (terms[i - 1] !== terms[i]) phrases.add(`${terms[i - 1]} ${terms[i]}`);
  return [...phrases];
}

/**
 * A query of two words (stop words aside) is most often one name ("split learning", "task vectors"): its
 * phrase counts this many times in BM25 (FTS5 scores a repeated phrase once per mention), so the papers using
 * the name outscore those that hold both words apart ("Split Invariant … Learning"). Fitted on dev: 2, 3 and 4
 * alike (keyword 0.939 → 0.954); counting it twice in every query instead ranked longer questions lower (topic
 * 0.862 → 0.850).
 */
const TWO_WORD_PHRASE_WEIGHT = 2;

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
    async search(text, filter, limit, labels) {
      const terms = [...new Set(lexicalTerms(text))];
      if (terms.length === 0) return [];
      const pairs = joinedPairs(text).filter((term) => !terms.includes(term));
      const american = americanVariants(text);
      const frequencies = await repo.documentFrequencies([...terms, ...pairs, ...american.values()]);
      const known = new Map<string, number>();
      for (const term of pairs) {
        const documents = frequencies.get(term) ?? 0;
        if (documents > 0) known.set(term, documents);
      }
      for (const term of terms) {
        const documents = frequencies.get(term) ?? 0;
        if (documents > 0) known.set(term, documents);
        else if (/^\p{L}+$/u.test(term)) {
          // A British spelling of a word the papers write the American way ("quantisation").
          const variant = american.get(term);
          const variantDocuments = variant === undefined ? 0 : (frequencies.get(variant) ?? 0);
          if (variant !== undefined && variantDocuments > 0) {
            known.set(variant, variantDocuments);
            continue;
          }
          const parts = term.length >= 2 * SPLIT_MIN_PART ? await splitWord(repo, term) : [];
          for (const part of parts) known.set(part.term, part.documents);
          if (parts.length > 0) continue;
          const alternatives = term.length >= FUZZY_MIN_LENGTH ? await spellings(repo, term) : [];
          const found = await repo.documentFrequencies(alternatives);
          for (const alternative of alternatives) known.set(alternative, found.get(alternative) ?? 0);
          if (alternatives.length === 0 && term.length >= PREFIX_MIN_LENGTH) {
            for (const completion of await completions(repo, term)) known.set(completion.term, completion.documents);
          }
        }
      }
      if (known.size === 0) return [];
      const weighed = [...known].map(([term, documents]) => ({ term, documents }));
      // A phrase reads the postings of both its words.
      const repeats = tokenize(text).filter((token) => processTerm(token) !== null).length === 2 ? TWO_WORD_PHRASE_WEIGHT : 1;
      // A word the papers spell the American way is that word in its phrases too.
      const spelt = (term: string): string => ((frequencies.get(term) ?? 0) > 0 ? term : (american.get(term) ?? term));
      for (const typed of adjacentPhrases(text)) {
        const [a = '', b = ''] = typed.split(' ').map(spelt);
        const phrase = `${a} ${b}`;
        const cost = (frequencies.get(a) ?? 0) + (frequencies.get(b) ?? 0);
        if ((frequencies.get(a) ?? 0) > 0 && (frequencies.get(b) ?? 0) > 0) for (let i = 0; i < repeats; i++) weighed.push({ term: phrase, documents: cost });
      }
      return repo.search(withinBudget(weighed), filter, limit, labels);
    },
  };
}
