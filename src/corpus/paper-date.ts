/**
 * Dates as the Daily Papers listings print them: `Jul 24, 2024`, or `Apr 14`
 * when the paper is from the site's current year (the year is then unknown to
 * us and stays `null` — guessing it from the dump date would be wrong half the
 * time around New Year).
 */
import type { PaperDate } from './paper.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const FULL_MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
] as const;

/** Days per month; February allows 29 because a year-less date may fall in a leap year. */
const MAX_DAY = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** `Mon D`, optional `, YYYY`, optional upvote count after a space. Full month names are accepted too. */
const DATE_LINE = /^([A-Za-z]{3,9})\.? (\d{1,2})(?:, (\d{4}))?(?: (\d{1,7}))?$/;

/** A date line split into the date and the upvote count printed after it, if any. */
export interface DateLine {
  readonly date: PaperDate;
  readonly upvotes: number | null;
}

/** `Sep` or `September` (any case) → 9; anything else → null. */
function monthNumber(name: string): number | null {
  const lower = name.toLowerCase();
  const index = FULL_MONTHS.findIndex((full) => full === lower || full.slice(0, 3) === lower);
  return index < 0 ? null : index + 1;
}

function isValidDay(year: number | null, month: number, day: number): boolean {
  const max = MAX_DAY[month - 1] ?? 0;
  if (day < 1 || day > max) return false;
  if (year !== null && month === 2 && day === 29) {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  }
  return true;
}

/**
 * Parses a listing date line such as `Jul 23, 2024 2` (date + 2 upvotes) or `Apr 14`.
 * Returns `null` when the line is not a valid date line (including impossible days like `Feb 30`).
 */
export function parseDateLine(line: string): DateLine | null {
  const m = DATE_LINE.exec(line.trim());
  if (!m) return null;
  const [, monthName = '', dayText = '', yearText, upvoteText] = m;
  const month = monthNumber(monthName);
  if (month === null) return null;
  const day = Number(dayText);
  const year = yearText === undefined ? null : Number(yearText);
  if (!isValidDay(year, month, day)) return null;
  return { date: { year, month, day }, upvotes: upvoteText === undefined ? null : Number(upvoteText) };
}

/** Display form used by the listings themselves: `Jul 24, 2024`, or `Apr 14` when the year is unknown. */
export function formatPaperDate(d: PaperDate): string {
  const base = `${MONTHS[d.month - 1] ?? '???'} ${d.day}`;
  return d.year === null ? base : `${base}, ${d.year}`;
}

/** ISO 8601: `2024-07-24`, or the year-less form `--04-14` when the year is unknown. */
export function isoPaperDate(d: PaperDate): string {
  const mm = String(d.month).padStart(2, '0');
  const dd = String(d.day).padStart(2, '0');
  return d.year === null ? `--${mm}-${dd}` : `${String(d.year).padStart(4, '0')}-${mm}-${dd}`;
}

const ISO_PAPER_DATE = /^(?:(\d{4})|-)-(\d{2})-(\d{2})$/;

/** The inverse of `isoPaperDate`: `2024-07-24` or `--04-14` back to a PaperDate; anything else is null. */
export function parseIsoPaperDate(iso: string | null): PaperDate | null {
  const m = iso === null ? null : ISO_PAPER_DATE.exec(iso);
  if (!m) return null;
  return { year: m[1] === undefined ? null : Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}
