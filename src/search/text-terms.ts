/**
 * How text becomes search terms for the lexical indexes: folded (accents,
 * LaTeX accents), lower-cased words, English stop words dropped,
 * Porter-stemmed (the `stemmer` package: a well-kept implementation, so
 * "merging" finds "merge" without our own rules). A compound written with
 * hyphens or with letters and digits run together is indexed as its parts
 * and as one word, as Lucene's word-delimiter filter does, so `low-rank`,
 * `low rank` and `lowrank`, `CIFAR-100` and `cifar100`, `t-SNE` and `tsne` meet.
 */
import { stemmer } from 'stemmer';
import { foldText } from './fold-text.js';

/** Words too common in abstracts and questions to say anything about a topic. */
const STOP_WORDS = new Set(
  (
    'a an and are as at be been being but by can could did do does for from had has have how i if in into is it its ' +
    'me my no not of on or our over so such than that the their them then there these they this those to too up us ' +
    'was we were what when where which while who whom why will with would you your about any all also more most other ' +
    'some only very via per paper papers approach method methods propose proposed show shows using use used based'
  ).split(' '),
);

/** Splits on anything that is not a letter or digit, so "fine-tuning" → "fine", "tuning" and markdown is ignored. */
export function tokenize(text: string): string[] {
  return foldText(text).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * A word with its compound joints: letters and digits, joined by hyphens (any dash a PDF leaves inside a
 * word) or by `~` (LaTeX's unbreakable space, as in "MS~MARCO").
 */
const COMPOUND = /[\p{L}\p{N}]+(?:[-‐‑‒–~][\p{L}\p{N}]+)*/gu;
const JOINT = /[-‐‑‒–~]/;
/** Where letters meet digits inside a word ("cifar100", "llama3", "4bit"). */
const LETTER_DIGIT = /(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u;

/**
 * The words of a text, each compound followed by its parts: "Split-CIFAR100" → "split", "cifar", "100",
 * "splitcifar100"; a plain word stays one word. Folded and lower-cased, not yet stemmed.
 */
export function compoundTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const [word] of foldText(text).toLowerCase().matchAll(COMPOUND)) {
    const parts = word.split(JOINT).flatMap((piece) => piece.split(LETTER_DIGIT));
    tokens.push(...parts);
    // Numbers joined to numbers ("2-3") are ranges, not one word.
    if (parts.length > 1 && /\p{L}/u.test(word)) tokens.push(parts.join(''));
  }
  return tokens;
}

/**
 * British endings and their American forms, for a query word no paper holds as typed ("quantisation",
 * "normalise", "behaviour", "modelling", "centre" → "quantization", …): Porter's stemmer keeps the two apart
 * ("quantis" / "quantiz", "modell" / "model"). Only tried when the word as typed is unknown, since some words
 * merely look British ("supervise" must keep meeting "supervision").
 */
const BRITISH_ENDINGS: readonly (readonly [RegExp, string])[] = [
  [/is(e|ed|es|ing|er|ers|ation|ations)$/, 'iz$1'],
  [/ys(e|ed|es|ing|er|ers)$/, 'yz$1'],
  [/(?<=\p{L}{3})our(s|ed|ing|ite|ites|able)?$/u, 'or$1'],
  [/ell(ing|ed|er|ers)$/, 'el$1'],
  [/(?<=\p{L}{2})tre(s)?$/u, 'ter$1'],
  [/ogue(s)?$/, 'og$1'],
  [/^(de|of)fence(s)?$/, '$1fense$2'],
  [/^licence(s|d)?$/, 'license$1'],
];

/** A lower-case word in American spelling (see {@link BRITISH_ENDINGS}); the word itself when none applies. */
export function americanSpelling(word: string): string {
  for (const [ending, american] of BRITISH_ENDINGS) if (ending.test(word)) return word.replace(ending, american);
  return word;
}

/** Stems already computed: the corpus has a few thousand distinct words and start-up stems each many times. */
const stems = new Map<string, string>();
/** Bounds the memo for a long-running bot fed arbitrary queries. */
const MAX_MEMO = 50_000;

/** A token as stored and searched in the topic index, or null to drop it. */
export function processTerm(token: string): string | null {
  const term = token.toLowerCase();
  if (STOP_WORDS.has(term)) return null;
  if (!/^\p{L}+$/u.test(term)) return term;
  let stem = stems.get(term);
  if (stem === undefined) {
    stem = stemmer(term);
    if (stems.size < MAX_MEMO) stems.set(term, stem);
  }
  return stem;
}

/**
 * Every processed term of a text, in order and with repeats (what the lexical index stores, so BM25 sees
 * term frequencies), compounds as their parts and as one word.
 */
export function lexicalTerms(text: string): string[] {
  const terms: string[] = [];
  for (const token of compoundTokens(text)) {
    const term = processTerm(token);
    if (term !== null) terms.push(term);
  }
  return terms;
}

/** The distinct processed terms of a text (for sentence overlap scoring). */
export function termSet(text: string): Set<string> {
  return new Set(lexicalTerms(text));
}

/**
 * For each query word whose American spelling is another term ("quantisation": "quantis" → "quantiz"), that
 * term: what the lexical search and the word coverage try when the word as typed is in no paper.
 */
export function americanVariants(text: string): Map<string, string> {
  const variants = new Map<string, string>();
  for (const token of compoundTokens(text)) {
    const term = processTerm(token);
    if (term === null || !/^\p{L}+$/u.test(term)) continue;
    const american = processTerm(americanSpelling(token));
    if (american !== null && american !== term) variants.set(term, american);
  }
  return variants;
}
