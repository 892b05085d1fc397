/**
 * Upstream text → the forms a {@link FetchedPaper} promises. Text is only
 * cleaned of what breaks display or matching (control and invisible
 * characters, stray whitespace); markdown, `@everyone` and LaTeX stay as
 * written, because escaping is the renderer's job and stripping here would
 * change what a paper says.
 */

/**
 * Control characters (C0, DEL, C1) and format characters (zero-width
 * space/joiners, bidi overrides, BOM, soft hyphen): invisible, but they split
 * words and make two copies of one title compare unequal. Controls that are
 * whitespace (tab, CR, LF…) become spaces instead of vanishing.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

/** Any run of whitespace, line and paragraph separators included. */
const WHITESPACE = /\s+/g;
const IS_WHITESPACE = /^\s$/;

/** Removes invisible characters and collapses whitespace (newlines included) to single spaces. */
export function collapseText(text: string): string {
  return text
    .normalize('NFC')
    .replace(INVISIBLE, (ch) => (IS_WHITESPACE.test(ch) ? ' ' : ''))
    .replace(WHITESPACE, ' ')
    .trim();
}

/** A title on one line; the same cleaning as {@link collapseText} (which already makes it one line). */
export function cleanTitle(title: string): string {
  return collapseText(title);
}

/** The text, cleaned, or null when nothing is left. */
export function textOrNull(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const cleaned = collapseText(text);
  return cleaned === '' ? null : cleaned;
}

/** `value` when it is an absolute http(s) URL (any other scheme — `javascript:`, `data:` — is dropped), else null. */
export function httpUrlOrNull(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    return url.hostname.includes('.') ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * A non-negative integer count (upvotes, stars), else null. Safe integers only: `1e20` is an integer to
 * JavaScript, but SQLite's INTEGER column refuses it, and one such count failed the whole batch it came in.
 */
export function countOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/** arXiv opened in August 1991. */
const EARLIEST_PAPER_MS = Date.UTC(1991, 0, 1);

/** An ISO 8601 instant for a parseable date-time within arXiv's lifetime (not the future), else null. */
export function isoInstantOrNull(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  // Papers are from arXiv's lifetime, and not from the future: anything else is an upstream's mistake.
  if (ms < EARLIEST_PAPER_MS || ms > Date.now() + 2 * 24 * 60 * 60_000) return null;
  return new Date(ms).toISOString();
}
