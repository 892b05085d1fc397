/**
 * A topic watch as stored: the body of a `watches` row (the store keeps the
 * id and the user beside it), version 1, validated with zod whenever it is
 * read. A row that does not validate is left in place and out of every list,
 * so a damaged record can never be acted on.
 */
import { z } from 'zod';
import type { WatchRow } from '../store/store.js';

export const WATCH_VERSION = 1;

/** Each user's watches fit one autocomplete list and one `/papers watches` card with room to spare. */
export const MAX_WATCHES_PER_USER = 10;

/** A topic is a few words, as for `/papers about`; long pastes only dilute the ranking. */
export const TOPIC_MAX = 300;

const instant = z.iso.datetime();

export const watchStatusSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('active') }),
  /** Discord refused to deliver a DM (the user closed their DMs): nothing is sent until the user watches the topic again. */
  z.object({ kind: z.literal('paused'), reason: z.string().min(1), since: instant }),
]);

export const watchBodySchema = z.object({
  version: z.literal(WATCH_VERSION),
  topic: z.string().trim().min(1).max(TOPIC_MAX),
  /** Only papers that entered the corpus at or after this instant are news to the watch. */
  createdAt: instant,
  status: watchStatusSchema,
});

export type WatchStatus = z.infer<typeof watchStatusSchema>;
export type WatchBody = z.infer<typeof watchBodySchema>;

/** One user's watch of one topic. */
export interface Watch extends Omit<WatchBody, 'version'> {
  /** Short random id: the value `/papers unwatch` autocompletes to. */
  readonly id: string;
  readonly userId: string;
}

/** The watches among `rows` that validate, and how many did not. */
export function parseWatchRows(rows: readonly WatchRow[]): { readonly watches: Watch[]; readonly damaged: number } {
  const watches: Watch[] = [];
  let damaged = 0;
  for (const row of rows) {
    const body = watchBodySchema.safeParse(row.body);
    if (body.success) watches.push({ id: row.id, userId: row.userId, topic: body.data.topic, createdAt: body.data.createdAt, status: body.data.status });
    else damaged += 1;
  }
  return { watches, damaged };
}

/** The row a watch is stored as. */
export function watchRow(watch: Watch): WatchRow {
  const body: WatchBody = { version: WATCH_VERSION, topic: watch.topic, createdAt: watch.createdAt, status: watch.status };
  return { id: watch.id, userId: watch.userId, body };
}

/** Topics compare without case or surrounding and repeated spaces: "LLM  agents" is "llm agents". */
export function sameTopic(a: string, b: string): boolean {
  const key = (topic: string) => topic.trim().replace(/\s+/g, ' ').toLowerCase();
  return key(a) === key(b);
}
