/**
 * Paper identity: the same paper appears in several listing files, and an id
 * must survive restarts, re-ordered or renamed files — so both the duplicate
 * key and the id come from the title alone.
 */
import { createHash } from 'node:crypto';

/** Hex characters kept from the sha256: 48 bits, collision-free for any realistic corpus. */
export const PAPER_ID_LENGTH = 12;

/** Apostrophes vanish rather than split a word, so `Don't` and `Dont` agree. */
const APOSTROPHES = /['\u2018\u2019\u02bc`]/g;
/** Any run of characters that is neither a letter nor a digit. */
const NON_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * Case-, whitespace- and punctuation-insensitive form of a title: NFKC,
 * lower-case, punctuation replaced by single spaces, trimmed.
 *
 * @example normaliseTitle("[Re] Don't  Judge: an Object!") === 're dont judge an object'
 */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(NON_WORD, ' ')
    .trim();
}

/** Stable id of a paper: the first {@link PAPER_ID_LENGTH} hex chars of sha256(normaliseTitle(title)). */
export function paperId(title: string): string {
  return createHash('sha256').update(normaliseTitle(title), 'utf8').digest('hex').slice(0, PAPER_ID_LENGTH);
}
