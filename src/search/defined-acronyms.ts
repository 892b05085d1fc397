/**
 * The acronyms an abstract defines, as in "Neural Graph Collaborative
 * Filtering (NGCF)": how people name a paper whose title does not spell its
 * method's short name. Read from the abstract when a title lookup needs them,
 * so nothing is stored for them.
 */
import { tokenize } from './text-terms.js';

/** A parenthesis this short can hold an acronym; longer ones are asides. */
const MAX_INSIDE_CHARS = 16;
/** Two letters are too likely to be some other word someone types ("cl", "ir"). */
const MIN_ACRONYM_CHARS = 3;

/** Folded, lower-cased acronyms ("(AIO-P)" → "aiop", "(LLMs)" → "llms"): text in brackets with at least two capitals. */
export function definedAcronyms(abstract: string): string[] {
  const found = new Set<string>();
  for (const [, inside = ''] of abstract.matchAll(/\(([^()]{2,40})\)/g)) {
    if (inside.length > MAX_INSIDE_CHARS || !/^[\p{L}\p{N}-]+$/u.test(inside) || !/\p{Lu}.*\p{Lu}/u.test(inside)) continue;
    const acronym = tokenize(inside).join('');
    if (acronym.length >= MIN_ACRONYM_CHARS) found.add(acronym);
  }
  return [...found];
}
