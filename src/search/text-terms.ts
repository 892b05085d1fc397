/**
 * How text becomes search terms for the lexical indexes: lower-cased words,
 * English stop words dropped, Porter-stemmed (the `stemmer` package: a
 * well-kept implementation, so "merging" finds "merge" without our own rules).
 */
import { stemmer } from 'stemmer';

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
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
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

/** Every processed term of a text, in order and with repeats (what the lexical index stores, so BM25 sees term frequencies). */
export function lexicalTerms(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = processTerm(token);
    if (term !== null) terms.push(term);
  }
  return terms;
}

/** The distinct processed terms of a text (for sentence overlap scoring). */
export function termSet(text: string): Set<string> {
  const terms = new Set<string>();
  for (const token of tokenize(text)) {
    const term = processTerm(token);
    if (term !== null) terms.add(term);
  }
  return terms;
}
