/**
 * The port through which watches reach their owners: one direct message per
 * user per batch. The Discord layer implements it (bot/watch/); tests use an
 * in-memory one. Outcomes are values, never throws, so one user's closed DMs
 * cannot stop the others' notices.
 */
import type { PaperCard } from '../search/engine-types.js';

/** One paper for one user, and the watch it matched. */
export interface WatchMatch {
  readonly watchId: string;
  readonly topic: string;
  readonly card: PaperCard;
}

/** One DM: its papers, best first (a renderer may show only the first few; see `delivered`). */
export interface WatchNotice {
  readonly userId: string;
  readonly matches: readonly WatchMatch[];
}

export type NoticeOutcome =
  /** `delivered`: the ids of the papers the message really showed (a message has room for only so many). */
  | { readonly kind: 'sent'; readonly delivered: readonly string[] }
  /** The user cannot be messaged (DMs closed, user gone): the watches are paused with `reason`. */
  | { readonly kind: 'closed'; readonly reason: string }
  /** Anything else (Discord down, a timeout): nothing is recorded, the papers are offered again with the next batch. */
  | { readonly kind: 'failed'; readonly reason: string };

export interface WatchNotifier {
  send(notice: WatchNotice): Promise<NoticeOutcome>;
}
