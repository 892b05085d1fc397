/**
 * The persisted digest state, schema version 1: digest configurations, every
 * post made (what went where, when), and unfinished post intents. Validated
 * with zod on load; older versions pass through {@link migrateState} first.
 */
import { z } from 'zod';
import { digestMessageSchema } from './digest-message.js';

export const STATE_VERSION = 1;

const instant = z.iso.datetime();
const snowflake = z.string().regex(/^\d{1,22}$/);

const statusSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('active') }),
  /** Posted its "nothing new" line; stays quiet until new relevant papers arrive. */
  z.object({ kind: z.literal('exhausted'), since: instant }),
  /** Discord refused the channel (deleted, no access): not run until `/digest set` or `/digest now` succeeds. */
  z.object({ kind: z.literal('paused'), reason: z.string(), since: instant }),
]);

const lastRunSchema = z.object({
  at: instant,
  outcome: z.enum(['posted', 'exhausted', 'quiet', 'paused', 'failed']),
  late: z.boolean(),
  papers: z.number().int().nonnegative(),
  detail: z.string().nullable(),
});

export const digestSchema = z.object({
  /** Short random id, the value `/digest remove` autocompletes to. */
  id: z.string().regex(/^[a-z0-9]{4,24}$/),
  guildId: snowflake,
  channelId: snowflake,
  /** `HH:MM`, 24-hour, in `timezone`. */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  /** IANA zone name. */
  timezone: z.string().min(1),
  topic: z.string().min(1).nullable(),
  count: z.number().int().min(1).max(10),
  createdAt: instant,
  createdBy: snowflake.nullable(),
  /** The next scheduled slot; a slot at or before "now" is due (after downtime: posted once, late). */
  nextDueAt: instant,
  /** Baseline for "new since the last post": when the papers of the last post were chosen (else `createdAt`). */
  lastPostedAt: instant.nullable(),
  lastRun: lastRunSchema.nullable(),
  status: statusSchema,
});

export const postSchema = z.object({
  nonce: z.string(),
  digestId: z.string(),
  channelId: snowflake,
  messageId: z.string().nullable(),
  kind: z.enum(['papers', 'exhausted']),
  paperIds: z.array(z.string()),
  at: instant,
  late: z.boolean(),
});

/** Recorded BEFORE posting: on restart an intent still here is reconciled, never chosen afresh. */
export const intentSchema = z.object({
  nonce: z.string().min(1).max(25),
  digestId: z.string(),
  channelId: snowflake,
  trigger: z.enum(['scheduled', 'manual']),
  late: z.boolean(),
  message: digestMessageSchema,
  createdAt: instant,
  /** Delivery attempts that ended in a transient failure. */
  attempts: z.number().int().nonnegative(),
  /** Not retried before this instant. */
  retryAt: instant,
});

export const stateSchema = z.object({
  version: z.literal(STATE_VERSION),
  digests: z.array(digestSchema),
  posts: z.array(postSchema),
  intents: z.array(intentSchema),
});

export type DigestStatus = z.infer<typeof statusSchema>;
export type LastRun = z.infer<typeof lastRunSchema>;
export type Digest = z.infer<typeof digestSchema>;
export type PostRecord = z.infer<typeof postSchema>;
export type Intent = z.infer<typeof intentSchema>;
export type DigestState = z.infer<typeof stateSchema>;

export function emptyState(): DigestState {
  return { version: STATE_VERSION, digests: [], posts: [], intents: [] };
}

/**
 * Migration steps, keyed by the version they upgrade FROM. Empty while 1 is
 * the only version; a v2 adds `1: (v1) => v2` here and bumps STATE_VERSION.
 */
const MIGRATIONS: Readonly<Record<number, (state: Record<string, unknown>) => Record<string, unknown>>> = {};

/** Brings a parsed file up to {@link STATE_VERSION}; throws with a reason when it cannot. */
export function migrateState(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('not a JSON object');
  let state = raw as Record<string, unknown>;
  let version = state['version'];
  if (typeof version !== 'number' || !Number.isInteger(version)) throw new Error('no schema version');
  if (version > STATE_VERSION) throw new Error(`written by a newer paperbot (schema version ${version})`);
  while (version < STATE_VERSION) {
    const step = MIGRATIONS[version];
    if (step === undefined) throw new Error(`no migration from schema version ${version}`);
    state = step(state);
    version = state['version'];
    if (typeof version !== 'number') throw new Error('migration lost the schema version');
  }
  return state;
}

/** Every paper already posted (or about to be, by a pending intent) to `channelId`. */
export function postedInChannel(state: DigestState, channelId: string): Set<string> {
  const ids = new Set<string>();
  for (const post of state.posts) if (post.channelId === channelId) for (const id of post.paperIds) ids.add(id);
  for (const intent of state.intents) {
    if (intent.channelId === channelId && intent.message.kind === 'papers') {
      for (const card of intent.message.cards) ids.add(card.id);
    }
  }
  return ids;
}
