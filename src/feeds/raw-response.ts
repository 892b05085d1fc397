/**
 * An upstream response exactly as received, so the store can keep every
 * fetched body (and re-parse it later) before anything is embedded.
 */

export interface RawResponse {
  /** The URL requested (also the key validators are kept under). */
  readonly url: string;
  readonly status: number;
  readonly contentType: string | null;
  /** The body text as received; empty for a 304. */
  readonly body: string;
  readonly etag: string | null;
  readonly lastModified: string | null;
  /** ISO 8601 instant the response was read. */
  readonly fetchedAt: string;
}
