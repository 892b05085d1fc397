/**
 * Where digests go. The Discord layer implements this; the run protocol only
 * needs these two calls and these outcomes.
 */
import type { DigestMessage } from './digest-message.js';

export type PostOutcome =
  | { readonly kind: 'posted'; readonly messageId: string }
  /** The channel is gone or closed to the bot (404 10003, 403 50001/50013): stop until a human acts. */
  | { readonly kind: 'paused'; readonly reason: string }
  /** Worth retrying later: network error, 5xx, rate limit exhaustion. */
  | { readonly kind: 'failed'; readonly reason: string };

export type FindOutcome =
  | { readonly kind: 'found'; readonly messageId: string }
  | { readonly kind: 'absent' }
  | { readonly kind: 'paused'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

export interface DigestPoster {
  /**
   * Posts `message` to the channel with `nonce` so that Discord treats a
   * repeat of the same call as the same message (`enforce_nonce`). Expected
   * failures are outcomes; only bugs throw.
   */
  post(channelId: string, message: DigestMessage, nonce: string): Promise<PostOutcome>;
  /** Looks through the channel's messages since `since` (when the intent was recorded) for one this bot posted with `nonce`. */
  find(channelId: string, nonce: string, since: Date): Promise<FindOutcome>;
}
