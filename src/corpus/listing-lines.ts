/**
 * The kinds of line a Daily Papers dump is made of. Titles and abstracts are
 * free text; everything else is recognised here.
 */
import { parseDateLine, type DateLine } from './paper-date.js';

/** Site chrome printed above the papers, compared case-insensitively after trimming. */
const HEADER_LINES = new Set([
  'new',
  'get trending papers in your email inbox!',
  'subscribe',
  'daily papers',
  'byak and the research community',
]);

/** A listing must show at least one of these (one dump lacks `Daily Papers`, so either will do). */
const HEADER_MARKERS = new Set(['daily papers', 'byak and the research community']);

/** A non-blank line with its 1-based number in the file. */
export interface NumberedLine {
  readonly n: number;
  readonly text: string;
}

/** What a line below the header can be, besides title/abstract text. */
export type MetaLine =
  | { readonly kind: 'authors'; readonly count: number | null }
  | { readonly kind: 'separator' }
  | { readonly kind: 'date'; readonly value: DateLine };

const AUTHORS = /^•\s*(?:(\d{1,4})\s+authors?)?/i;

/** Classifies `  • 3 authors`, `·` and date lines; `null` for anything else (title or abstract text). */
export function metaLine(text: string): MetaLine | null {
  const trimmed = text.trim();
  const authors = AUTHORS.exec(trimmed);
  if (authors) return { kind: 'authors', count: authors[1] === undefined ? null : Number(authors[1]) };
  if (trimmed === '·') return { kind: 'separator' };
  const date = parseDateLine(trimmed);
  return date ? { kind: 'date', value: date } : null;
}

/** True for a known line of site chrome (`Subscribe`, `Daily Papers`, …). */
export function isHeaderLine(text: string): boolean {
  return HEADER_LINES.has(text.trim().toLowerCase());
}

/** True for a header line that identifies the file as a Daily Papers listing. */
export function isHeaderMarker(text: string): boolean {
  return HEADER_MARKERS.has(text.trim().toLowerCase());
}

/**
 * How a text ends its lines: LF or CRLF; a lone CR only in a file that has no
 * LF at all (classic Mac OS). Elsewhere a lone CR is a stray character inside
 * a line — scraped abstracts contain them — and splitting there cut one paper
 * into two, the tail becoming a "paper" that stole the original's metadata.
 */
function lineBreak(text: string): RegExp {
  return text.includes('\n') ? /\r?\n/ : /\r/;
}

/** Non-blank lines with their numbers; LF, CRLF or CR-only endings and a leading BOM are tolerated. */
export function numberedLines(text: string): NumberedLine[] {
  const out: NumberedLine[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(lineBreak(text))
    .forEach((raw, i) => {
      const collapsed = raw.replace(/\s+/g, ' ').trim();
      if (collapsed !== '') out.push({ n: i + 1, text: collapsed });
    });
  return out;
}
