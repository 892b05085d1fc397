/**
 * Entries from many listing files → one {@link Paper} per normalised title.
 * When copies disagree, a fixed rule picks the value (the most informative
 * one, ties broken by value, never by position), so the merged fields do not
 * depend on which file happened to be read first. Only what is about
 * position follows first appearance: the title's exact spelling, the
 * paper's place in the list, and the order of `sources` and `codeLinks`.
 */
import type { ListingEntry } from './parse-listing.js';
import type { Paper, PaperDate, PaperSource } from './paper.js';
import { normaliseTitle, paperId } from './paper-id.js';

/** The entries of one file, as handed over by the loader (files in load order). */
export interface FileEntries {
  readonly file: string;
  readonly entries: readonly ListingEntry[];
}

/** Base of a paper's `url`: the dumps carry no arXiv ids, so the link is a title search. */
export const PAPER_SEARCH_URL = 'https://huggingface.co/papers?q=';

/** Negative when `a` is earlier; year-less dates compare by month and day alone. */
function compareDates(a: PaperDate, b: PaperDate): number {
  return (a.year ?? 0) - (b.year ?? 0) || a.month - b.month || a.day - b.day;
}

/**
 * A known year beats an unknown one; between two full dates the earlier wins.
 * A listing prints the paper's publication date, and a copy showing a later
 * one saw a revision (or a re-listing), so the earliest is the paper's own.
 * Two year-less dates cannot be ordered across a New Year, but the earlier
 * month and day is still a fixed rule where file order was not.
 */
function betterDate(a: PaperDate | null, b: PaperDate | null): PaperDate | null {
  if (a === null) return b;
  if (b === null) return a;
  if ((a.year === null) !== (b.year === null)) return a.year === null ? b : a;
  return compareDates(b, a) < 0 ? b : a;
}

/** The longer text (a copy cut short loses); equal lengths are decided by code-point order, not by position. */
function betterAbstract(a: string, b: string): string {
  if (a.length !== b.length) return a.length > b.length ? a : b;
  return b < a ? b : a;
}

/** The larger known number; `null` only when neither is known. */
function maxKnown(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

function union(a: readonly string[], b: readonly string[]): string[] {
  const seen = new Set(a.map((link) => link.toLowerCase()));
  return [...a, ...b.filter((link) => !seen.has(link.toLowerCase()))];
}

/** Combines two copies of the same paper; the first copy's title (and position) is kept. */
function mergeInto(paper: Paper, entry: ListingEntry, source: PaperSource): Paper {
  return {
    ...paper,
    // Copies are identical in the seeds; should one be cut short, the longer text is the better one.
    abstract: betterAbstract(paper.abstract, entry.abstract),
    authors: maxKnown(paper.authors, entry.authors),
    date: betterDate(paper.date, entry.date),
    upvotes: maxKnown(paper.upvotes, entry.upvotes),
    codeLinks: union(paper.codeLinks, entry.codeLinks),
    sources: [...paper.sources, source],
  };
}

function newPaper(entry: ListingEntry, source: PaperSource): Paper {
  // Dumps carry no arXiv id, author names or feed fields: those come only from the feeds (src/ingest/merge-sources.ts).
  return {
    id: paperId(entry.title),
    title: entry.title,
    abstract: entry.abstract,
    authors: entry.authors,
    date: entry.date,
    upvotes: entry.upvotes,
    codeLinks: [...entry.codeLinks],
    url: PAPER_SEARCH_URL + encodeURIComponent(entry.title),
    arxivId: null,
    authorNames: [],
    keywords: [],
    aiSummary: null,
    projectPage: null,
    dailyDate: null,
    sources: [source],
    feeds: [],
  };
}

/**
 * Unique papers in order of first appearance. Duplicates are detected by
 * normalised title (case, whitespace and punctuation do not matter).
 */
export function mergePapers(files: readonly FileEntries[]): Paper[] {
  const byKey = new Map<string, Paper>();
  for (const { file, entries } of files) {
    for (const entry of entries) {
      const key = normaliseTitle(entry.title);
      const source: PaperSource = { file, line: entry.line };
      const existing = byKey.get(key);
      byKey.set(key, existing ? mergeInto(existing, entry, source) : newPaper(entry, source));
    }
  }
  return [...byKey.values()];
}
