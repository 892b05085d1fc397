/**
 * A `digests.json` as paperbot 0.1 wrote it (schema version 1, pretty-printed
 * JSON): two digests, the posts they made, and one post intent left unfinished
 * by a crash, its cards in 0.1's shape (`paperId`, the date as ISO text). Made
 * of real seed papers, so the imported state can run on the real corpus.
 */
import { feedLinks } from '../../src/search/paper-hit.js';
import { isoPaperDate, type Paper } from '../../src/corpus/index.js';
import type { DigestCard } from '../../src/digest/digest-message.js';
import { byRecencyThenUpvotes } from '../../src/digest/select-papers.js';
import { CHANNEL_A, CHANNEL_B, GUILD } from './harness.js';

/** A digest card as 0.1 wrote it. */
export interface LegacyCard {
  readonly paperId: string;
  readonly title: string;
  readonly url: string;
  readonly summary: string;
  readonly date: string | null;
  readonly authors: number | null;
  readonly upvotes: number | null;
  readonly codeLinks: readonly string[];
  readonly fresh: boolean;
}

/** 0.1's `cardFor`: the paper's fields, its date as ISO 8601 (`2024-07-24`, `--04-14` without a year). */
export function legacyCard(paper: Paper, fresh: boolean): LegacyCard {
  return {
    paperId: paper.id,
    title: paper.title,
    url: paper.url,
    summary: paper.abstract.slice(0, 200),
    date: paper.date === null ? null : isoPaperDate(paper.date),
    authors: paper.authors,
    upvotes: paper.upvotes,
    codeLinks: [...paper.codeLinks],
    fresh,
  };
}

/** The same card as the store reads it: `id`, and the date as a PaperDate. */
export function currentCard(paper: Paper, fresh: boolean): DigestCard {
  const old = legacyCard(paper, fresh);
  const date = paper.date === null ? null : { year: paper.date.year, month: paper.date.month, day: paper.date.day };
  return { id: old.paperId, title: old.title, url: old.url, summary: old.summary, date, authors: old.authors, upvotes: old.upvotes, codeLinks: [...old.codeLinks], ...feedLinks(paper), authorNames: [], keywords: [], fresh };
}

export const LEGACY_NONCE = 'q3JXcWm1bN8vT0pYzLk2aA';
/** The general digest (channel A) and the topic digest (channel B, paused by 0.1). */
export const GENERAL_ID = 'a1b2c3d4e5';
export const TOPIC_ID = 'f6e5d4c3b2';

export interface LegacyFixture {
  /** The file's text, byte for byte as 0.1 wrote it. */
  readonly text: string;
  /** What the file holds, parsed. */
  readonly file: {
    readonly version: 1;
    readonly digests: readonly Record<string, unknown>[];
    readonly posts: readonly Record<string, unknown>[];
    readonly intents: readonly Record<string, unknown>[];
  };
  /** Papers 0.1 posted to channel A, and those the unfinished intent was about to post there. */
  readonly postedToA: readonly string[];
  readonly intended: readonly Paper[];
}

export function legacyFixture(papers: readonly Paper[]): LegacyFixture {
  const sorted = [...papers].sort(byRecencyThenUpvotes);
  const dayOne = sorted.slice(0, 3);
  const dayTwo = sorted.slice(3, 6);
  const topicPost = sorted.slice(6, 8);
  const rest = sorted.slice(8);
  // One card of each date kind 0.1 could write: a full date, a year-less one, none.
  const pick = (test: (p: Paper) => boolean): Paper => {
    const found = rest.find(test);
    if (found === undefined) throw new Error('the seeds have no such paper');
    return found;
  };
  const intended = [pick((p) => p.date !== null && p.date.year !== null), pick((p) => p.date !== null && p.date.year === null), pick((p) => p.date === null)];

  const general = {
    id: GENERAL_ID,
    guildId: GUILD,
    channelId: CHANNEL_A,
    time: '09:00',
    timezone: 'Europe/Berlin',
    topic: null,
    count: 3,
    createdAt: '2026-03-27T18:02:11.418Z',
    createdBy: '300000000000000007',
    // Moved on with the intent, in the same write.
    nextDueAt: '2026-03-31T07:00:00.000Z',
    lastPostedAt: '2026-03-29T07:00:00.004Z',
    lastRun: { at: '2026-03-29T07:00:00.611Z', outcome: 'posted', late: false, papers: 3, detail: null },
    status: { kind: 'active' },
  };
  const topic = {
    id: TOPIC_ID,
    guildId: GUILD,
    channelId: CHANNEL_B,
    time: '18:30',
    timezone: 'Asia/Tokyo',
    topic: 'diffusion models',
    count: 2,
    createdAt: '2026-03-27T18:05:40.002Z',
    createdBy: '300000000000000007',
    nextDueAt: '2026-03-30T09:30:00.000Z',
    lastPostedAt: '2026-03-28T09:30:00.001Z',
    lastRun: { at: '2026-03-29T09:30:00.377Z', outcome: 'paused', late: false, papers: 0, detail: 'the channel no longer exists (404 Unknown Channel)' },
    status: { kind: 'paused', reason: 'the channel no longer exists (404 Unknown Channel)', since: '2026-03-29T09:30:00.377Z' },
  };
  const post = (nonce: string, digestId: string, channelId: string, messageId: string, picked: readonly Paper[], at: string) => ({
    nonce, digestId, channelId, messageId, kind: 'papers', paperIds: picked.map((p) => p.id), at, late: false,
  });
  const file = {
    version: 1 as const,
    digests: [general, topic],
    posts: [
      post('Hx0aPq4TzR2mWcV8nB6dEw', GENERAL_ID, CHANNEL_A, '1222222222222222201', dayOne, '2026-03-28T08:00:00.590Z'),
      post('Lr7sKd2YfG9uJ1eQ5tO3iA', TOPIC_ID, CHANNEL_B, '1222222222222222202', topicPost, '2026-03-28T09:30:00.442Z'),
      post('Zp4cNv6XbM8aS2dF0gH1jQ', GENERAL_ID, CHANNEL_A, '1222222222222222203', dayTwo, '2026-03-29T07:00:00.611Z'),
    ],
    intents: [
      {
        nonce: LEGACY_NONCE,
        digestId: GENERAL_ID,
        channelId: CHANNEL_A,
        trigger: 'scheduled',
        late: false,
        message: { kind: 'papers', dateLabel: 'Monday 30 March 2026', topic: null, lateFor: null, cards: intended.map((p) => legacyCard(p, false)) },
        createdAt: '2026-03-30T07:00:00.003Z',
        attempts: 1,
        retryAt: '2026-03-30T07:05:00.127Z',
      },
    ],
  };
  return { text: `${JSON.stringify(file, null, 2)}\n`, file, postedToA: [...dayOne, ...dayTwo].map((p) => p.id), intended };
}
