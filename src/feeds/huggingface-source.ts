/**
 * Hugging Face Daily Papers as a paper source: a day's listing
 * (`GET /api/daily_papers?date=YYYY-MM-DD`) and single papers
 * (`GET /api/papers/{arxivId}`). Each listing item is validated on its own:
 * a bad item is skipped and counted, the rest are kept.
 */
import { normaliseArxivId } from './arxiv-id.js';
import { FeedError, feedFail, feedOk, type FeedResult } from './feed-error.js';
import type { FetchedPaper } from './fetched-paper.js';
import type { HttpClient } from './http-client.js';
import { toFetchedPaper } from './huggingface-paper.js';
import { hfDailyItemSchema, hfPaperSchema } from './huggingface-schema.js';
import { parseJsonBody } from './parse-json-body.js';
import { BatchBuilder, type SourceBatch } from './source-batch.js';
import { describeIssues } from './zod-issues.js';

export const HF_API_BASE = 'https://huggingface.co';
const SOURCE = 'huggingface';
/**
 * The Hub pages listings (`p`, `limit`: huggingface_hub's `list_daily_papers`).
 * A day lists a few dozen papers, so one page of this size holds it; asking
 * explicitly keeps a busy day from being cut at a smaller default.
 */
const DAILY_LIMIT = 100;
/** A listing asked for 100 papers that holds far more is not a listing: the rest is skipped, not stored. */
const MAX_DAILY_ITEMS = 2 * DAILY_LIMIT;

export interface HuggingFaceSource {
  /** The papers listed on Daily Papers for `date` (`YYYY-MM-DD`). */
  daily(date: string): Promise<FeedResult<SourceBatch>>;
  /** One paper by arXiv id; null when the Hub does not know it (404). */
  paper(arxivId: string): Promise<FeedResult<FetchedPaper | null>>;
}

export interface HuggingFaceSourceOptions {
  readonly client: HttpClient;
  /** Default {@link HF_API_BASE}; the caller passes the configured `HF_API_BASE`. */
  readonly baseUrl?: string;
}

/** A real calendar day in `YYYY-MM-DD` form. */
function isCalendarDay(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  // Date.parse rejects month 13 but rolls Feb 30 over to Mar 1: the round trip must give the same day back.
  const ms = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(date);
}

export function createHuggingFaceSource({ client, baseUrl = HF_API_BASE }: HuggingFaceSourceOptions): HuggingFaceSource {
  const base = baseUrl.replace(/\/+$/, '');
  const badBody = (error: FeedError): FeedError => {
    client.reportFailure(SOURCE, error);
    return error;
  };

  async function daily(date: string): Promise<FeedResult<SourceBatch>> {
    if (!isCalendarDay(date)) return feedFail(new FeedError('BAD_REQUEST', `"${date}" is not a date in YYYY-MM-DD form`));
    const outcome = await client.get(`${base}/api/daily_papers?date=${date}&limit=${DAILY_LIMIT}`, { source: SOURCE, expect: 'json' });
    if (!outcome.ok) return feedFail(outcome.error);
    const batch = new BatchBuilder();
    batch.raw.push(outcome.response);
    if (outcome.notModified) return feedOk(batch.build(true));
    const json = parseJsonBody(outcome.response);
    if (json instanceof FeedError) return feedFail(badBody(json));
    if (!Array.isArray(json)) {
      const raw = outcome.response;
      const got = json === null ? 'null' : typeof json;
      return feedFail(badBody(new FeedError('BAD_BODY', `daily papers for ${date}: expected a JSON array, got ${got}`, { url: raw.url, status: raw.status, raw })));
    }
    json.forEach((item: unknown, index) => {
      if (index >= MAX_DAILY_ITEMS) return index === MAX_DAILY_ITEMS ? batch.skip(index, null, `the listing holds ${json.length} items for a request of ${DAILY_LIMIT}: the ${json.length - MAX_DAILY_ITEMS} past ${MAX_DAILY_ITEMS} are skipped`) : undefined;
      const parsed = hfDailyItemSchema.safeParse(item);
      if (!parsed.success) return batch.skip(index, null, describeIssues(parsed.error));
      const { paper, title, summary } = parsed.data;
      const result = toFetchedPaper(paper, { dailyDate: date, fallbackTitle: title, fallbackSummary: summary });
      if (result.ok) batch.add(index, result.paper);
      else batch.skip(index, result.id, result.reason);
    });
    return feedOk(batch.build(false));
  }

  async function paper(arxivId: string): Promise<FeedResult<FetchedPaper | null>> {
    const id = normaliseArxivId(arxivId);
    if (id === null) return feedFail(new FeedError('BAD_REQUEST', `"${arxivId}" is not an arXiv id`));
    // Old-style ids keep their slash as a path separator, as on the Hub's own paper pages.
    const path = id.split('/').map(encodeURIComponent).join('/');
    // Unconditional: a lookup keeps no earlier copy that a 304 would let it reuse.
    const outcome = await client.get(`${base}/api/papers/${path}`, { source: SOURCE, expect: 'json', conditional: false });
    if (!outcome.ok) return outcome.error.code === 'NOT_FOUND' ? feedOk(null) : feedFail(outcome.error);
    const raw = outcome.response;
    const json = parseJsonBody(raw);
    if (json instanceof FeedError) return feedFail(badBody(json));
    const parsed = hfPaperSchema.safeParse(json);
    if (!parsed.success) {
      return feedFail(badBody(new FeedError('BAD_BODY', `paper ${id}: ${describeIssues(parsed.error)}`, { url: raw.url, status: raw.status, raw })));
    }
    const result = toFetchedPaper(parsed.data, { dailyDate: null });
    if (!result.ok) return feedFail(badBody(new FeedError('BAD_BODY', `paper ${id}: ${result.reason}`, { url: raw.url, status: raw.status, raw })));
    return feedOk(result.paper);
  }

  return { daily, paper };
}
