/**
 * arXiv as a paper source, through its query API: papers by id
 * (`id_list`, batched) and the newest papers of a category
 * (`search_query=cat:…`, by submission date, newest first). arXiv asks for
 * one request every three seconds; the client holds every call to that.
 */
import { normaliseArxivId } from './arxiv-id.js';
import { ARXIV_CATEGORY, toArxivPaper } from './arxiv-entry.js';
import { parseArxivFeed } from './arxiv-feed.js';
import { FeedError, feedFail, feedOk, type FeedResult } from './feed-error.js';
import { ARXIV_MIN_INTERVAL_MS } from './host-spacing.js';
import type { HttpClient } from './http-client.js';
import { BatchBuilder, type SourceBatch } from './source-batch.js';

export const ARXIV_API_BASE = 'https://export.arxiv.org';
const SOURCE = 'arxiv';
/** Ids per request: a URL well under any server's limit, and few requests at one every 3 s. */
export const DEFAULT_ARXIV_BATCH = 50;
/** arXiv serves results "in slices of at most 2000 at a time" (user manual §3.1.1.2). */
export const MAX_ARXIV_RESULTS = 2000;

/** What one request said. */
interface QueryResult {
  readonly total: number | null;
  readonly notModified: boolean;
  /** Entries in the response, papers and skips alike. */
  readonly entries: number;
}

export interface ArxivBatch extends SourceBatch {
  /** `opensearch:totalResults`, summed over requests; null when arXiv did not say. */
  readonly totalResults: number | null;
  /** Requested ids arXiv returned no entry for. */
  readonly missingIds: readonly string[];
}

export interface CategoryPage {
  /** 0-based index of the first result. */
  readonly start?: number;
  /** Clamped to 1–{@link MAX_ARXIV_RESULTS}. */
  readonly maxResults?: number;
}

export interface ArxivSource {
  papers(ids: readonly string[]): Promise<FeedResult<ArxivBatch>>;
  category(category: string, page?: CategoryPage): Promise<FeedResult<ArxivBatch>>;
}

export interface ArxivSourceOptions {
  readonly client: HttpClient;
  /** Default {@link ARXIV_API_BASE}; the caller passes the configured `ARXIV_API_BASE`. */
  readonly baseUrl?: string;
  /** Gap between requests to arXiv; default {@link ARXIV_MIN_INTERVAL_MS} (tests set a few ms). */
  readonly minIntervalMs?: number;
  readonly batchSize?: number;
}

export function createArxivSource({
  client, baseUrl = ARXIV_API_BASE, minIntervalMs = ARXIV_MIN_INTERVAL_MS, batchSize = DEFAULT_ARXIV_BATCH,
}: ArxivSourceOptions): ArxivSource {
  const base = baseUrl.replace(/\/+$/, '');

  /**
   * One request; entries go into `batch`, numbered from `offset` (entries seen
   * earlier in this call). Returns what the feed said, or the error that ends the call.
   */
  async function query(params: string, batch: BatchBuilder, offset = 0, conditional = true): Promise<QueryResult | FeedError> {
    const outcome = await client.get(`${base}/api/query?${params}`, { source: SOURCE, expect: 'atom', minIntervalMs, conditional });
    if (!outcome.ok) return outcome.error;
    const raw = outcome.response;
    batch.raw.push(raw);
    if (outcome.notModified) return { total: null, notModified: true, entries: 0 };
    const parsed = parseArxivFeed(raw.body);
    if (!parsed.ok) {
      const code = parsed.apiError ? 'UPSTREAM_ERROR' : 'BAD_BODY';
      const error = new FeedError(code, `arXiv ${raw.url}: ${parsed.problem}`, { url: raw.url, status: raw.status, raw });
      // An error entry is arXiv refusing our request (a malformed id): the service itself is fine.
      if (!parsed.apiError) client.reportFailure(SOURCE, error);
      return error;
    }
    parsed.feed.entries.forEach((entry, i) => {
      const result = toArxivPaper(entry);
      if (result.ok) batch.add(offset + i, result.paper);
      else batch.skip(offset + i, result.id, result.reason);
    });
    return { total: parsed.feed.totalResults, notModified: false, entries: parsed.feed.entries.length };
  }

  function finish(batch: BatchBuilder, results: readonly QueryResult[], missingIds: string[]): ArxivBatch {
    const known = results.flatMap((r) => (r.total === null ? [] : [r.total]));
    const allNotModified = results.length > 0 && results.every((r) => r.notModified);
    return { ...batch.build(allNotModified), totalResults: known.length === 0 ? null : known.reduce((a, b) => a + b, 0), missingIds };
  }

  async function papers(ids: readonly string[]): Promise<FeedResult<ArxivBatch>> {
    const batch = new BatchBuilder();
    const wanted: string[] = [];
    ids.forEach((input, index) => {
      const id = normaliseArxivId(input);
      if (id === null) batch.skip(index, null, `"${input}" is not an arXiv id; not requested`);
      else if (!wanted.includes(id)) wanted.push(id);
    });
    const results: QueryResult[] = [];
    const unchanged = new Set<string>();
    let entries = 0;
    for (let i = 0; i < wanted.length; i += batchSize) {
      const slice = wanted.slice(i, i + batchSize);
      // max_results defaults to 10: without it a batch of 50 ids would come back cut to 10.
      const params = `id_list=${slice.map(encodeURIComponent).join(',')}&max_results=${slice.length}`;
      // Unconditional: a lookup by id keeps no earlier copy that a 304 would let it reuse (a second
      // `/papers add` of one paper got "not found" from the 304 of the first one's validators).
      const result = await query(params, batch, entries, false);
      if (result instanceof FeedError) return feedFail(result);
      if (result.notModified) slice.forEach((id) => unchanged.add(id));
      entries += result.entries;
      results.push(result);
    }
    const found = new Set(batch.papers.map((p) => p.arxivId));
    return feedOk(finish(batch, results, wanted.filter((id) => !found.has(id) && !unchanged.has(id))));
  }

  async function category(cat: string, { start = 0, maxResults = 50 }: CategoryPage = {}): Promise<FeedResult<ArxivBatch>> {
    if (!ARXIV_CATEGORY.test(cat)) return feedFail(new FeedError('BAD_REQUEST', `"${cat}" is not an arXiv category such as cs.LG`));
    if (!Number.isInteger(start) || start < 0) return feedFail(new FeedError('BAD_REQUEST', `start must be a whole number ≥ 0, not ${start}`));
    const max = Math.min(MAX_ARXIV_RESULTS, Math.max(1, Math.floor(maxResults)));
    const params = `search_query=${encodeURIComponent(`cat:${cat}`)}&sortBy=submittedDate&sortOrder=descending&start=${start}&max_results=${max}`;
    const batch = new BatchBuilder();
    const result = await query(params, batch);
    if (result instanceof FeedError) return feedFail(result);
    return feedOk(finish(batch, [result], []));
  }

  return { papers, category };
}
