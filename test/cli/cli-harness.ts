/**
 * Runs the CLI in-process over one shared engine, capturing stdout and
 * stderr, so a test file pays for one model load however many commands it runs.
 */
import { Readable } from 'node:stream';
import { runCli, type CliIO, type CreateEngineFn } from '../../src/cli/run-cli.js';
import type { AnswerSentence, PaperHit, RefreshableEngine } from '../../src/search/engine-types.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Piped to stdin (batch mode reads it when no query is given). */
  readonly stdin?: string;
  /** Whether stdout is a terminal. */
  readonly isTTY?: boolean;
  /** Whether stderr is a terminal (progress is drawn as a bar there). */
  readonly stderrIsTTY?: boolean;
  readonly columns?: number;
  readonly color?: boolean;
  readonly env?: Record<string, string | undefined>;
}

/** A result as `--json` prints it: the engine's hit with its date as ISO 8601 text. */
export type JsonHit = Omit<PaperHit, 'date'> & { readonly date: string | null };

/** One `--json` line: the engine's SearchResponse without `total`, `indexing` only while indexing. */
export interface JsonResponse {
  readonly query: string;
  readonly lowConfidence: boolean;
  readonly results: readonly JsonHit[];
  readonly answer?: readonly AnswerSentence[];
  readonly indexing?: { readonly papers: number; readonly embedded: number };
}

/** The escape that starts every ANSI colour or style sequence. */
export const ANSI = '\u001b[';

/** What a stack trace line looks like: no user input may ever print one. */
export const STACK_LINE = /^\s+at .+[:(]/m;

/**
 * The engine with `close` replaced by `onClose` (by default nothing): runCli
 * closes the engine it is handed, and a test file's shared engine must
 * outlive every run. Everything else, getters included, is the real engine's.
 */
export function withClose(engine: RefreshableEngine, onClose: () => void = () => undefined): RefreshableEngine {
  const wrapper: RefreshableEngine = Object.create(engine, {
    close: { value: async () => onClose() },
  });
  return wrapper;
}

/** The process as runCli sees it, writing into `out`. */
export function captureIO(out: { stdout: string; stderr: string }, options: RunOptions = {}): CliIO {
  return {
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text), isTTY: options.stderrIsTTY ?? false },
    isTTY: options.isTTY ?? false,
    columns: options.columns,
    color: options.color,
    // An empty environment: the CLI's own defaults (log level warn), not whatever the test runner has set.
    env: options.env ?? {},
  };
}

/** Runs the CLI with `createEngineFn` as its engine factory. */
export async function runWith(argv: readonly string[], createEngineFn: CreateEngineFn, options: RunOptions = {}): Promise<CliRun> {
  const out = { stdout: '', stderr: '' };
  const code = await runCli(argv, captureIO(out, options), createEngineFn);
  return { code, ...out };
}

/** A CLI over `engine` (never closed by the runs: close it in the test file's `afterAll`). */
export function cliRunner(engine: RefreshableEngine): (argv: readonly string[], options?: RunOptions) => Promise<CliRun> {
  return (argv, options = {}) => runWith(argv, async () => withClose(engine), options);
}

/** Each stdout line parsed as JSON. */
export function jsonLines(stdout: string): unknown[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
}
