/**
 * Runs the CLI in-process over one shared engine, capturing stdout and
 * stderr, so a test file pays for one model load however many commands it runs.
 */
import { Readable } from 'node:stream';
import { runCli, type CliIO } from '../../src/cli/run-cli.js';
import type { PaperEngine } from '../../src/search/engine-types.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Piped to stdin (batch mode reads it when no query is given). */
  readonly stdin?: string;
  readonly isTTY?: boolean;
  readonly columns?: number;
  readonly color?: boolean;
  readonly env?: Record<string, string | undefined>;
}

/** The escape that starts every ANSI colour or style sequence. */
export const ANSI = '\u001b[';

/** What a stack trace line looks like: no user input may ever print one. */
export const STACK_LINE = /^\s+at .+[:(]/m;

export function cliRunner(engine: PaperEngine): (argv: readonly string[], options?: RunOptions) => Promise<CliRun> {
  return async (argv, options = {}) => {
    let stdout = '';
    let stderr = '';
    const io: CliIO = {
      stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text), isTTY: false },
      isTTY: options.isTTY ?? false,
      columns: options.columns,
      color: options.color,
      // An empty environment: the CLI's own defaults (log level warn), not whatever the test runner has set.
      env: options.env ?? {},
    };
    const code = await runCli(argv, io, async () => engine);
    return { code, stdout, stderr };
  };
}

/** Each stdout line parsed as JSON. */
export function jsonLines(stdout: string): unknown[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
}
