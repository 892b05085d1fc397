/**
 * How much of a paper's text paperbot keeps. Real abstracts run to about
 * 2,000 characters (arXiv caps them at 1,920); text far past that is not an
 * abstract, and tokenising, segmenting and embedding megabytes of it would
 * hold up every paper queued behind it. Longer text is cut, never refused:
 * the start of an over-long abstract still says what the paper is about.
 */
export const MAX_ABSTRACT_CHARS = 6_000;
/** Hugging Face's machine summary is a sentence or two. */
export const MAX_SITE_SUMMARY_CHARS = 2_000;
/** Keywords and author names: a list longer than this is an upstream's mistake, not a paper's. */
export const MAX_LIST_ITEMS = 200;
export const MAX_LIST_ITEM_CHARS = 200;

/** `text` when within `max` characters; else cut at the last space before it (mid-word only when there is none), with "…". */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** At most {@link MAX_LIST_ITEMS} items, each capped to {@link MAX_LIST_ITEM_CHARS}. */
export function capList(items: readonly string[]): string[] {
  return items.slice(0, MAX_LIST_ITEMS).map((item) => capText(item, MAX_LIST_ITEM_CHARS));
}
