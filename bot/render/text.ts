/**
 * Text helpers every rendered string goes through: escaping text that came
 * from users or papers, and cutting text to a limit at a word boundary.
 */
import { escapeMarkdown } from 'discord.js';
import { ELLIPSIS, truncateAtWord } from '../../src/text/truncate.js';

export { ELLIPSIS };

/** `@everyone`, `@here` and user, role and channel mentions, which render as pings even where none is sent. */
const MENTION = /@(?=everyone|here)|<[@#](?=[!&]?\d)/giu;
/**
 * Discord's other markup in angle brackets: a slash-command mention (`</papers about:123>`, a clickable
 * command chip), a timestamp (`<t:0:R>`), a custom emoji (`<:name:123>`), a server page (`<id:customize>`).
 */
const DISCORD_MARKUP = /<(?=\/[^<>\n]{1,100}:\d+>|t:-?\d+(?::[a-z])?>|a?:\w+:\d+>|id:[\w-]+(?::\d+)?>)/giu;

/**
 * A zero-width space after the `@` of `@everyone`/`@here` and of `<@…>`/`<@&…>`
 * (after the `#` of `<#…>`, the `<` of other markup): the text reads the same
 * but is no longer a mention or a command chip. `allowedMentions: { parse: [] }`
 * already stops the ping; this stops the mention from rendering, and guards
 * any path that forgot the option.
 */
export function neutraliseMentions(text: string): string {
  return text.replace(MENTION, (match) => `${match}\u200b`).replace(DISCORD_MARKUP, '<\u200b');
}

/** Escapes every markdown construct (including headings, lists and masked links) and neutralises mentions, so text renders literally. */
export function escapeText(text: string): string {
  return neutraliseMentions(escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true }));
}

/** Collapses runs of whitespace (newlines included) to single spaces: for labels and one-line names. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Shortens `text` to at most `max` UTF-16 units (Discord's counting is never
 * stricter) at a word boundary with an ellipsis — the engine's one truncation
 * routine — and never leaves a dangling markdown escape before the ellipsis.
 */
export function truncate(text: string, max: number): string {
  const cut = truncateAtWord(text, max);
  if (cut === text || !cut.endsWith(ELLIPSIS)) return cut;
  const body = cut.slice(0, -ELLIPSIS.length);
  // An odd run of trailing backslashes means the cut fell between an escape and the character it escaped.
  const trailing = /\\+$/.exec(body)?.[0].length ?? 0;
  return (trailing % 2 === 1 ? body.slice(0, -1) : body) + ELLIPSIS;
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
