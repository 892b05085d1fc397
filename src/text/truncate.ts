/**
 * Shortens text to a length limit at a word boundary, ending with an ellipsis,
 * so a limit never cuts a word (or a surrogate pair) in half.
 */

export const ELLIPSIS = '…';

export function truncateAtWord(text: string, limit: number): string {
  if (limit <= 0) return '';
  if (text.length <= limit) return text;
  if (limit === 1) return ELLIPSIS;
  const room = text.slice(0, limit - ELLIPSIS.length + 1);
  const lastSpace = room.search(/\s\S*$/);
  // Without a space in the back half, a word boundary would waste most of the room: cut inside the word.
  let cut = lastSpace > room.length / 2 ? lastSpace : limit - ELLIPSIS.length;
  // Never split a surrogate pair (an emoji) in two.
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return text.slice(0, cut).replace(/[\s,;:.\-–—]+$/u, '') + ELLIPSIS;
}
