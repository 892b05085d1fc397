/**
 * Entries from many listing files → one {@link Paper} per normalised title.
 * When copies disagree, the most informative value wins, so the result does
 * not depend on which file happened to be read first.
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

/** A known year beats an unknown one; otherwise the first seen stays. */
function betterDate(a: PaperDate | null, b: PaperDate | null): PaperDate | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.year === null && b.year !== null ? b : a;
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
    abstract: entry.abstract.length > paper.abstract.length ? entry.abstract : paper.abstract,
    authors: maxKnown(paper.authors, entry.authors),
    date: betterDate(paper.date, entry.date),
    upvotes: maxKnown(paper.upvotes, entry.upvotes),
    codeLinks: union(paper.codeLinks, entry.codeLinks),
    sources: [...paper.sources, source],
  };
}

function newPaper(entry: ListingEntry, source: PaperSource): Paper {
  return {
    id: paperId(entry.title),
    title: entry.title,
    abstract: entry.abstract,
    authors: entry.authors,
    date: entry.date,
    upvotes: entry.upvotes,
    codeLinks: [...entry.codeLinks],
    url: PAPER_SEARCH_URL + encodeURIComponent(entry.title),
    sources: [source],
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
