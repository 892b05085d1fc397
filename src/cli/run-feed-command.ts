/**
 * `papers fetch` and `papers add`: the feed service over this process's
 * engine (the same code the bot runs), then the result. They write the store,
 * so they refuse, naming the holder, when another process holds it.
 */
import type { EngineConfig } from '../config.js';
import { daysToFetch, FeedService, type FetchReport } from '../feeds/feed-service.js';
import type { Logger } from '../logger.js';
import { openEngine } from '../search/create-engine.js';
import type { ProgressCallback } from '../progress.js';
import { EXIT_OK, EXIT_UNEXPECTED, EXIT_USAGE } from './cli-failure.js';
import type { FeedRequest } from './parse-args.js';
import { failureJson, fetchReportJson, responseJson } from './render-json.js';
import { renderText } from './render-text.js';
import type { CliIO } from './run-cli.js';
import { errorLine, layoutFor } from './terminal-text.js';

const DAY_MS = 24 * 60 * 60_000;

/** The days `request` asks for at `now` (UTC days: Daily Papers' own). */
export function requestedDays(request: FeedRequest, now: Date, lastDay: string | null, backfillDays: number): string[] {
  if (request.date !== null) return [request.date];
  if (request.lastDays === null) return daysToFetch(now, lastDay, backfillDays);
  const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  return Array.from({ length: request.lastDays }, (_, i) => new Date(today - (request.lastDays! - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

function fetchText(reports: readonly FetchReport[]): string {
  const lines = reports.map((r) => {
    if (r.error !== null) return `${r.what}: failed — ${r.error.message}`;
    if (r.notModified) return `${r.what}: unchanged since the last fetch`;
    const skipped = r.skipped.length === 0 ? '' : `, ${r.skipped.length} skipped (${r.skipped.slice(0, 3).map((s) => s.reason).join('; ')})`;
    return `${r.what}: ${r.fetched} fetched, ${r.added.length} new, ${r.updated.length} updated${skipped}`;
  });
  return `${lines.join('\n')}\n`;
}

export async function runFeedCommand(request: FeedRequest, config: EngineConfig, logger: Logger, io: CliIO, onProgress: ProgressCallback): Promise<number> {
  const { engine, store, report } = await openEngine(config, logger, { onProgress, processKind: 'cli' });
  try {
    if (report.lease?.acquired !== true) {
      const why = report.readOnlyCause !== null ? `DATA_DIR is read-only (${report.readOnlyCause})` : `another paperbot process writes DATA_DIR: ${engine.status().writerElsewhere}`;
      const message = `${request.command} stores papers, and ${why}.`;
      if (request.json) io.stdout.write(failureJson(request.paper ?? '', { code: 'STORE_HELD', message }));
      io.stderr.write(errorLine(message));
      return EXIT_USAGE;
    }
    const settings = {
      hfApiBase: config.HF_API_BASE,
      arxivApiBase: config.ARXIV_API_BASE,
      backfillDays: config.FEED_BACKFILL_DAYS,
      intervalMinutes: 60,
      arxivCategories: config.FEED_ARXIV_CATEGORIES,
    };
    const feeds = new FeedService({ engine, repository: store.feeds, settings, logger });
    if (request.command === 'add') return await add(feeds, engine, request, io);
    await feeds.load();
    const days = requestedDays(request, new Date(), feeds.status()[0]?.state.lastDay ?? null, config.FEED_BACKFILL_DAYS);
    const reports = await feeds.fetchDays(days);
    await engine.indexed();
    io.stdout.write(request.json ? fetchReportJson(reports) : fetchText(reports));
    // An upstream that could not be read is not the user's doing: exit 1, with what was fetched printed.
    return reports.some((r) => r.error !== null) ? EXIT_UNEXPECTED : EXIT_OK;
  } finally {
    await engine.close();
  }
}

async function add(feeds: FeedService, engine: Awaited<ReturnType<typeof openEngine>>['engine'], request: FeedRequest, io: CliIO): Promise<number> {
  const outcome = await feeds.addPaper(request.paper ?? '');
  /** The reason on stderr and, with --json, as the error object a failed query gives. */
  const refuse = (code: string, message: string, exitCode: number): number => {
    if (request.json) io.stdout.write(failureJson(request.paper ?? '', { code, message }));
    io.stderr.write(errorLine(message));
    return exitCode;
  };
  switch (outcome.kind) {
    case 'malformed':
      return refuse('MALFORMED_ID', outcome.reason, EXIT_USAGE);
    case 'not-found':
      return refuse('NOT_FOUND', `neither Hugging Face nor arXiv knows the paper ${outcome.arxivId}.`, EXIT_USAGE);
    case 'unavailable':
      return refuse('UNAVAILABLE', `cannot fetch ${outcome.arxivId} right now: ${outcome.reason}`, EXIT_UNEXPECTED);
    case 'added':
    case 'known': {
      const hit = await engine.hit(outcome.paper.id);
      const response = { query: request.paper ?? '', lowConfidence: false, results: hit === undefined ? [] : [hit], total: 1, indexing: null };
      io.stdout.write(request.json ? responseJson(response) : renderText({ kind: 'title', match: outcome.paper, response }, layoutFor(io.columns, io.color ?? io.isTTY)));
      return EXIT_OK;
    }
  }
}
