/**
 * Turns what a user typed into a query the engine can run, or a UserError
 * that says why it can't. Nothing a user types reaches a model or an index raw.
 */
import { UserError } from '../errors.js';
import type { SearchOptions } from './engine-types.js';

/** Longer input is cut: the model reads 512 tokens at most and BM25 gains nothing from a pasted essay. */
export const MAX_QUERY_CHARS = 1000;
export const DEFAULT_K = 5;
export const MAX_K = 50;
/** The years a filter may name. */
export const YEAR_MIN = 1900;
export const YEAR_MAX = 2100;
/**
 * Raw input beyond this is not read: what is cut to MAX_QUERY_CHARS comes from its start, and a 50 MB line
 * of punctuation must cost a bounded amount of work to reject.
 */
const MAX_RAW_CHARS = MAX_QUERY_CHARS * 16;

/** Discord mentions and pings are not search terms. */
const MENTIONS = /@(everyone|here)\b|<@[!&]?\d+>|<#\d+>/g;
const CONTROL = /[\p{Cc}\p{Cf}]+/gu;
/**
 * Terminal control sequences, removed whole: CSI (`ESC [ … final`, or the 8-bit CSI), OSC and the other
 * string sequences up to their terminator (BEL or ESC \), and two-character escapes. Removing only the
 * control character would leave `[2J` behind as a word to search for.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const TERMINAL_SEQUENCES = /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]|(?:\x1b[\]PX^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[\x20-\x2f]*[\x30-\x7e]/g;

/** What a user typed without terminal sequences, mentions and control characters, spaces collapsed, cut to MAX_QUERY_CHARS. */
export function cleanQueryText(raw: string): string {
  // The cut must not leave half of an emoji (a lone high surrogate) at the end.
  return raw
    .slice(0, MAX_RAW_CHARS)
    .replace(TERMINAL_SEQUENCES, ' ')
    .replace(MENTIONS, ' ')
    .replace(CONTROL, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_QUERY_CHARS)
    .replace(/[\uD800-\uDBFF]$/, '');
}

/** Whether the text holds a letter or digit: anything to search for at all (queries, watch and digest topics). */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** A topic's refusal when it has no {@link hasWords words} (a watch or a digest of "!!!" could never match). */
export const TOPIC_WITHOUT_WORDS = 'The topic has no words to search for.';

export function normaliseQuery(raw: string): string {
  const text = cleanQueryText(raw);
  if (!hasWords(text)) {
    throw new UserError('EMPTY_QUERY', raw.slice(0, MAX_RAW_CHARS).trim() === '' ? undefined : 'The query has no words to search for: type a topic or a title.');
  }
  return text;
}

export interface ResolvedOptions {
  readonly k: number;
  readonly offset: number;
  readonly hasCode: boolean;
  readonly yearFrom: number | null;
  readonly yearTo: number | null;
  readonly dailyFrom: string | null;
  readonly addedFrom: string | null;
}

const CALENDAR_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function integer(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UserError('INVALID_OPTION', `${name} must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

export function resolveOptions(options: SearchOptions = {}): ResolvedOptions {
  const yearFrom = options.yearFrom === undefined ? null : integer('yearFrom', options.yearFrom, 0, YEAR_MIN, YEAR_MAX);
  const yearTo = options.yearTo === undefined ? null : integer('yearTo', options.yearTo, 0, YEAR_MIN, YEAR_MAX);
  if (yearFrom !== null && yearTo !== null && yearFrom > yearTo) {
    throw new UserError('INVALID_OPTION', `yearFrom (${yearFrom}) is after yearTo (${yearTo}).`);
  }
  if (options.dailyFrom !== undefined && !CALENDAR_DAY.test(options.dailyFrom)) {
    throw new UserError('INVALID_OPTION', `dailyFrom must be a date like 2026-12-01, got "${options.dailyFrom.slice(0, 40)}".`);
  }
  const addedFrom = options.addedFrom === undefined ? null : new Date(Date.parse(options.addedFrom));
  if (addedFrom !== null && Number.isNaN(addedFrom.getTime())) {
    throw new UserError('INVALID_OPTION', `addedFrom must be an instant like 2026-12-01T09:00:00Z, got "${String(options.addedFrom).slice(0, 40)}".`);
  }
  return {
    k: integer('k', options.k, DEFAULT_K, 1, MAX_K),
    offset: integer('offset', options.offset, 0, 0, 10_000),
    hasCode: options.hasCode === true,
    yearFrom,
    yearTo,
    dailyFrom: options.dailyFrom ?? null,
    addedFrom: addedFrom?.toISOString() ?? null,
  };
}
