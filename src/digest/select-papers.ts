/**
 * Which papers a digest posts next: a pure function of the corpus, what the
 * channel has already seen, and (for a topic digest) the topic's ranking.
 */
import type { PaperDate } from '../corpus/paper.js';

/** What selection needs of a paper. */
export type SelectablePaper = {
  readonly id: string;
  readonly date: PaperDate | null;
  readonly upvotes: number | null;
  /** `YYYY-MM-DD`: the first Daily Papers day that listed it, when a feed said (absent or null: the dumps alone know it). */
  readonly dailyDate?: string | null;
};

export interface SelectionInput {
  readonly papers: readonly SelectablePaper[];
  /** When a paper entered the corpus; `undefined` counts as "not new". */
  readonly addedAt: (paperId: string) => Date | undefined;
  /** Papers already posted to the digest's channel, by any digest: never posted again. */
  readonly posted: ReadonlySet<string>;
  /** Papers added after this instant are "new since the last post" and lead. */
  readonly since: Date;
  readonly count: number;
  /** Topic digest: ids of confident matches, nearest first. `null` for a general digest. */
  readonly topicRanking: readonly string[] | null;
}

export interface Pick {
  readonly id: string;
  /** Added to the corpus since the last post. */
  readonly fresh: boolean;
}

export type Selection = { readonly kind: 'papers'; readonly picks: readonly Pick[] } | { readonly kind: 'exhausted' };

/**
 * New papers first, then the rest: nearest to the topic for a topic digest
 * (only confident matches qualify at all, new or not), the newest Daily
 * Papers, most upvoted first, for a general one ({@link byNewestDailyPapers}).
 * `exhausted` when nothing unposted qualifies.
 */
export function selectPapers(input: SelectionInput): Selection {
  const known = new Map(input.papers.map((paper) => [paper.id, paper]));
  const ordered =
    input.topicRanking === null
      ? [...input.papers].sort(byNewestDailyPapers)
      : input.topicRanking.flatMap((id) => known.get(id) ?? []);
  const seen = new Set<string>();
  const candidates = ordered.filter((paper) => {
    if (input.posted.has(paper.id) || seen.has(paper.id)) return false;
    seen.add(paper.id);
    return true;
  });
  if (candidates.length === 0) return { kind: 'exhausted' };
  const isFresh = (paper: SelectablePaper): boolean => {
    const added = input.addedAt(paper.id);
    return added !== undefined && added.getTime() > input.since.getTime();
  };
  // A stable partition keeps each group in its own order (topic rank, or recency).
  const fresh = candidates.filter(isFresh);
  const rest = candidates.filter((paper) => !isFresh(paper));
  const picks = [...fresh.map((p) => ({ id: p.id, fresh: true })), ...rest.map((p) => ({ id: p.id, fresh: false }))];
  return { kind: 'papers', picks: picks.slice(0, input.count) };
}

/**
 * A general digest's order. Papers a Daily Papers day listed come first:
 * newest day first, most upvoted first within a day (the day is when Hugging
 * Face listed the paper, which is what "today's papers" means; a listing
 * date from a dump may be the paper's own date, or lack the year). Papers
 * only the dumps know follow, by {@link byRecencyThenUpvotes}.
 */
export function byNewestDailyPapers(a: SelectablePaper, b: SelectablePaper): number {
  const dayA = a.dailyDate ?? null;
  const dayB = b.dailyDate ?? null;
  if (dayA === null && dayB === null) return byRecencyThenUpvotes(a, b);
  if (dayA === null || dayB === null) return dayA === null ? 1 : -1;
  return dayB.localeCompare(dayA) || (b.upvotes ?? -1) - (a.upvotes ?? -1) || byId(a, b);
}

const byId = (a: SelectablePaper, b: SelectablePaper): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Newest first by listing date; a date without a year (the site omits the
 * current year) sorts after every dated paper, and no date at all comes last.
 * Ties: more upvotes first, then id so the order never depends on load order.
 */
export function byRecencyThenUpvotes(a: SelectablePaper, b: SelectablePaper): number {
  return (
    compareDates(a.date, b.date) ||
    (b.upvotes ?? -1) - (a.upvotes ?? -1) ||
    byId(a, b)
  );
}

/** Negative when `a` should come first (is more recent). */
function compareDates(a: PaperDate | null, b: PaperDate | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if ((a.year === null) !== (b.year === null)) return a.year === null ? 1 : -1;
  return (b.year ?? 0) - (a.year ?? 0) || b.month - a.month || b.day - a.day;
}
