/**
 * The command line's grammar: `<command> [query…] [options]`, parsed with
 * node's own `parseArgs`. Anything malformed is a {@link UsageError}, which the
 * CLI answers with a usage hint and exit code 2 — before any model is loaded.
 */
import { parseArgs } from 'node:util';
import type { SearchOptions } from '../search/engine-types.js';
import { DEFAULT_K, MAX_K } from '../search/query.js';

export const COMMANDS = ['about', 'title', 'similar', 'ask'] as const;
export type CliCommand = (typeof COMMANDS)[number];

/** A command line that made sense: what to run, on what, and how to print it. */
export interface CliRequest {
  readonly command: CliCommand;
  /** The query words joined by spaces, or `null` when none were given (read queries from stdin). */
  readonly query: string | null;
  readonly json: boolean;
  readonly search: SearchOptions;
}

export type ParsedArgs = { readonly kind: 'help' } | { readonly kind: 'run'; readonly request: CliRequest };

/** The command line itself is wrong (unknown command or option, bad number). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE_HINT = 'Usage: npm run papers -- <about|title|similar|ask> [query] [--k N] [--has-code] [--json]  (--help for more)';

export const HELP = `Search the research papers in the seeds directory, offline.

Usage: npm run papers -- <command> [query] [options]

Commands:
  about <topic>          papers about a topic
  title <title>          look a paper up by (part of) its title or its acronym
  similar <title|id>     papers similar to one paper
  ask <question>         an answer quoted from the abstracts, with citations

Options:
  -k, --k N              number of results, 1-${MAX_K} (default ${DEFAULT_K})
  --has-code             only papers with a code link (about, similar, ask)
  --year-from Y          only papers from year Y on (about, similar, ask)
  --year-to Y            only papers up to year Y (about, similar, ask)
  --json                 one JSON object per query on stdout
  -h, --help             show this help

Without a query, reads one query per line from stdin and writes one JSON line
per query (the model loads once for the whole batch).
Put -- before a query that starts with a dash.

Examples:
  npm run papers -- about "model merging" --has-code
  npm run papers -- title sfprompt
  npm run papers -- ask "how much communication does SFPrompt save?"
  printf 'model merging\\nsplit learning\\n' | npm run papers -- about
`;

const OPTIONS = {
  k: { type: 'string', short: 'k' },
  'has-code': { type: 'boolean' },
  'year-from': { type: 'string' },
  'year-to': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function isCommand(word: string): word is CliCommand {
  return (COMMANDS as readonly string[]).includes(word);
}

/** A whole number in [min, max] from an option value, or a UsageError naming the option. */
function wholeNumber(option: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = /^\d{1,6}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!(number >= min && number <= max)) {
    throw new UsageError(`--${option} must be a whole number from ${min} to ${max}, not "${value}".`);
  }
  return number;
}

function parse(argv: readonly string[]): ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>> {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs explains unknown options and missing values well; keep its sentence, drop its error type.
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] ?? 'Bad options.' : 'Bad options.');
  }
}

/** Parses the words after `papers`. Throws {@link UsageError} for anything that is not a valid command line. */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  const { values, positionals } = parse(argv);
  if (values.help === true) return { kind: 'help' };
  const [word, ...queryWords] = positionals;
  if (word === undefined) throw new UsageError('Give a command: about, title, similar or ask.');
  const command = word.toLowerCase();
  if (!isCommand(command)) throw new UsageError(`Unknown command "${word}": use about, title, similar or ask.`);

  // Years are only checked to be numbers here; the engine owns the allowed range.
  const search: SearchOptions = {
    k: wholeNumber('k', values.k, 1, MAX_K),
    hasCode: values['has-code'],
    yearFrom: wholeNumber('year-from', values['year-from'], 0, 999_999),
    yearTo: wholeNumber('year-to', values['year-to'], 0, 999_999),
  };
  if (command === 'title' && (search.hasCode === true || search.yearFrom !== undefined || search.yearTo !== undefined)) {
    throw new UsageError('title looks a paper up by name: --has-code, --year-from and --year-to do not apply to it.');
  }
  return {
    kind: 'run',
    request: { command, query: queryWords.length === 0 ? null : queryWords.join(' '), json: values.json === true, search },
  };
}
