/**
 * Papers that arrive by themselves: Hugging Face Daily Papers (and any arXiv
 * categories) fetched at start — catching up the days since the last
 * successful fetch, at most FEED_BACKFILL_DAYS — and then every
 * FEED_INTERVAL_MINUTES, because today's listing grows during the day and
 * upvotes change. Also the one-paper lookups of `/papers add` and the CLI.
 *
 * Every fetched paper goes to the engine's `ingest` (logged to disk first,
 * embedded in the background). An upstream that is down is logged once per
 * outage by the HTTP client, retried at the next interval, and its state
 * (last success, last error, next attempt, papers fetched) is kept in the
 * store for `/papers help`. Nothing here throws at its caller for an upstream
 * failure: those are values.
 */
import type { Logger } from '../logger.js';
import type { FetchedRecord } from '../ingest/merge-sources.js';
import type { IngestResult, RefreshableEngine } from '../search/engine-types.js';
import type { FeedRepository, StoredPaper } from '../store/store.js';
import { systemClock, type Clock, type Timer } from '../clock.js';
import { parsePaperRef } from './arxiv-id.js';
import { createArxivSource } from './arxiv-source.js';
import { FEED_ERROR_TEXT, FeedError, type FeedResult } from './feed-error.js';
import { emptyFeedState, feedStateSchema, STORE_ERROR_CODE, type FeedState } from './feed-state.js';
import type { FetchedPaper } from './fetched-paper.js';
import { createHttpClient, type HttpClient } from './http-client.js';
import { createHuggingFaceSource } from './huggingface-source.js';
import type { ValidatorCache } from './validator-cache.js';
import type { SourceBatch } from './source-batch.js';

const DAY_MS = 24 * 60 * 60_000;
/** How many of each arXiv category's newest submissions one fetch reads. */
export const ARXIV_PAGE = 100;

export interface FeedSettings {
  readonly hfApiBase: string;
  readonly arxivApiBase: string;
  readonly backfillDays: number;
  readonly intervalMinutes: number;
  readonly arxivCategories: readonly string[];
  /** Gap between arXiv requests (its terms ask for 3 s; tests use a few ms). */
  readonly arxivIntervalMs?: number;
}

export interface FeedServiceDeps {
  readonly engine: Pick<RefreshableEngine, 'ingest' | 'paper'>;
  readonly repository: FeedRepository;
  readonly settings: FeedSettings;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Defaults to the one HTTP client, reading validators from the store (see {@link storedValidators}). */
  readonly http?: HttpClient;
}

/**
 * Validators as the HTTP client sees them: read from the store, never written by the client. They are saved by
 * the service once the papers of that response are stored: saved earlier, a crash or a failed write in between
 * would make every later request a 304 and lose those papers for good.
 */
export function storedValidators(repository: FeedRepository): ValidatorCache {
  return { get: (url) => repository.validators(url), set: () => undefined };
}

/** What one fetch did, per source. */
export interface FetchReport {
  readonly source: 'huggingface' | 'arxiv';
  /** The day (Hugging Face) or category (arXiv) fetched. */
  readonly what: string;
  readonly fetched: number;
  readonly added: readonly string[];
  readonly updated: readonly string[];
  /** Items the source skipped as unusable, with why. */
  readonly skipped: readonly { readonly id: string | null; readonly reason: string }[];
  readonly notModified: boolean;
  readonly error: { readonly code: string; readonly message: string } | null;
}

export type AddOutcome =
  | { readonly kind: 'added' | 'known'; readonly paper: StoredPaper; readonly source: 'huggingface' | 'arxiv' }
  | { readonly kind: 'malformed'; readonly reason: string }
  | { readonly kind: 'not-found'; readonly arxivId: string }
  | { readonly kind: 'unavailable'; readonly arxivId: string; readonly reason: string };

export interface FeedStatus {
  readonly source: 'huggingface' | 'arxiv';
  readonly state: FeedState;
}

/** `YYYY-MM-DD` of an instant, in UTC (Daily Papers days are UTC days). */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The days to fetch at `now`: from the day after the last one done (or the backfill limit, whichever is later) to today. */
export function daysToFetch(now: Date, lastDay: string | null, backfillDays: number): string[] {
  const today = Date.parse(`${utcDay(now)}T00:00:00Z`);
  const earliest = today - (backfillDays - 1) * DAY_MS;
  // The last day done is fetched again: its listing may have grown since.
  // A last day after today (a clock that was wrong, a state written by hand) says nothing about what was missed.
  const last = lastDay === null ? NaN : Date.parse(`${lastDay}T00:00:00Z`);
  const from = Number.isNaN(last) || last > today ? earliest : Math.max(earliest, last);
  const days: string[] = [];
  for (let at = from; at <= today; at += DAY_MS) days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

export class FeedService {
  private readonly http: HttpClient;
  private readonly hf;
  private readonly arxiv;
  private readonly clock: Clock;
  private timer: Timer | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private readonly states = new Map<'huggingface' | 'arxiv', FeedState>();

  constructor(private readonly deps: FeedServiceDeps) {
    const { repository, settings, logger } = deps;
    this.clock = deps.clock ?? systemClock;
    this.http =
      deps.http ??
      createHttpClient({
        logger,
        validators: storedValidators(repository),
      });
    this.hf = createHuggingFaceSource({ client: this.http, baseUrl: settings.hfApiBase });
    this.arxiv = createArxivSource({ client: this.http, baseUrl: settings.arxivApiBase, ...(settings.arxivIntervalMs === undefined ? {} : { minIntervalMs: settings.arxivIntervalMs }) });
  }

  /** Reads each source's saved state (`status()` and the catch-up need it). */
  async load(): Promise<void> {
    for (const source of ['huggingface', 'arxiv'] as const) this.states.set(source, await this.loadState(source));
  }

  /** Loads each source's state, fetches what was missed, and keeps fetching on the interval. */
  async start(): Promise<void> {
    await this.load();
    this.schedule(0);
  }

  /**
   * No new fetches start, the request in flight and any retry wait end at once (a hanging upstream must not hold
   * a shutdown for minutes), and no further day of the round is fetched; resolves once the round has wound down.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    this.http.close();
    await this.running;
  }

  /** Each source's state, for `/papers help`. */
  status(): FeedStatus[] {
    const sources: ('huggingface' | 'arxiv')[] = this.deps.settings.arxivCategories.length > 0 ? ['huggingface', 'arxiv'] : ['huggingface'];
    return sources.map((source) => ({ source, state: this.states.get(source) ?? emptyFeedState() }));
  }

  /** One round: the Daily Papers days due, then each arXiv category. Serialised with every other fetch. */
  fetchDue(): Promise<FetchReport[]> {
    return this.exclusive(async () => {
      const hfState = this.states.get('huggingface') ?? (await this.loadState('huggingface'));
      const days = daysToFetch(this.clock.now(), hfState.lastDay, this.deps.settings.backfillDays);
      const reports = await this.fetchDaysInOrder(days);
      for (const category of this.deps.settings.arxivCategories) reports.push(await this.fetchCategory(category));
      return reports;
    });
  }

  /** Fetches and stores the given Daily Papers days (the CLI's `fetch`). */
  fetchDays(days: readonly string[]): Promise<FetchReport[]> {
    return this.exclusive(() => this.fetchDaysInOrder([...days].sort()));
  }

  /**
   * One paper by arXiv id or URL: Hugging Face first, arXiv second, stored and
   * embedded before this resolves (ahead of any bulk work).
   */
  async addPaper(input: string): Promise<AddOutcome> {
    const ref = parsePaperRef(input);
    if (!ref.ok) return { kind: 'malformed', reason: ref.reason };
    const { arxivId } = ref;
    // An upstream that answers with another paper than the one asked for is not believed: that paper is not stored.
    const wrongPaper = (paper: FetchedPaper): FeedError =>
      new FeedError('UPSTREAM_ERROR', `asked for ${arxivId}, ${paper.source === 'huggingface' ? 'Hugging Face' : 'arXiv'} answered with ${paper.arxivId.slice(0, 40)}`);
    const fromHf = await this.hf.paper(arxivId);
    let found: FetchedPaper | null = fromHf.ok ? fromHf.value : null;
    let failure: FeedError | null = fromHf.ok ? null : fromHf.error;
    if (found !== null && found.arxivId !== arxivId) {
      failure = wrongPaper(found);
      found = null;
    }
    if (found === null) {
      const fromArxiv = await this.arxiv.papers([arxivId]);
      if (fromArxiv.ok) {
        found = fromArxiv.value.papers.find((paper) => paper.arxivId === arxivId) ?? null;
        const other = fromArxiv.value.papers.find((paper) => paper.arxivId !== arxivId);
        if (found === null && other !== undefined) failure ??= wrongPaper(other);
      } else failure ??= fromArxiv.error;
    }
    if (found === null) {
      return failure === null ? { kind: 'not-found', arxivId } : { kind: 'unavailable', arxivId, reason: FEED_ERROR_TEXT[failure.code] };
    }
    const result = await this.deps.engine.ingest([{ paper: found, fetchedAt: this.clock.now().toISOString() }], { interactive: true });
    const paper = await this.deps.engine.paper(result.ids[0]!);
    if (paper === undefined) return { kind: 'unavailable', arxivId, reason: 'the paper could not be stored' };
    return { kind: result.added.length > 0 ? 'added' : 'known', paper, source: found.source };
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.running.then(work, work);
    this.running = run.catch(() => undefined);
    return run;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = this.clock.setTimer(async () => {
      try {
        await this.fetchDue();
      } catch (error) {
        // Reaching here is a bug or the store failing (a full disk): logged, and tried again at the next interval.
        this.deps.logger.error({ err: error }, 'feeds: a fetch round failed');
      }
      this.schedule(this.deps.settings.intervalMinutes * 60_000);
    }, delayMs);
    const next = new Date(this.clock.now().getTime() + delayMs).toISOString();
    for (const source of this.states.keys()) this.update(source, { nextAttemptAt: next }).catch(() => undefined);
  }

  /**
   * The last day done moves forward only through days that all worked: a day that failed in the middle of a
   * round stays due, and the next round starts from it. Never past today: a future day is not "done".
   */
  private async fetchDaysInOrder(days: readonly string[]): Promise<FetchReport[]> {
    const reports: FetchReport[] = [];
    const today = utcDay(this.clock.now());
    let unbroken = true;
    for (const day of days) {
      if (this.stopped) break;
      const result = await this.hf.daily(day);
      reports.push(await this.store('huggingface', day, result));
      unbroken &&= result.ok;
      const before = this.states.get('huggingface')?.lastDay ?? null;
      if (unbroken && day <= today && (before === null || before > today || day > before)) await this.update('huggingface', { lastDay: day });
    }
    return reports;
  }

  private async fetchCategory(category: string): Promise<FetchReport> {
    return this.store('arxiv', category, await this.arxiv.category(category, { start: 0, maxResults: ARXIV_PAGE }));
  }

  /** Hands a source's papers to the engine and records how it went. */
  private async store(
    source: 'huggingface' | 'arxiv',
    what: string,
    result: FeedResult<SourceBatch>,
  ): Promise<FetchReport> {
    const now = this.clock.now();
    if (!result.ok) {
      const error = { code: result.error.code, message: result.error.message };
      // Cut short by stop(): not the upstream's failure, and not worth showing in /papers help after the restart.
      if (this.stopped) return { source, what, fetched: 0, added: [], updated: [], skipped: [], notModified: false, error };
      await this.update(source, { lastError: { ...error, at: now.toISOString() } });
      return { source, what, fetched: 0, added: [], updated: [], skipped: [], notModified: false, error };
    }
    const batch = result.value;
    const records: FetchedRecord[] = batch.papers.map((paper) => ({ paper, fetchedAt: now.toISOString() }));
    let stored: IngestResult;
    try {
      stored = records.length === 0 ? { ids: [], added: [], updated: [] } : await this.deps.engine.ingest(records);
    } catch (failure) {
      // The store refused the batch (a full disk): the round ends here (the next batch would fail alike) and the
      // day stays due, but /papers help must say why the papers stopped arriving, as for an upstream failure.
      const message = `the fetched papers could not be stored: ${failure instanceof Error ? failure.message : String(failure)}`;
      if (!this.stopped) await this.update(source, { lastError: { code: STORE_ERROR_CODE, message, at: now.toISOString() } }).catch(() => undefined);
      throw failure;
    }
    // Only now that the papers are stored may the next request for these URLs be answered "not modified".
    for (const raw of batch.raw) {
      if (raw.status === 200 && (raw.etag !== null || raw.lastModified !== null)) await this.deps.repository.saveValidators(raw.url, { etag: raw.etag, lastModified: raw.lastModified });
    }
    const skipped = batch.skippedReasons.map((item) => ({ id: item.id, reason: item.reason }));
    if (skipped.length > 0) this.deps.logger.warn({ source, what, skipped: skipped.length, first: skipped.slice(0, 5) }, 'feeds: items skipped as unusable');
    const previous = this.states.get(source) ?? emptyFeedState();
    await this.update(source, { lastSuccessAt: now.toISOString(), papersFetched: previous.papersFetched + records.length });
    this.deps.logger.info({ source, what, fetched: records.length, added: stored.added.length, updated: stored.updated.length, notModified: batch.notModified }, 'feeds: fetched');
    return { source, what, fetched: records.length, added: stored.added, updated: stored.updated, skipped, notModified: batch.notModified, error: null };
  }

  private async loadState(source: 'huggingface' | 'arxiv'): Promise<FeedState> {
    const parsed = feedStateSchema.safeParse(await this.deps.repository.state(source));
    return parsed.success ? parsed.data : emptyFeedState();
  }

  private async update(source: 'huggingface' | 'arxiv', change: Partial<FeedState>): Promise<void> {
    const next = { ...(this.states.get(source) ?? emptyFeedState()), ...change };
    this.states.set(source, next);
    await this.deps.repository.saveState(source, next);
  }
}
