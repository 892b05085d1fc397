/**
 * The one way paperbot talks to an upstream. Every call gets a timeout per
 * attempt, retries with backoff and jitter on network errors, 5xx and 429
 * (honouring `Retry-After`), a size cap enforced while streaming, a
 * content-type check, conditional requests, a per-host gap where a host asks
 * for one, a `User-Agent` that says who we are, and one log line per outage.
 * Failures come back as {@link FeedError} values; nothing here throws.
 */
import type { Logger } from '../logger.js';
import { acceptHeader, type ExpectedBody } from './content-type.js';
import { FeedError } from './feed-error.js';
import { fetchAttempt, type AttemptOptions, type HttpOutcome } from './fetch-attempt.js';
import { createHostSpacing, type FeedTime } from './host-spacing.js';
import type { RawResponse } from './raw-response.js';
import { MAX_BODY_BYTES } from './read-body.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './retry-policy.js';
import { createHealthTracker, type SourceHealth } from './source-health.js';
import { PAPERBOT_USER_AGENT } from './user-agent.js';
import { conditionalHeaders, createMemoryValidatorCache, type ValidatorCache } from './validator-cache.js';

/** A hang past this (headers or body) is an error: upstreams answer in well under a second when healthy. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Three retries (four attempts) ride out a blip without keeping a caller waiting for minutes. */
export const DEFAULT_MAX_RETRIES = 3;
/** A `Retry-After` longer than this is not waited out in-line: the call fails with RATE_LIMITED and says how long. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

export type { HttpOutcome } from './fetch-attempt.js';

export interface GetOptions {
  /** Names the upstream in health records and logs (`huggingface`, `arxiv`). */
  readonly source: string;
  readonly expect: ExpectedBody;
  /** Minimum gap between requests to this URL's host; arXiv asks for 3000. */
  readonly minIntervalMs?: number;
  /** Send `If-None-Match`/`If-Modified-Since` when validators are known (default true). */
  readonly conditional?: boolean;
}

export interface HttpClient {
  get(url: string, options: GetOptions): Promise<HttpOutcome>;
  /** For a source that found a fetched body unusable (bad JSON, an error feed): counts against the upstream's health. */
  reportFailure(source: string, error: FeedError): void;
  /** Per-source health as plain data. */
  health(): SourceHealth[];
  /** Ends the request in flight and any retry wait at once (they fail as NETWORK); later requests fail at once too. */
  close(): void;
}

export interface HttpClientOptions {
  readonly logger: Logger;
  readonly userAgent?: string;
  readonly timeoutMs?: number;
  readonly maxBodyBytes?: number;
  readonly maxRetries?: number;
  readonly backoff?: BackoffOptions;
  readonly maxRetryAfterMs?: number;
  readonly validators?: ValidatorCache;
  /** In [0, 1): the jitter. */
  readonly random?: () => number;
  /** Backoff waits and host gaps; timeouts always use real timers, since they guard a real socket. */
  readonly time?: FeedTime;
  /**
   * Sees every response that was read (2xx and 304), whichever source method
   * asked: lets the store keep what a single-paper lookup fetched too.
   */
  readonly onResponse?: (source: string, response: RawResponse) => void;
}

const realTime: FeedTime = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const {
    logger, userAgent = PAPERBOT_USER_AGENT, timeoutMs = DEFAULT_TIMEOUT_MS, maxBodyBytes = MAX_BODY_BYTES,
    maxRetries = DEFAULT_MAX_RETRIES, backoff = DEFAULT_BACKOFF, maxRetryAfterMs = DEFAULT_MAX_RETRY_AFTER_MS,
    validators = createMemoryValidatorCache(), random = Math.random, time = realTime, onResponse,
  } = options;
  const health = createHealthTracker(logger, () => time.now());
  const spacing = createHostSpacing(time);
  const closing = new AbortController();
  const attemptOptions = (expect: ExpectedBody): AttemptOptions => ({ expect, timeoutMs, maxBodyBytes, now: () => time.now(), signal: closing.signal });
  const closedError = (url: string): FeedError => new FeedError('NETWORK', `GET ${url} not sent: paperbot is shutting down`, { url });
  /** A retry wait that a close ends early. */
  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => resolve();
      closing.signal.addEventListener('abort', done, { once: true });
      void time.sleep(ms).then(() => {
        closing.signal.removeEventListener('abort', done);
        resolve();
      });
    });

  /**
   * Runs caller-supplied code (a validator cache, the response hook) so that
   * its failure is logged and costs only what it was for: the client's
   * promise not to throw holds whatever the store does.
   */
  async function guarded<T>(what: string, url: string, task: () => T | Promise<T>): Promise<T | undefined> {
    try {
      return await task();
    } catch (error) {
      logger.error({ err: error, url }, `http client: ${what} failed; carrying on without it`);
      return undefined;
    }
  }

  async function get(url: string, { source, expect, minIntervalMs = 0, conditional = true }: GetOptions): Promise<HttpOutcome> {
    let host: string;
    try {
      host = new URL(url).host;
    } catch (error) {
      return { ok: false, error: new FeedError('BAD_REQUEST', `"${url}" is not a URL`, { url, cause: error }) };
    }
    const headers: Record<string, string> = {
      'user-agent': userAgent,
      accept: acceptHeader(expect),
      ...(conditional ? conditionalHeaders(await guarded('reading validators', url, () => validators.get(url))) : {}),
    };
    for (let retry = 0; ; retry++) {
      if (closing.signal.aborted) return { ok: false, error: closedError(url) };
      const started = time.now();
      const result = await spacing.run(host, minIntervalMs, () => fetchAttempt(url, headers, attemptOptions(expect)));
      if (result.final) {
        const { outcome } = result;
        if (outcome.ok && !outcome.notModified && (outcome.response.etag !== null || outcome.response.lastModified !== null)) {
          const { etag, lastModified } = outcome.response;
          await guarded('saving validators', url, () => validators.set(url, { etag, lastModified }));
        }
        logger.debug({ source, url, ok: outcome.ok, ms: time.now() - started }, `GET ${url}`);
        // A 404 is the host answering properly, so it counts as "up".
        if (outcome.ok || outcome.error.code === 'NOT_FOUND') health.success(source, url);
        else health.failure(source, outcome.error);
        if (outcome.ok && onResponse) await guarded('onResponse', url, () => onResponse(source, outcome.response));
        return outcome;
      }
      const { error, retryAfterMs } = result;
      health.failure(source, error);
      if (retry >= maxRetries) return { ok: false, error };
      if (retryAfterMs !== null && retryAfterMs > maxRetryAfterMs) {
        const message = `${error.message} and asked to wait ${Math.ceil(retryAfterMs / 1000)} s; not retrying now`;
        return { ok: false, error: new FeedError('RATE_LIMITED', message, { url, status: error.status ?? undefined, retryAfterMs }) };
      }
      await pause(retryAfterMs ?? backoffDelay(retry, random, backoff));
    }
  }

  return {
    get,
    reportFailure: (source, error) => health.failure(source, error),
    health: () => health.snapshot(),
    close: () => closing.abort(),
  };
}
