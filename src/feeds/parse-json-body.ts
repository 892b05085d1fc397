/** A fetched body → JSON, or a BAD_BODY error that carries the response. */
import { FeedError } from './feed-error.js';
import type { RawResponse } from './raw-response.js';

export function parseJsonBody(raw: RawResponse): unknown {
  try {
    return JSON.parse(raw.body) as unknown;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return new FeedError('BAD_BODY', `response from ${raw.url} is not valid JSON (${why})`, { url: raw.url, status: raw.status, raw, cause: error });
  }
}
