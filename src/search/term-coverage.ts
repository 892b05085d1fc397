/**
 * How much of a query one paper's text holds: the share of the query's words
 * (stop words aside) found in it, forgiving what the lexical search forgives:
 * a word cut short ("reid" of "re-identification") and two words the paper
 * writes as one ("bi level" / "bilevel").
 */
import { processTerm, tokenize } from './text-terms.js';

/** A query word this long may be the start of the paper's word (as in lexical-search.ts). */
const PREFIX_MIN_LENGTH = 4;

/** Share (0–1) of the query's words that `terms` (a paper's term set) holds; 0 for a query with no words. */
export function termCoverage(query: string, terms: ReadonlySet<string>): number {
  const raw = tokenize(query);
  const distinct = [...new Set(raw.flatMap((token) => processTerm(token) ?? []))];
  if (distinct.length === 0) return 0;
  const covered = new Set<string>();
  const has = (unit: string): boolean => {
    if (terms.has(unit)) return true;
    if (unit.length < PREFIX_MIN_LENGTH) return false;
    for (const term of terms) if (term.startsWith(unit)) return true;
    return false;
  };
  for (const unit of distinct) if (has(unit)) covered.add(unit);
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
