/**
 * One attempt at a GET: fetch under a timeout that covers headers and body,
 * then sort the answer into a final outcome (a body, a 304, or a failure
 * that asking again would not fix) or a failure worth another try. The
 * client around it decides whether and when to try again.
 */
import type { ExpectedBody } from './content-type.js';
import { contentTypeProblem } from './content-type.js';
import { FeedError } from './feed-error.js';
import type { RawResponse } from './raw-response.js';
import { readBody } from './read-body.js';
import { isRetryableStatus, parseRetryAfter } from './retry-policy.js';

export type HttpOutcome =
  | { readonly ok: true; readonly notModified: boolean; readonly response: RawResponse }
  | { readonly ok: false; readonly error: FeedError };

export type Attempt =
  | { readonly final: true; readonly outcome: HttpOutcome }
  | { readonly final: false; readonly error: FeedError; readonly retryAfterMs: number | null };

export interface AttemptOptions {
  readonly expect: ExpectedBody;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  /** For `fetchedAt` and HTTP-date `Retry-After` values. */
  readonly now: () => number;
  /** Aborts the attempt (the client is closing: a shutdown must not wait for a hanging upstream). */
  readonly signal?: AbortSignal;
}

/** The real reason under fetch's generic "fetch failed": `ECONNREFUSED`, `UND_ERR_SOCKET`… */
function networkCause(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof Error) {
    const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : null;
    return code !== null && !cause.message.includes(code) ? `${code}: ${cause.message}` : cause.message;
  }
  return String(cause);
}

const final = (outcome: HttpOutcome): Attempt => ({ final: true, outcome });
const failed = (error: FeedError): Attempt => final({ ok: false, error });

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

export async function fetchAttempt(url: string, headers: Record<string, string>, options: AttemptOptions): Promise<Attempt> {
  const { expect, timeoutMs, maxBodyBytes, now, signal } = options;
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  signal?.addEventListener('abort', abort, { once: true });
  let timedOut = false;
  // A real timer even when tests run on virtual time: it guards a real socket.
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const streamFailure = (error: unknown): Attempt => ({
    final: false,
    retryAfterMs: null,
    error: timedOut
      ? new FeedError('TIMEOUT', `GET ${url} took longer than ${timeoutMs} ms`, { url, cause: error })
      : new FeedError('NETWORK', `GET ${url} failed: ${networkCause(error)}`, { url, cause: error }),
  });
  try {
    let response: Response;
    try {
      // Redirects are not followed: the API hosts do not redirect, and one that does is sending us somewhere unchecked.
      response = await fetch(url, { headers, signal: controller.signal, redirect: 'manual' });
    } catch (error) {
      return streamFailure(error);
    }
    const { status } = response;
    const header = (name: string): string | null => response.headers.get(name);
    const raw = (body: string): RawResponse => ({
      url, status, body, contentType: header('content-type'), etag: header('etag'),
      lastModified: header('last-modified'), fetchedAt: new Date(now()).toISOString(),
    });
    if (status === 304) {
      // "Not modified" answers a conditional request only; to a plain one it is a lie that would hide the day.
      if (headers['if-none-match'] === undefined && headers['if-modified-since'] === undefined) {
        return failed(new FeedError('BAD_BODY', `GET ${url} answered 304 Not Modified to a request that was not conditional`, { url, status }));
      }
      return final({ ok: true, notModified: true, response: raw('') });
    }
    if (status >= 300 && status < 400) {
      await discard(response);
      return failed(new FeedError('HTTP_4xx', `GET ${url} answered ${status}, a redirect to ${header('location') ?? 'nowhere'} (not followed)`, { url, status }));
    }
    if (!response.ok) {
      await discard(response);
      if (isRetryableStatus(status)) {
        const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(header('retry-after'), now()) : null;
        const code = status === 429 ? 'RATE_LIMITED' : 'HTTP_5xx';
        const error = new FeedError(code, `GET ${url} answered ${status}`, { url, status, ...(retryAfterMs === null ? {} : { retryAfterMs }) });
        return { final: false, error, retryAfterMs };
      }
      if (status === 404) return failed(new FeedError('NOT_FOUND', `GET ${url} answered 404`, { url, status }));
      return failed(new FeedError('HTTP_4xx', `GET ${url} answered ${status}`, { url, status }));
    }
    const problem = contentTypeProblem(expect, header('content-type'));
    if (problem !== null) {
      await discard(response);
      return failed(new FeedError('BAD_CONTENT_TYPE', `GET ${url}: ${problem}`, { url, status }));
    }
    let body: string | FeedError;
    try {
      body = await readBody(response, url, maxBodyBytes);
    } catch (error) {
      return streamFailure(error);
    }
    return body instanceof FeedError ? failed(body) : final({ ok: true, notModified: false, response: raw(body) });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
  }
}
