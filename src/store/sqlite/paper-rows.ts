/**
 * Paper rows ↔ paper records: the one place that knows how a paper's fields
 * are laid out in the `papers` table.
 */
import { z } from 'zod';
import type { ListingEntry } from '../../corpus/parse-listing.js';
import type { FetchedPaper } from '../../feeds/fetched-paper.js';
import type { Paper, PaperDate, PaperSource } from '../../corpus/paper.js';
import type { PaperSummary, StoredPaper } from '../store.js';

export interface PaperRow {
  readonly label: number;
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
  readonly authors: number | null;
  readonly date_year: number | null;
  readonly date_month: number | null;
  readonly date_day: number | null;
  readonly upvotes: number | null;
  readonly code_links: string;
  readonly url: string;
  readonly has_code: number;
  readonly arxiv_id: string | null;
  readonly author_names: string;
  readonly keywords: string;
  readonly ai_summary: string | null;
  readonly project_page: string | null;
  readonly daily_date: string | null;
  readonly feeds: string;
  readonly added_at: string;
  readonly updated_at: string;
  readonly text_hash: string;
}

/** The columns a summary needs: everything but the abstract. */
export const SUMMARY_COLUMNS =
  'label, id, title, authors, date_year, date_month, date_day, upvotes, code_links, url, arxiv_id, daily_date, added_at, text_hash';

const feedsSchema = z.array(z.object({ source: z.enum(['huggingface', 'arxiv']), fetchedAt: z.string() }));

/** Where a repository collects the ids of rows found damaged, to have them merged again from their sources. */
export type DamageLog = Set<string>;

/** A JSON list field; damage reads as empty (and is logged) rather than failing every read of the store. */
function listOf<T>(row: { readonly id: string }, json: string, schema: z.ZodType<T[]>, damage: DamageLog | undefined): T[] {
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: damaged like a row that does not match the schema.
  }
  damage?.add(row.id);
  return [];
}

/**
 * A JSON list of strings, as {@link listOf} but without zod: it is read for every paper at every start (100,000
 * summaries), and most lists are empty.
 */
function stringList(row: { readonly id: string }, json: string, damage: DamageLog | undefined): string[] {
  if (json === '[]') return [];
  try {
    const value: unknown = JSON.parse(json);
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  } catch {
    // Not JSON: damaged like a list of the wrong shape.
  }
  damage?.add(row.id);
  return [];
}

function dateOf(row: Pick<PaperRow, 'date_year' | 'date_month' | 'date_day'>): PaperDate | null {
  if (row.date_month === null || row.date_day === null) return null;
  return { year: row.date_year, month: row.date_month, day: row.date_day };
}

type SummaryRow = Pick<
  PaperRow,
  'label' | 'id' | 'title' | 'authors' | 'date_year' | 'date_month' | 'date_day' | 'upvotes' | 'code_links' | 'url' | 'arxiv_id' | 'daily_date' | 'added_at' | 'text_hash'
>;

export function summaryFromRow(row: SummaryRow, damage?: DamageLog): PaperSummary {
  return {
    label: row.label,
    id: row.id,
    title: row.title,
    authors: row.authors,
    date: dateOf(row),
    upvotes: row.upvotes,
    codeLinks: stringList(row, row.code_links, damage),
    url: row.url,
    arxivId: row.arxiv_id,
    dailyDate: row.daily_date,
    addedAt: new Date(row.added_at),
    textHash: row.text_hash,
  };
}

export function paperFromRow(row: PaperRow, sources: readonly PaperSource[], damage?: DamageLog): StoredPaper {
  return {
    ...summaryFromRow(row, damage),
    abstract: row.abstract,
    authorNames: stringList(row, row.author_names, damage),
    keywords: stringList(row, row.keywords, damage),
    aiSummary: row.ai_summary,
    projectPage: row.project_page,
    feeds: listOf(row, row.feeds, feedsSchema, damage),
    sources,
  };
}

/** The values bound for a paper's columns (label and added_at are the store's own). */
export function paperValues(paper: Paper, textHash: string, now: Date) {
  return {
    id: paper.id,
    title: paper.title,
    abstract: paper.abstract,
    authors: paper.authors,
    date_year: paper.date?.year ?? null,
    date_month: paper.date?.month ?? null,
    date_day: paper.date?.day ?? null,
    upvotes: paper.upvotes,
    code_links: JSON.stringify(paper.codeLinks),
    url: paper.url,
    has_code: paper.codeLinks.length > 0 ? 1 : 0,
    arxiv_id: paper.arxivId,
    author_names: JSON.stringify(paper.authorNames),
    keywords: JSON.stringify(paper.keywords),
    ai_summary: paper.aiSummary,
    project_page: paper.projectPage,
    daily_date: paper.dailyDate,
    feeds: JSON.stringify(paper.feeds),
    updated_at: now.toISOString(),
    text_hash: textHash,
  };
}

/** True when writing `values` over `row` would change nothing a reader sees. */
export function sameContent(row: PaperRow, values: ReturnType<typeof paperValues>): boolean {
  return (
    row.title === values.title &&
    row.abstract === values.abstract &&
    row.authors === values.authors &&
    row.date_year === values.date_year &&
    row.date_month === values.date_month &&
    row.date_day === values.date_day &&
    row.upvotes === values.upvotes &&
    row.code_links === values.code_links &&
    row.url === values.url &&
    row.arxiv_id === values.arxiv_id &&
    row.author_names === values.author_names &&
    row.keywords === values.keywords &&
    row.ai_summary === values.ai_summary &&
    row.project_page === values.project_page &&
    row.daily_date === values.daily_date &&
    row.feeds === values.feeds &&
    row.text_hash === values.text_hash
  );
}

const dateSchema = z.object({ year: z.number().int().nullable(), month: z.number().int(), day: z.number().int() });

/** A stored listing entry; validated on read so a damaged row is an error, not a wrong paper. */
export const entrySchema = z.object({
  title: z.string(),
  abstract: z.string(),
  line: z.number().int(),
  authors: z.number().int().nullable(),
  date: dateSchema.nullable(),
  upvotes: z.number().int().nullable(),
  codeLinks: z.array(z.string()),
});

export function parseEntry(json: string): ListingEntry {
  return entrySchema.parse(JSON.parse(json));
}

const fetchedSchema = z.object({
  arxivId: z.string(),
  title: z.string(),
  abstract: z.string(),
  authorNames: z.array(z.string()),
  publishedAt: z.string().nullable(),
  dailyDate: z.string().nullable(),
  upvotes: z.number().int().nullable(),
  aiSummary: z.string().nullable(),
  aiKeywords: z.array(z.string()),
  githubRepo: z.string().nullable(),
  githubStars: z.number().int().nullable(),
  projectPage: z.string().nullable(),
  organization: z.string().nullable(),
  categories: z.array(z.string()),
  source: z.enum(['huggingface', 'arxiv']),
});

export function parseFetched(json: string): FetchedPaper {
  return fetchedSchema.parse(JSON.parse(json));
}
