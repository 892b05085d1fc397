/** How `/papers new` names the period and the list it shows, and what it says when that list is empty. */
import type { NewPapersPage } from '../../bot/command.js';
import { quoted } from '../../bot/render/results.js';

const DAY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

/** `Jul 24, 2024` for `2024-07-24` (Daily Papers days are UTC days). */
export function dayText(day: string): string {
  return DAY.format(new Date(`${day}T00:00:00Z`));
}

/** `today (Jul 25, 2024)` or `the last 3 days (since Jul 23, 2024)`. */
export function periodText(page: Pick<NewPapersPage, 'dailyFrom' | 'days'>): string {
  return page.days === 1 ? `today (${dayText(page.dailyFrom)})` : `the last ${page.days} days (since ${dayText(page.dailyFrom)})`;
}

export function newPapersHeading(page: NewPapersPage): string {
  const period = periodText(page);
  return page.topic === undefined ? `Daily Papers of ${period}, most upvoted first` : `Daily Papers of ${period} about ${quoted(page.topic)}`;
}

/** Without a final period, so a caller can add why. */
export function noNewPapersText(page: NewPapersPage): string {
  return page.topic === undefined
    ? `I know of no Daily Papers from ${periodText(page)} yet`
    : `None of the Daily Papers from ${periodText(page)} is a close match for ${quoted(page.topic)}`;
}
