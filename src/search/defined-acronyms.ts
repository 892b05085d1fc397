/**
 * The acronyms an abstract defines for what its own title names, as in
 * "Neural Graph Collaborative Filtering (NGCF)" under that title: how people
 * name a paper whose title does not spell its method's short name. An acronym
 * the abstract merely uses ("graph neural networks (GNNs)" under "Mind The
 * Gap") names some other work. Read from the abstract when a title lookup
 * needs them, so nothing is stored for them.
 */
import { processTerm, tokenize } from './text-terms.js';

/** A parenthesis this short can hold an acronym; longer ones are asides. */
const MAX_INSIDE_CHARS = 16;
/** Two letters are too likely to be some other word someone types ("cl", "ir"). */
const MIN_ACRONYM_CHARS = 3;
/** The words an acronym abbreviates are read from at most this far before its bracket. */
const EXPANSION_CHARS = 120;
/** An expansion is compared on at most this many words (one per capital of the acronym). */
const MAX_EXPANSION_WORDS = 4;

const contentTerms = (text: string): string[] => tokenize(text).flatMap((token) => processTerm(token) ?? []);

/**
 * Folded, lower-cased acronyms ("(AIO-P)" → "aiop", "(BT^2)" → "bt2"): text in brackets with at least two
 * capitals, whose words before the bracket — as many as it has capitals, up to four — are the title's but one.
 */
export function ownAcronyms(title: string, abstract: string): string[] {
  const titleTerms = new Set(contentTerms(title));
  const found = new Set<string>();
  for (const match of abstract.matchAll(/\(([^()]{2,40})\)/g)) {
    const inside = match[1] ?? '';
    if (inside.length > MAX_INSIDE_CHARS || !/^[\p{L}\p{N}^'’-]+$/u.test(inside)) continue;
    const capitals = inside.match(/\p{Lu}/gu)?.length ?? 0;
    if (capitals < 2) continue;
    const acronym = tokenize(inside).join('');
    if (acronym.length < MIN_ACRONYM_CHARS || found.has(acronym)) continue;
    const before = abstract.slice(Math.max(0, match.index - EXPANSION_CHARS), match.index);
    const expansion = contentTerms(before).slice(-Math.min(capitals, MAX_EXPANSION_WORDS));
    const inTitle = expansion.filter((term) => titleTerms.has(term)).length;
    if (expansion.length >= 2 && inTitle >= expansion.length - 1) found.add(acronym);
  }
  return [...found];
}
