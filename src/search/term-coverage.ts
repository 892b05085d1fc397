/**
 * How much of a query one paper's text holds: the share of the query's words
 * (stop words aside) found in it, forgiving what the lexical search forgives:
 * a word cut short ("reid" of "re-identification"), two words the paper
 * writes as one ("bi level" / "bilevel"), one word it writes as two
 * ("batchnorm" / "batch normalization") and a British spelling of its word
 * ("quantisation" / "quantization").
 */
import { PREFIX_MIN_LENGTH, SPLIT_MIN_PART } from './lexical-search.js';
import { americanVariants, processTerm, tokenize } from './text-terms.js';

/** Share (0–1) of the query's words that `terms` (a paper's term set) holds; 0 for a query with no words. */
export function termCoverage(query: string, terms: ReadonlySet<string>): number {
  const raw = tokenize(query);
  const distinct = [...new Set(raw.flatMap((token) => processTerm(token) ?? []))];
  if (distinct.length === 0) return 0;
  const covered = new Set<string>();
  const starts = (prefix: string): boolean => {
    if (prefix.length < PREFIX_MIN_LENGTH) return false;
    for (const term of terms) if (term.startsWith(prefix)) return true;
    return false;
  };
  const has = (unit: string): boolean => terms.has(unit) || starts(unit);
  // A word the paper writes as two: a whole word of it, then the start of another ("batch" + "norm…").
  const splits = (unit: string): boolean => {
    if (!/^\p{L}+$/u.test(unit)) return false;
    for (let cut = SPLIT_MIN_PART; cut <= unit.length - SPLIT_MIN_PART; cut++) {
      const head = processTerm(unit.slice(0, cut));
      if (head !== null && terms.has(head) && starts(unit.slice(cut))) return true;
    }
    return false;
  };
  const american = americanVariants(query);
  const hasAmerican = (unit: string): boolean => {
    const variant = american.get(unit);
    return variant !== undefined && has(variant);
  };
  for (const unit of distinct) if (has(unit) || splits(unit) || hasAmerican(unit)) covered.add(unit);
  // Neighbouring words written as one in the paper ("bi" "level" → "bilevel").
  for (let i = 1; i < raw.length; i++) {
    const joined = processTerm(`${raw[i - 1]}${raw[i]}`);
    if (joined === null || !terms.has(joined)) continue;
    for (const word of [raw[i - 1]!, raw[i]!]) {
      const unit = processTerm(word);
      if (unit !== null) covered.add(unit);
    }
  }
  return distinct.filter((unit) => covered.has(unit)).length / distinct.length;
}
