/**
 * Text of one Daily Papers dump → its paper entries. Pure: no file system.
 *
 * Shape: site chrome (`new`, `Subscribe`, `Daily Papers`, `byAK and the
 * research community`, page date), then per paper a title line and an
 * abstract line, usually followed by a metadata block (`• N authors`, `·`,
 * `Jul 24, 2024 [upvotes]`). Some dumps have no metadata at all, and a single
 * entry may lack it in a dump that otherwise has it.
 */
import { extractCodeLinks } from './extract-code-links.js';
import { isHeaderLine, isHeaderMarker, metaLine, numberedLines, type NumberedLine } from './listing-lines.js';
import type { PaperDate } from './paper.js';
import { capText, MAX_ABSTRACT_CHARS } from './text-limits.js';

/** One paper as printed in one file. */
export interface ListingEntry {
  readonly title: string;
  readonly abstract: string;
  /** 1-based line of the title. */
  readonly line: number;
  readonly authors: number | null;
  readonly date: PaperDate | null;
  readonly upvotes: number | null;
  readonly codeLinks: readonly string[];
}

/** Something odd but survivable inside a file, reported rather than thrown. */
export interface ListingIssue {
  readonly line: number;
  readonly reason: string;
}

export type ParsedListing =
  | { readonly ok: true; readonly pageDate: PaperDate | null; readonly entries: ListingEntry[]; readonly issues: ListingIssue[] }
  | { readonly ok: false; readonly reason: string };

/** Real titles stay far below this (max 155 chars in the seeds) while abstracts run past 1,000. */
export const MAX_TITLE_CHARS = 300;

/**
 * A line that could be a title but not an abstract: title-length and not
 * ending a sentence. Real abstracts run past 1,000 characters and end with a
 * full stop; titles seldom do (they may end with a question mark).
 */
function readsLikeTitle(text: string): boolean {
  return text.length <= MAX_TITLE_CHARS && !/[.!]["')\]]*$/.test(text);
}

/** Consumes the header; returns the index of the first line after it, or a failure reason. */
function readHeader(lines: readonly NumberedLine[]): { start: number; pageDate: PaperDate | null } | string {
  let i = 0;
  let marker = false;
  let pageDate: PaperDate | null = null;
  for (; i < lines.length; i++) {
    const text = lines[i]?.text ?? '';
    if (isHeaderLine(text)) {
      marker ||= isHeaderMarker(text);
      continue;
    }
    const meta = metaLine(text);
    // The page date (`Dec 11`) closes the chrome; it never carries a year or upvotes.
    if (i > 0 && pageDate === null && meta?.kind === 'date' && meta.value.date.year === null && meta.value.upvotes === null) {
      pageDate = meta.value.date;
      i++;
    }
    break;
  }
  return marker ? { start: i, pageDate } : 'missing the Daily Papers header ("Daily Papers" / "byAK and the research community")';
}

/** The metadata block after an abstract, and the index of the line after it. */
interface MetaBlock {
  next: number;
  authors: number | null;
  date: PaperDate | null;
  upvotes: number | null;
}

/** Reads any of `• N authors`, `·` and a date line; the date closes the block. */
function readMeta(lines: readonly NumberedLine[], start: number): MetaBlock {
  const found: MetaBlock = { next: start, authors: null, date: null, upvotes: null };
  for (let line = lines[start]; line !== undefined; line = lines[found.next]) {
    const meta = metaLine(line.text);
    if (meta === null) break;
    found.next++;
    if (meta.kind === 'authors') found.authors = meta.count;
    if (meta.kind === 'date') {
      found.date = meta.value.date;
      found.upvotes = meta.value.upvotes;
      break; // a second date line would belong to no paper: it is reported as stray
    }
  }
  return found;
}

/** Parses a listing. Fails (with a human reason) only when the text is not a listing at all. */
export function parseListing(text: string): ParsedListing {
  const lines = numberedLines(text);
  if (lines.length === 0) return { ok: false, reason: 'file has no text' };
  const header = readHeader(lines);
  if (typeof header === 'string') return { ok: false, reason: header };

  const entries: ListingEntry[] = [];
  const issues: ListingIssue[] = [];
  const textAt = (k: number): string | null => {
    const line = lines[k];
    return line !== undefined && metaLine(line.text) === null ? line.text : null;
  };

  let i = header.start;
  for (let titleLine = lines[i]; titleLine !== undefined; titleLine = lines[i]) {
    const title = textAt(i);
    i++;
    if (title === null) {
      issues.push({ line: titleLine.n, reason: `stray "${titleLine.text}" line outside a paper entry` });
      continue;
    }
    if (title.length > MAX_TITLE_CHARS) {
      issues.push({ line: titleLine.n, reason: 'text without a title (too long to be one); skipped' });
      continue;
    }
    let abstract = textAt(i);
    // A short line followed by a long one is the next paper's title and abstract: this paper has no abstract.
    const following = textAt(i + 1);
    if (abstract !== null && abstract.length <= MAX_TITLE_CHARS && following !== null && following.length > MAX_TITLE_CHARS) {
      abstract = null;
    }
    if (abstract === null) {
      issues.push({ line: titleLine.n, reason: `paper "${title}" has no abstract` });
    } else {
      i++;
    }
    const meta = readMeta(lines, i);
    i = meta.next;
    const { authors, date, upvotes } = meta;
    let body = abstract ?? '';
    if (body.length > MAX_ABSTRACT_CHARS) {
      issues.push({ line: titleLine.n, reason: `paper "${title}" has an abstract of ${body.length} characters: kept its first ${MAX_ABSTRACT_CHARS}` });
      body = capText(body, MAX_ABSTRACT_CHARS);
    }
    entries.push({ title, abstract: body, line: titleLine.n, authors, date, upvotes, codeLinks: extractCodeLinks(body) });
  }
  if (entries.length === 0) return { ok: false, reason: 'no paper entries found after the header' };
  // A list of titles pairs each title with the next one as its "abstract": refuse it rather than invent papers.
  const realAbstract = (e: ListingEntry): boolean => e.abstract !== '' && !readsLikeTitle(e.abstract);
  if (!entries.some(realAbstract)) {
    return { ok: false, reason: 'no abstracts: every line after the header reads like a title (a list of titles is not a listing)' };
  }
  for (const e of entries.filter((entry) => entry.abstract !== '' && !realAbstract(entry))) {
    issues.push({ line: e.line, reason: `paper "${e.title}" has an abstract that reads like a title: "${e.abstract}"` });
  }
  // In a dump that prints metadata, an entry without any is worth a note (one in the seeds).
  const hasMeta = (e: ListingEntry): boolean => e.authors !== null || e.date !== null;
  if (entries.some(hasMeta)) {
    for (const e of entries.filter((entry) => !hasMeta(entry))) {
      issues.push({ line: e.line, reason: `paper "${e.title}" has no author/date lines` });
    }
  }
  issues.sort((a, b) => a.line - b.line);
  return { ok: true, pageDate: header.pageDate, entries, issues };
}
