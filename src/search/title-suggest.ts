/**
 * Autocomplete's fast path. MiniSearch scores every title holding a query
 * word before it returns any: a common word ("learning", "lea…") is half of a
 * 100,000-title corpus and took 70 ms a keystroke. Autocomplete needs the
 * first 25, so it scans the titles most upvoted first and stops once it has
 * them; a common word fills the list within a few hundred titles. Only when
 * the scan's budget ends with the list short (the words are rare together)
 * does the index answer — from the rarest typed word's titles, which are few.
 */
import { tokenize } from './text-terms.js';
import type { TitleEntry } from './title-index.js';

/** A title as autocomplete reads it: its words between spaces (" low rank adaptation "), and its acronym. */
export interface SuggestEntry {
  readonly entry: TitleEntry;
  readonly words: string;
  readonly acronym: string;
}

export function suggestEntry(entry: TitleEntry, acronym: string): SuggestEntry {
  return { entry, words: ` ${tokenize(entry.title).join(' ')} `, acronym };
}

/** Titles scanned before the index is asked instead: well under a millisecond. */
export const SCAN_BUDGET = 4_000;

const upvotesOf = (item: SuggestEntry): number => item.entry.upvotes ?? 0;

/** Most upvoted first; equal ones keep their order (sorts here are stable). */
export function byPopularity(a: TitleEntry, b: TitleEntry): number {
  return (b.upvotes ?? 0) - (a.upvotes ?? 0);
}

/**
 * Every title, most upvoted first, and among equal upvotes (most papers have none) in the order they arrived.
 * Additions are sorted in when the order is next read: one at a time by binary search, or all at once after a
 * bulk build (100,000 insertions one by one would move 5 billion slots; a sort on the number alone takes
 * milliseconds, where breaking ties by title took 280 ms).
 */
export class PopularityOrder {
  #sorted: SuggestEntry[] = [];
  #added: SuggestEntry[] = [];

  add(item: SuggestEntry): void {
    this.#added.push(item);
  }

  remove(item: SuggestEntry): void {
    const pending = this.#added.indexOf(item);
    if (pending >= 0) {
      this.#added.splice(pending, 1);
      return;
    }
    // Its group of equal upvotes starts here; the item is found in it by identity.
    for (let at = this.#firstBelowOrAt(upvotesOf(item), false); at < this.#sorted.length && upvotesOf(this.#sorted[at]!) === upvotesOf(item); at++) {
      if (this.#sorted[at] === item) {
        this.#sorted.splice(at, 1);
        return;
      }
    }
  }

  all(): readonly SuggestEntry[] {
    if (this.#added.length > 64) {
      this.#sorted = [...this.#sorted, ...this.#added].sort((a, b) => upvotesOf(b) - upvotesOf(a));
    } else {
      for (const item of this.#added) this.#sorted.splice(this.#firstBelowOrAt(upvotesOf(item), true), 0, item);
    }
    this.#added = [];
    return this.#sorted;
  }

  /** The first position holding fewer upvotes than `upvotes` (`after`: past the equal ones) or not more (not `after`). */
  #firstBelowOrAt(upvotes: number, after: boolean): number {
    let low = 0;
    let high = this.#sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const there = upvotesOf(this.#sorted[mid]!);
      if (there > upvotes || (after && there === upvotes)) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

/** What was typed, as the strings a title's words are searched for (built once per keystroke, not per title). */
export interface TypedWords {
  /** " word " for each word before the last, which must be whole. */
  readonly whole: readonly string[];
  /** " wor": the last word, still being typed, starts a word. */
  readonly last: string;
  /** " word wor": the title begins with what was typed; and the acronym's form ("wordwor"). */
  readonly start: string;
  readonly joined: string;
}

export function typedWords(words: readonly string[]): TypedWords {
  return {
    whole: words.slice(0, -1).map((word) => ` ${word} `),
    last: ` ${words.at(-1) ?? ''}`,
    start: ` ${words.join(' ')}`,
    joined: words.join(''),
  };
}

/** Does the title hold every typed word, the last one as the start of a word (it is still being typed)? */
export function holdsWords(item: SuggestEntry, typed: TypedWords): boolean {
  for (const needle of typed.whole) if (!item.words.includes(needle)) return false;
  return item.words.includes(typed.last) || (typed.whole.length === 0 && item.acronym.startsWith(typed.joined));
}

/** Does the title (or its acronym) begin with what was typed? Those come first. */
export function beginsWith(item: SuggestEntry, typed: TypedWords): boolean {
  return item.words.startsWith(typed.start) || (item.acronym !== '' && item.acronym.startsWith(typed.joined));
}

/**
 * The scan: up to `cap` titles holding the words, those beginning with them first, each group most upvoted first.
 * `complete` says whether the list needs nothing more: it is full, or the scan reached the last title. (A full list
 * may miss a title beginning with the words beyond the budget: one less upvoted than the 4,000 scanned.)
 */
export function scanSuggestions(order: readonly SuggestEntry[], typed: TypedWords, cap: number): { found: TitleEntry[]; complete: boolean } {
  const first: TitleEntry[] = [];
  const rest: TitleEntry[] = [];
  const end = Math.min(order.length, SCAN_BUDGET);
  let i = 0;
  for (; i < end && first.length < cap; i++) {
    const item = order[i]!;
    if (!holdsWords(item, typed)) continue;
    if (beginsWith(item, typed)) first.push(item.entry);
    else if (rest.length < cap) rest.push(item.entry);
  }
  const found = [...first, ...rest].slice(0, cap);
  return { found, complete: i === order.length || found.length >= cap };
}


/**
 * The titles holding each word (Sets: a paper updated or removed leaves in O(1)), and the words in order for those a
 * prefix can become. Beside MiniSearch, which scores what it finds: autocomplete only filters such a list.
 */
export class TitlesByWord {
  readonly #titles = new Map<string, Set<SuggestEntry>>();
  #vocabulary: string[] = [];
  /** Words arrived since the vocabulary was last sorted: it is sorted again when next read. */
  #newWords = false;

  add(item: SuggestEntry): void {
    for (const word of wordsOf(item)) {
      const holding = this.#titles.get(word);
      if (holding !== undefined) holding.add(item);
      else {
        this.#titles.set(word, new Set([item]));
        this.#newWords = true;
      }
    }
  }

  remove(item: SuggestEntry): void {
    for (const word of wordsOf(item)) {
      const holding = this.#titles.get(word);
      holding?.delete(item);
      if (holding?.size === 0) this.#titles.delete(word);
    }
  }

  count(word: string): number {
    return this.#titles.get(word)?.size ?? 0;
  }

  titlesOf(word: string): ReadonlySet<SuggestEntry> {
    return this.#titles.get(word) ?? new Set();
  }

  /** The titles holding a word that begins with `start`, or null once there are more than `max` (not worth it). */
  completing(start: string, max: number): SuggestEntry[] | null {
    const words = this.#wordsStartingWith(start);
    let total = 0;
    for (const word of words) if ((total += this.count(word)) > max) return null;
    const out = new Set<SuggestEntry>();
    for (const word of words) for (const item of this.titlesOf(word)) out.add(item);
    return [...out];
  }

  #wordsStartingWith(start: string): string[] {
    if (this.#newWords) this.#vocabulary = [...this.#titles.keys()].sort();
    this.#newWords = false;
    const vocabulary = this.#vocabulary;
    let low = 0;
    let high = vocabulary.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (vocabulary[mid]! < start) low = mid + 1;
      else high = mid;
    }
    const out: string[] = [];
    for (let i = low; i < vocabulary.length && vocabulary[i]!.startsWith(start); i++) out.push(vocabulary[i]!);
    return out;
  }
}

function wordsOf(item: SuggestEntry): Set<string> {
  return new Set([...item.words.trim().split(' '), item.acronym].filter((word) => word !== ''));
}
