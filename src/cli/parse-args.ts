/**
 * The command line's grammar: `<command> [query…] [options]`, parsed with
 * node's own `parseArgs`. Anything malformed is a {@link UsageError}, which the
 * CLI answers with a usage hint and exit code 2 — before any model is loaded.
 */
import { parseArgs } from 'node:util';
import type { SearchOptions } from '../search/engine-types.js';
import { DEFAULT_K, MAX_K, YEAR_MAX, YEAR_MIN } from '../search/query.js';

export const COMMANDS = ['about', 'title', 'similar', 'ask'] as const;
export type CliCommand = (typeof COMMANDS)[number];
/** Commands that reach Hugging Face or arXiv (HF_API_BASE / ARXIV_API_BASE). */
export const FEED_COMMANDS = ['fetch', 'add'] as const;
export type FeedCommand = (typeof FEED_COMMANDS)[number];

/** `fetch [--date D | --days N]` or `add <id or URL>`. */
export interface FeedRequest {
  readonly command: FeedCommand;
  /** `add`: the arXiv id or URL. */
  readonly paper: string | null;
  /** `fetch --date`: that day. */
  readonly date: string | null;
  /** `fetch --days N`: the last N days, today included. Neither: the days due (as the bot would fetch at start). */
  readonly lastDays: number | null;
  readonly json: boolean;
}

/** A command line that made sense: what to run, on what, and how to print it. */
export interface CliRequest {
  readonly command: CliCommand;
  /** The query words joined by spaces, or `null` when none were given (read queries from stdin). */
  readonly query: string | null;
  readonly json: boolean;
  readonly search: SearchOptions;
}

export type ParsedArgs =
  | { readonly kind: 'help' }
  | { readonly kind: 'run'; readonly request: CliRequest }
  | { readonly kind: 'feed'; readonly request: FeedRequest };

/** The command line itself is wrong (unknown command or option, bad number). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE_HINT = 'Usage: npm run papers -- <about|title|similar|ask|fetch|add> [query] [--k N] [--has-code] [--json]  (--help for more)';

export const HELP = `Search the research papers in the seeds directory, offline.

Usage: npm run papers -- <command> [query] [options]

Commands:
  about <topic>          papers about a topic
  title <title>          look a paper up by (part of) its title or its acronym
  similar <title|id>     papers similar to one paper
  ask <question>         an answer quoted from the abstracts, with citations
  fetch                  fetch Hugging Face Daily Papers into the store (the days due, or --date / --days)
  add <arXiv id or URL>  fetch one paper (Hugging Face first, then arXiv) and show it

Options:
  -k, --k N              number of results, 1-${MAX_K} (default ${DEFAULT_K})
  --has-code             only papers with a code link (about, similar, ask)
  --year-from Y          only papers from year Y on (about, similar, ask)
  --year-to Y            only papers up to year Y (about, similar, ask)
  --date YYYY-MM-DD      fetch: that Daily Papers day
  --days N               fetch: the last N days, 1-30 (today included)
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
  date: { type: 'string' },
  days: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function isCommand(word: string): word is CliCommand {
  return (COMMANDS as readonly string[]).includes(word);
}

/** How much of a bad option value an error message quotes. */
const ECHOED_VALUE_CHARS = 40;

/** A whole number in [min, max] from an option value, or a UsageError naming the flag as typed. */
function wholeNumber(option: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = /^\d{1,6}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!(number >= min && number <= max)) {
    const shown = value.length > ECHOED_VALUE_CHARS ? `${value.slice(0, ECHOED_VALUE_CHARS)}…` : value;
    throw new UsageError(`--${option} must be a whole number from ${min} to ${max}, not "${shown}".`);
  }
  return number;
}

function parse(argv: readonly string[]): ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>> {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs explains unknown options and missing values well; keep its sentences (for `--k -1` the second says
    // to write `--k=-1`), drop its error type.
    throw new UsageError(error instanceof Error ? error.message.split('\n').join(' ') : 'Bad options.');
  }
}

/** Parses the words after `papers`. Throws {@link UsageError} for anything that is not a valid command line. */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  const { values, positionals } = parse(argv);
  if (values.help === true) return { kind: 'help' };
  const [word, ...queryWords] = positionals;
  if (word === undefined) throw new UsageError('Give a command: about, title, similar, ask, fetch or add.');
  const command = word.toLowerCase();
  if (command === 'fetch' || command === 'add') return { kind: 'feed', request: feedRequest(command, queryWords, values) };
  if (!isCommand(command)) throw new UsageError(`Unknown command "${word}": use about, title, similar, ask, fetch or add.`);
  if (values.date !== undefined || values.days !== undefined) throw new UsageError('--date and --days belong to fetch.');

  // Checked here against the engine's own range, so the message names the flag the user typed.
  const search: SearchOptions = {
    k: wholeNumber('k', values.k, 1, MAX_K),
    hasCode: values['has-code'],
    yearFrom: wholeNumber('year-from', values['year-from'], YEAR_MIN, YEAR_MAX),
    yearTo: wholeNumber('year-to', values['year-to'], YEAR_MIN, YEAR_MAX),
  };
  if (search.yearFrom !== undefined && search.yearTo !== undefined && search.yearFrom > search.yearTo) {
    throw new UsageError(`--year-from (${search.yearFrom}) is after --year-to (${search.yearTo}).`);
  }
  if (command === 'title' && (search.hasCode === true || search.yearFrom !== undefined || search.yearTo !== undefined)) {
    throw new UsageError('title looks a paper up by name: --has-code, --year-from and --year-to do not apply to it.');
  }
  return {
    kind: 'run',
    request: { command, query: queryWords.length === 0 ? null : queryWords.join(' '), json: values.json === true, search },
  };
}

function feedRequest(command: FeedCommand, words: readonly string[], values: ReturnType<typeof parse>['values']): FeedRequest {
  const json = values.json === true;
  if (values.k !== undefined || values['has-code'] === true || values['year-from'] !== undefined || values['year-to'] !== undefined) {
    throw new UsageError(`${command} takes no search options (--k, --has-code, --year-from, --year-to).`);
  }
  if (command === 'add') {
    if (values.date !== undefined || values.days !== undefined) throw new UsageError('--date and --days belong to fetch.');
    if (words.length !== 1) throw new UsageError('add takes one arXiv id or URL, e.g. npm run papers -- add 2407.12345');
    return { command, paper: words[0]!, date: null, lastDays: null, json };
  }
  if (words.length > 0) throw new UsageError(`fetch takes no words ("${words.join(' ').slice(0, 40)}"): use --date YYYY-MM-DD or --days N.`);
  if (values.date !== undefined && values.days !== undefined) throw new UsageError('Give --date or --days, not both.');
  if (values.date !== undefined) {
    const ms = Date.parse(`${values.date}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date) || Number.isNaN(ms) || !new Date(ms).toISOString().startsWith(values.date)) {
      throw new UsageError(`--date must be a day like 2026-12-01, not "${values.date.slice(0, 40)}".`);
    }
    // Tomorrow in UTC is today somewhere; later than that has no listing yet.
    if (ms > Date.now() + 24 * 60 * 60_000) throw new UsageError(`--date ${values.date} is in the future: there is no Daily Papers listing for it yet.`);
    return { command, paper: null, date: values.date, lastDays: null, json };
  }
  return { command, paper: null, date: null, lastDays: wholeNumber('days', values.days, 1, 30) ?? null, json };
}
