/**
 * What the CLI says and which exit code it returns when something fails.
 * Expected failures (what the user typed, the configuration) are one line and
 * exit 2; anything else is a bug or an outage: one line, exit 1, and the full
 * error in the log at debug level — never a stack trace on the terminal.
 */
import { ConfigError } from '../config.js';
import { isUserError } from '../errors.js';
import { StoreError } from '../store/store-error.js';
import type { Logger } from '../logger.js';
import type { QueryFailure } from './render-json.js';

export const EXIT_OK = 0;
export const EXIT_UNEXPECTED = 1;
export const EXIT_USAGE = 2;

export interface CliFailure extends QueryFailure {
  readonly exitCode: typeof EXIT_UNEXPECTED | typeof EXIT_USAGE;
}

/** Multi-line messages (a ConfigError lists every bad variable) are folded onto one line. */
function oneLine(text: string): string {
  return text.replace(/:\s*\n\s*/g, ': ').replace(/\s*\n\s*/g, '; ').trim();
}

export function describeFailure(error: unknown): CliFailure {
  if (isUserError(error)) return { code: error.code, message: oneLine(error.message), exitCode: EXIT_USAGE };
  if (error instanceof ConfigError) return { code: 'CONFIG', message: oneLine(error.message), exitCode: EXIT_USAGE };
  // The data directory is read-only, full, or has a path of the wrong kind: the operator's to fix, with its real cause.
  if (error instanceof StoreError) return { code: error.code, message: oneLine(error.message), exitCode: EXIT_USAGE };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'UNEXPECTED', message: oneLine(message) || 'unexpected error', exitCode: EXIT_UNEXPECTED };
}

/** Logs an unexpected failure in full (visible with LOG_LEVEL=debug); expected ones need no log. */
export function logFailure(logger: Logger, error: unknown, failure: CliFailure, context: Record<string, unknown>): void {
  if (failure.exitCode === EXIT_UNEXPECTED) logger.debug({ err: error, ...context }, 'query failed');
}

/** Of two exit codes, the one that says more: an unexpected failure outranks a user error. */
export function worseExit(a: number, b: number): number {
  if (a === EXIT_UNEXPECTED || b === EXIT_UNEXPECTED) return EXIT_UNEXPECTED;
  return Math.max(a, b);
}
