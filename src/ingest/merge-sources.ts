/**
 * One paper from all its sources: the listing entries of the dumps (merged
 * by `mergePapers`) and the latest record of each feed. The id never changes
 * (it is the id the paper first arrived with), the title stays the dumps'
 * when they have one (so a digest's record still names it), and the feeds
 * enrich it: arXiv id, author names, full dates, the repository and project
 * page, keywords, upvotes. A fixed rule decides every field, never the order
 * in which sources arrived.
 */
import { extractCodeLinks } from '../corpus/extract-code-links.js';
import { mergePapers, PAPER_SEARCH_URL, type FileEntries } from '../corpus/merge-papers.js';
import type { FeedOrigin, Paper, PaperDate } from '../corpus/paper.js';
import type { FetchedPaper } from '../feeds/fetched-paper.js';

/** A feed's record of a paper, as kept in the store. */
export interface FetchedRecord {
  readonly paper: FetchedPaper;
  /** ISO instant of the fetch. */
  readonly fetchedAt: string;
}

/** The paper page on Hugging Face, once the arXiv id is known. */
export const PAPER_PAGE_URL = 'https://huggingface.co/papers/';

/** `2024-07-24T…Z` → the calendar date in UTC, as listings print it. */
function dateOf(iso: string | null): PaperDate | null {
  if (iso === null) return null;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
}

function union(...lists: readonly (readonly string[])[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const link of lists.flat()) {
    const key = link.toLowerCase().replace(/\/+$/, '');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(link);
  }
  return out;
}

/** Hugging Face's record first (it has upvotes, keywords, the repository), then arXiv's. */
function bySourcePreference(records: readonly FetchedRecord[]): FetchedRecord[] {
  return [...records].sort((a, b) => (a.paper.source === b.paper.source ? 0 : a.paper.source === 'huggingface' ? -1 : 1));
}

const firstOf = <T>(records: readonly FetchedRecord[], pick: (paper: FetchedPaper) => T | null): T | null => {
  for (const record of records) {
    const value = pick(record.paper);
    if (value !== null) return value;
  }
  return null;
};

/**
 * The paper `id` as its sources describe it. `dumps` are its listing entries
 * grouped by file (files in name order); `fetched` the feeds' latest records.
 * At least one source must be given.
 */
export function mergeSources(id: string, dumps: readonly FileEntries[], fetched: readonly FetchedRecord[]): Paper {
  const fromDumps = dumps.some((group) => group.entries.length > 0) ? mergePapers(dumps)[0] : undefined;
  const feeds = bySourcePreference(fetched);
  const lead = feeds[0]?.paper;
  if (fromDumps === undefined && lead === undefined) throw new Error(`paper ${id} has no source`);
  const arxivId = firstOf(feeds, (p) => p.arxivId);
  const title = fromDumps?.title ?? lead!.title;
  // The feeds carry the abstract as arXiv has it; a listing may have cut it short.
  const abstracts = [fromDumps?.abstract ?? '', ...feeds.map((r) => r.paper.abstract)];
  const abstract = abstracts.reduce((best, next) => (next.length > best.length ? next : best), '');
  const authorNames = firstOf(feeds, (p) => (p.authorNames.length > 0 ? p.authorNames : null)) ?? [];
  const published = dateOf(firstOf(feeds, (p) => p.publishedAt));
  const dailyDates = feeds.flatMap((r) => (r.paper.dailyDate === null ? [] : [r.paper.dailyDate])).sort();
  const origins: FeedOrigin[] = feeds.map((r) => ({ source: r.paper.source, fetchedAt: r.fetchedAt }));
  return {
    id,
    title,
    abstract,
    authors: authorNames.length > 0 ? authorNames.length : (fromDumps?.authors ?? null),
    // A feed's full publication date beats a listing's, which may lack the year.
    date: published ?? fromDumps?.date ?? null,
    // Upvotes change every day: the feed's count is the latest; a listing's is a snapshot.
    upvotes: firstOf(feeds, (p) => p.upvotes) ?? fromDumps?.upvotes ?? null,
    codeLinks: union(
      fromDumps?.codeLinks ?? [],
      feeds.flatMap((r) => extractCodeLinks(r.paper.abstract)),
      feeds.flatMap((r) => (r.paper.githubRepo === null ? [] : [r.paper.githubRepo])),
    ),
    url: arxivId === null ? (fromDumps?.url ?? PAPER_SEARCH_URL + encodeURIComponent(title)) : PAPER_PAGE_URL + encodeURIComponent(arxivId),
    arxivId,
    authorNames,
    keywords: firstOf(feeds, (p) => (p.aiKeywords.length > 0 ? p.aiKeywords : null)) ?? [],
    aiSummary: firstOf(feeds, (p) => p.aiSummary),
    projectPage: firstOf(feeds, (p) => p.projectPage),
    dailyDate: dailyDates[0] ?? null,
    sources: fromDumps?.sources ?? [],
    feeds: origins,
  };
}
