/**
 * Text helpers every rendered string goes through: escaping text that came
 * from users or papers, and cutting text to a limit at a word boundary.
 */
import { escapeMarkdown } from 'discord.js';

export const ELLIPSIS = '…';

/**
 * A cut that lands before this fraction of the budget wastes too much text,
 * so a single very long "word" (a URL, a hash, a pasted blob) is cut mid-word.
 */
const MIN_WORD_CUT = 0.5;

/** Escapes every markdown construct (including headings, lists and masked links) so text renders literally. */
export function escapeText(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
}

/** Collapses runs of whitespace (newlines included) to single spaces: for labels and one-line names. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Shortens `text` to at most `max` UTF-16 units (Discord's counting is never
 * stricter), ending with an ellipsis at a word boundary when one is close
 * enough. Never splits a surrogate pair or leaves a dangling markdown escape.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  let cut = text.slice(0, max - ELLIPSIS.length);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const lastSpace = cut.search(/\s\S*$/);
  if (lastSpace >= cut.length * MIN_WORD_CUT) cut = cut.slice(0, lastSpace);
  cut = cut.replace(/[\s,;:]+$/, '');
  // An odd run of trailing backslashes means we cut between an escape and the character it escaped.
  const trailing = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (trailing % 2 === 1) cut = cut.slice(0, -1);
  return cut + ELLIPSIS;
}

/**
 * Joins as many whole items as fit in `max`, then says "… and N more", so a
 * list is never cut in the middle of an item (a link, a title).
 */
export function joinWithin(items: readonly string[], separator: string, max: number): string {
  const render = (shown: number): string => {
    const head = items.slice(0, shown).join(separator);
    const hidden = items.length - shown;
    if (hidden === 0) return head;
    const more = `${ELLIPSIS} and ${hidden} more`;
    return head === '' ? more : head + separator + more;
  };
  for (let shown = items.length; shown >= 0; shown--) {
    const text = render(shown);
    if (text.length <= max) return text;
  }
  return truncate(render(0), max);
}
