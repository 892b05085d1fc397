/**
 * The feeds' error catalogue. Every upstream failure is a {@link FeedError}
 * with a stable code, returned as a value (never thrown past a source), so
 * the bot and the CLI can map it to a sentence with {@link FEED_ERROR_TEXT}.
 */
import type { RawResponse } from './raw-response.js';

/** Human text per code, for whoever has to tell a user why a paper could not be fetched. */
export const FEED_ERROR_TEXT = {
  TIMEOUT: 'The paper service took too long to answer.',
  TOO_LARGE: 'The paper service sent a response too large to read.',
  BAD_CONTENT_TYPE: 'The paper service sent something other than what was asked for (a web page instead of data?).',
  HTTP_4xx: 'The paper service refused the request.',
  HTTP_5xx: 'The paper service is having trouble right now.',
  RATE_LIMITED: 'The paper service asked us to slow down; try again later.',
  NOT_FOUND: 'The paper service does not know that paper.',
  NETWORK: 'The paper service cannot be reached.',
  BAD_BODY: 'The paper service sent a response that cannot be read.',
  UPSTREAM_ERROR: 'The paper service reported an error for that request.',
  BAD_REQUEST: 'That request cannot be sent to the paper service.',
} as const;

export type FeedErrorCode = keyof typeof FEED_ERROR_TEXT;

/** Context that helps whoever reads the log: what was asked, what came back. */
export interface FeedErrorDetails {
  readonly url?: string;
  readonly status?: number;
  /** How long the server asked us to wait, when it said (429/503 with Retry-After). */
  readonly retryAfterMs?: number;
  /** The response a source could not use, so the store can keep it anyway. */
  readonly raw?: RawResponse;
  readonly cause?: unknown;
}

export class FeedError extends Error {
  override readonly name = 'FeedError';
  readonly url: string | null;
  readonly status: number | null;
  readonly retryAfterMs: number | null;
  readonly raw: RawResponse | null;

  constructor(
    readonly code: FeedErrorCode,
    message: string,
    details: FeedErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.url = details.url ?? null;
    this.status = details.status ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
    this.raw = details.raw ?? null;
  }
}

/** What a source call gives back: a value, or the reason there is none. */
export type FeedResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: FeedError };

export function feedOk<T>(value: T): FeedResult<T> {
  return { ok: true, value };
}

export function feedFail<T>(error: FeedError): FeedResult<T> {
  return { ok: false, error };
}
