/**
 * The CLI as a function: arguments and streams in, exit code out. One engine
 * (one model load) serves the single query or the whole stdin batch. Tests run
 * it in-process with a shared engine; `papers.ts` wires it to the process.
 */
import { StringDecoder } from 'node:string_decoder';
import { loadEngineConfig, type EngineConfig } from '../config.js';
import { createLogger, silentLogger, type Logger } from '../logger.js';
import { progressReporter } from '../progress.js';
import { createEngine, type EngineOptions } from '../search/create-engine.js';
import type { EngineStatus, PaperEngine, RefreshableEngine } from '../search/engine-types.js';
import { describeFailure, EXIT_OK, EXIT_UNEXPECTED, EXIT_USAGE, logFailure, worseExit } from './cli-failure.js';
import { HELP, parseCliArgs, USAGE_HINT, UsageError, type CliRequest, type FeedRequest } from './parse-args.js';
import { runFeedCommand } from './run-feed-command.js';
import { failureJson, quotedQuery, responseJson } from './render-json.js';
import { renderText } from './render-text.js';
import { runQuery, type QueryOutcome } from './run-query.js';
import { errorLine, layoutFor } from './terminal-text.js';

export interface TextSink {
  write(text: string): unknown;
}

/** The process as the CLI sees it. */
export interface CliIO {
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly stdout: TextSink;
  /** Logs, progress and error messages: never the output. */
  readonly stderr: TextSink & { readonly isTTY?: boolean };
  /** Whether stdout is a terminal. */
  readonly isTTY: boolean;
  /** Terminal width; 80 when unknown. */
  readonly columns?: number | undefined;
  /** Colour the human output; defaults to `isTTY`. The entry point also turns it off for NO_COLOR. */
  readonly color?: boolean;
  /** Environment to read the configuration from; defaults to the process's (and `.env`). */
  readonly env?: Record<string, string | undefined>;
}

export type CreateEngineFn = (config: EngineConfig, logger: Logger, options: EngineOptions) => Promise<RefreshableEngine>;

const PROGRESS_LABEL = 'embedding papers (first run only)';

/** `title` that matches no paper exits 2 like `similar` of an unknown paper; it still prints the closest titles. */
function outcomeExit(outcome: QueryOutcome): number {
  return outcome.kind === 'title' && outcome.match === null ? EXIT_USAGE : EXIT_OK;
}

async function runSingle(engine: PaperEngine, request: CliRequest, query: string, io: CliIO): Promise<number> {
  const outcome = await runQuery(engine, request.command, query, request.search);
  const layout = layoutFor(io.columns, io.color ?? io.isTTY);
  io.stdout.write(request.json ? responseJson(outcome.response) : renderText(outcome, layout));
  return outcomeExit(outcome);
}

/**
 * A batch line is kept to this many characters, the rest of it skipped up to the next newline: the engine reads
 * far less of a query than this (`MAX_RAW_CHARS`), and a file of gigabytes with no newline (`< /dev/zero`) must not
 * be held in memory whole (readline did, until V8's string limit crashed the process).
 */
export const MAX_LINE_CHARS = 1 << 20;

/**
 * stdin's lines, each cut to {@link MAX_LINE_CHARS}. `\n`, `\r\n` (also split between two chunks) and a lone
 * `\r` each end a line, as with readline. Unlike readline, an error reading the input is thrown to the caller
 * instead of ending the batch as if the input were empty.
 */
export async function* inputLines(input: AsyncIterable<string | Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let line = '';
  const take = (piece: string): void => {
    if (line.length < MAX_LINE_CHARS) line += piece.slice(0, MAX_LINE_CHARS - line.length);
  };
  const finished = (): string => {
    const whole = line;
    line = '';
    return whole;
  };
  const LINE_END = /[\r\n]/g;
  // The `\n` of a `\r\n` ends nothing more: the `\r` already ended the line.
  let afterCarriageReturn = false;
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let start = 0;
    LINE_END.lastIndex = 0;
    for (let end = LINE_END.exec(text); end !== null; end = LINE_END.exec(text)) {
      const newline = text[end.index] === '\n';
      if (!(newline && afterCarriageReturn && end.index === start)) {
        take(text.slice(start, end.index));
        yield finished();
      }
      afterCarriageReturn = !newline;
      start = end.index + 1;
    }
    if (start < text.length) afterCarriageReturn = false;
    take(text.slice(start));
  }
  take(decoder.end());
  if (line !== '') yield finished();
}

/** One JSON line per non-blank stdin line; a failing line becomes an error object and the batch goes on. */
async function runBatch(engine: PaperEngine, request: CliRequest, io: CliIO, logger: Logger): Promise<number> {
  if (io.stdin.isTTY === true) io.stderr.write('Reading queries from stdin, one per line (Ctrl-D to finish).\n');
  let exitCode = EXIT_OK;
  for await (const line of inputLines(io.stdin as AsyncIterable<string | Buffer>)) {
    if (line.trim() === '') continue;
    try {
      const outcome = await runQuery(engine, request.command, line, request.search);
      io.stdout.write(responseJson(outcome.response));
      exitCode = worseExit(exitCode, outcomeExit(outcome));
    } catch (error) {
      const failure = describeFailure(error);
      logFailure(logger, error, failure, { command: request.command, query: quotedQuery(line) });
      io.stdout.write(failureJson(line, failure));
      exitCode = worseExit(exitCode, failure.exitCode);
    }
  }
  return exitCode;
}

/**
 * Runs `papers <command> [query] [options]`. Never throws: usage errors and
 * user errors exit 2 with one line on stderr, anything else exits 1. In batch
 * mode the exit code is the worst any line had.
 */
export async function runCli(argv: readonly string[], io: CliIO, createEngineFn: CreateEngineFn = createEngine): Promise<number> {
  let request: CliRequest | FeedRequest;
  try {
    const parsed = parseCliArgs(argv);
    if (parsed.kind === 'help') {
      io.stdout.write(HELP);
      return EXIT_OK;
    }
    request = parsed.request;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${errorLine(error.message)}${USAGE_HINT}\n`);
      return EXIT_USAGE;
    }
    const failure = describeFailure(error);
    io.stderr.write(errorLine(failure.message));
    return failure.exitCode;
  }

  let logger: Logger = silentLogger;
  let engine: RefreshableEngine | undefined;
  try {
    const config = loadEngineConfig(io.env);
    logger = createLogger(config.LOG_LEVEL ?? 'warn', io.stderr);
    const onProgress = progressReporter(logger, io.stderr, PROGRESS_LABEL, true);
    if (isFeedRequest(request)) return await runFeedCommand(request, config, logger, io, onProgress);
    const query: CliRequest = request;
    engine = await createEngineFn(config, logger, { onProgress, processKind: 'cli' });
    const notice = storeNotice(engine.status());
    if (notice !== null) io.stderr.write(errorLine(notice));
    const code = query.query === null ? await runBatch(engine, query, io, logger) : await runSingle(engine, query, query.query, io);
    // Results are printed either way; a store that could not take what was computed is the operator's to fix (2),
    // a model that failed is not (1).
    const status = engine.status();
    if (status.storeProblem !== null) return worseExit(code, EXIT_USAGE);
    return status.embeddingProblem === null ? code : worseExit(code, EXIT_UNEXPECTED);
  } catch (error) {
    const failure = describeFailure(error);
    logFailure(logger, error, failure, { command: request.command, query: isFeedRequest(request) ? request.paper : request.query });
    // A --json reader gets the failure as batch mode gives it, not an empty stdout that does not parse.
    const query = isFeedRequest(request) ? (request.paper ?? '') : request.query;
    if (request.json && query !== null) io.stdout.write(failureJson(query, failure));
    io.stderr.write(errorLine(failure.message));
    return failure.exitCode;
  } finally {
    await engine?.close().catch((error: unknown) => logger.warn({ err: error }, 'closing the engine failed'));
  }
}

function isFeedRequest(request: CliRequest | FeedRequest): request is FeedRequest {
  return request.command === 'fetch' || request.command === 'add';
}

/** What stderr says before the results when this run could not bring the store up to date itself. */
function storeNotice(status: EngineStatus): string | null {
  const partial = status.embedded < status.papers ? ` (${Math.floor((status.embedded / Math.max(1, status.papers)) * 100)} % embedded so far)` : '';
  if (status.storeProblem !== null) return `${status.storeProblem.replace(/\.$/, '')}; answering from what is stored${partial}.`;
  if (status.embeddingProblem !== null) return `${status.embeddingProblem.replace(/\.$/, '')}; papers without vectors are found by their words only${partial}.`;
  if (status.writerElsewhere !== null && partial !== '') return `another paperbot process is embedding papers: ${status.writerElsewhere}; answering from what it has stored${partial}.`;
  return null;
}
