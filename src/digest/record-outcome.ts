/**
 * The last step of a run as a pure state change: what a post's outcome does
 * to the intent, the post history and the digest. Applied inside one store
 * update, so it reaches the disk whole or not at all.
 */
import type { PostOutcome } from './digest-poster.js';
import type { DigestState, Intent } from './digest-state.js';

/** A transiently failed post is retried this much later, at most {@link MAX_ATTEMPTS} times in all. */
export const RETRY_DELAY_MS = 5 * 60_000;
export const MAX_ATTEMPTS = 3;

export type RunOutcome =
  | { readonly kind: 'posted'; readonly messageId: string; readonly paperIds: readonly string[]; readonly late: boolean; readonly exhausted: boolean }
  /** Exhausted, and the channel was already told: nothing posted. */
  | { readonly kind: 'quiet' }
  | { readonly kind: 'paused'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string; readonly willRetry: boolean }
  | { readonly kind: 'missing' };

/**
 * Posted: the intent becomes a post record. Paused: the intent is dropped and
 * the digest paused. Failed: the intent waits for a retry, or is dropped after
 * the last attempt. A digest removed meanwhile still gets its post recorded,
 * so the channel never sees those papers again.
 */
export function recordOutcome(state: DigestState, intent: Intent, outcome: PostOutcome, now: Date): RunOutcome {
  const at = now.toISOString();
  const digest = state.digests.find((d) => d.id === intent.digestId);
  const index = state.intents.findIndex((i) => i.nonce === intent.nonce);
  const attempts = intent.attempts + 1;
  if (outcome.kind === 'failed' && attempts < MAX_ATTEMPTS) {
    if (index >= 0) state.intents[index] = { ...intent, attempts, retryAt: new Date(now.getTime() + RETRY_DELAY_MS).toISOString() };
    return { kind: 'failed', reason: outcome.reason, willRetry: true };
  }
  if (index >= 0) state.intents.splice(index, 1);
  const base = { at, late: intent.late, papers: 0, detail: null };

  if (outcome.kind === 'posted') {
    const { message } = intent;
    const paperIds = message.kind === 'papers' ? message.cards.map((card) => card.id) : [];
    const exhausted = message.kind === 'exhausted';
    state.posts.push({
      nonce: intent.nonce,
      digestId: intent.digestId,
      channelId: intent.channelId,
      messageId: outcome.messageId,
      kind: message.kind,
      paperIds,
      at,
      late: intent.late,
    });
    if (digest !== undefined) {
      // When the papers were chosen, not when the post landed: a paper added in between is still "new" next time.
      digest.lastPostedAt = intent.createdAt;
      digest.lastRun = { ...base, outcome: exhausted ? 'exhausted' : 'posted', papers: paperIds.length };
      digest.status = exhausted ? { kind: 'exhausted', since: at } : { kind: 'active' };
    }
    return { kind: 'posted', messageId: outcome.messageId, paperIds, late: intent.late, exhausted };
  }
  if (outcome.kind === 'paused') {
    if (digest !== undefined) {
      digest.status = { kind: 'paused', reason: outcome.reason, since: at };
      digest.lastRun = { ...base, outcome: 'paused', detail: outcome.reason };
    }
    return { kind: 'paused', reason: outcome.reason };
  }
  const detail = `gave up after ${attempts} attempts: ${outcome.reason}`;
  if (digest !== undefined) digest.lastRun = { ...base, outcome: 'failed', detail };
  return { kind: 'failed', reason: detail, willRetry: false };
}
