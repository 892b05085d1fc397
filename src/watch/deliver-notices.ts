/**
 * One batch of watch notices: per user, the new papers their watches match,
 * minus those already sent to them, in one DM — unless the user had their
 * daily share already. A DM that went out is recorded with exactly the
 * papers it showed (the store keeps one row per user and paper, so a paper
 * is never sent to a user twice). Closed DMs pause the watches concerned;
 * any other failure records nothing, and the papers are offered again with
 * the next batch.
 */
import type { Logger } from '../logger.js';
import type { WatchRepository } from '../store/store.js';
import { collectMatches, type WatchEngine } from './collect-matches.js';
import type { WatchMatch, WatchNotifier } from './watch-notifier.js';
import type { Watch } from './watch-record.js';

/** Papers kept for a user's next DM at most: beyond this many pending, the oldest news is not worth a DM any more. */
export const MAX_CARRIED = 50;

/** What a batch did for one user. */
export interface UserNotice {
  readonly userId: string;
  readonly outcome: 'sent' | 'capped' | 'closed' | 'failed';
  /** Sent: the papers the DM showed. Otherwise: the papers that were due. */
  readonly paperIds: readonly string[];
}

export interface DeliveryRound {
  readonly engine: WatchEngine;
  readonly repository: WatchRepository;
  readonly notifier: WatchNotifier;
  readonly logger: Logger;
  readonly watches: readonly Watch[];
  readonly now: Date;
  /** The start of the daily cap's window (24 hours before `now`). */
  readonly since: Date;
  readonly maxDmsPerDay: number;
  /** The papers worth checking for a user: this batch, plus what earlier batches could not deliver. */
  readonly candidatesOf: (userId: string) => ReadonlySet<string>;
  /** What to offer the user again with the next batch (an empty set: nothing). */
  readonly carry: (userId: string, paperIds: ReadonlySet<string>) => void;
  readonly pause: (userId: string, watchIds: ReadonlySet<string>, reason: string) => Promise<void>;
}

export async function deliverNotices(round: DeliveryRound): Promise<UserNotice[]> {
  const { logger } = round;
  const matched = await collectMatches(round.engine, round.watches, round.candidatesOf);
  for (const userId of new Set(round.watches.map((watch) => watch.userId))) if (!matched.has(userId)) round.carry(userId, new Set());
  const notices: UserNotice[] = [];
  for (const [userId, matches] of matched) {
    try {
      const notice = await deliverTo(round, userId, matches);
      if (notice !== null) notices.push(notice);
    } catch (error) {
      // The store failing mid-way: this user's papers stay due (nothing recorded means nothing counts as sent).
      round.carry(userId, new Set(matches.map((match) => match.card.id).slice(0, MAX_CARRIED)));
      logger.error({ err: error, userId }, 'watches: notifying a user failed; trying again with the next batch');
      notices.push({ userId, outcome: 'failed', paperIds: matches.map((match) => match.card.id) });
    }
  }
  return notices;
}

async function deliverTo(round: DeliveryRound, userId: string, matches: readonly WatchMatch[]): Promise<UserNotice | null> {
  const { repository, logger } = round;
  const sent = await repository.sentTo(userId, matches.map((match) => match.card.id));
  const due = matches.filter((match) => !sent.has(match.card.id));
  const dueIds = due.map((match) => match.card.id);
  round.carry(userId, new Set(dueIds.slice(0, MAX_CARRIED)));
  if (due.length === 0) return null;
  if ((await repository.dmsSince(userId, round.since)) >= round.maxDmsPerDay) {
    logger.info({ userId, papers: due.length, max: round.maxDmsPerDay }, 'watches: daily DM cap reached; papers kept for a later DM');
    return { userId, outcome: 'capped', paperIds: dueIds };
  }
  const outcome = await round.notifier.send({ userId, matches: due });
  if (outcome.kind === 'sent') {
    const delivered = new Set(outcome.delivered);
    try {
      await record(repository, userId, due.filter((match) => delivered.has(match.card.id)), round.now);
    } catch (error) {
      // The DM is out: offering its papers again would send them twice, so they are dropped rather than carried.
      logger.error({ err: error, userId }, 'watches: a DM went out but could not be recorded');
    }
    round.carry(userId, new Set(dueIds.filter((id) => !delivered.has(id)).slice(0, MAX_CARRIED)));
    logger.info({ userId, papers: delivered.size, left: due.length - delivered.size }, 'watches: DM sent');
    return { userId, outcome: 'sent', paperIds: [...outcome.delivered] };
  }
  if (outcome.kind === 'closed') {
    round.carry(userId, new Set());
    await round.pause(userId, new Set(due.map((match) => match.watchId)), outcome.reason);
    logger.warn({ userId, reason: outcome.reason }, 'watches: the user cannot be sent DMs; their watches are paused');
    return { userId, outcome: 'closed', paperIds: dueIds };
  }
  logger.warn({ userId, reason: outcome.reason, papers: due.length }, 'watches: DM failed; trying again with the next batch');
  return { userId, outcome: 'failed', paperIds: dueIds };
}

/** One notice, recorded per watch it served: every row gets the same instant, so the daily cap counts it as one DM. */
async function record(repository: WatchRepository, userId: string, delivered: readonly WatchMatch[], at: Date): Promise<void> {
  const byWatch = new Map<string, string[]>();
  for (const { watchId, card } of delivered) byWatch.set(watchId, [...(byWatch.get(watchId) ?? []), card.id]);
  for (const [watchId, paperIds] of byWatch) await repository.recordNotice(userId, watchId, paperIds, at);
}
