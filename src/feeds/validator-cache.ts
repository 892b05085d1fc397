/**
 * What a server said about a URL's version (`ETag`, `Last-Modified`), kept
 * so the next request can ask "has it changed?" and get a cheap 304. Behind
 * a small interface so the store can persist validators across restarts;
 * the default keeps them in memory.
 */

export interface Validators {
  readonly etag: string | null;
  readonly lastModified: string | null;
}

/** May be synchronous (a Map, better-sqlite3) or asynchronous. */
export interface ValidatorCache {
  get(url: string): Validators | undefined | Promise<Validators | undefined>;
  set(url: string, validators: Validators): void | Promise<void>;
}

export function createMemoryValidatorCache(): ValidatorCache {
  const byUrl = new Map<string, Validators>();
  return {
    get: (url) => byUrl.get(url),
    set: (url, validators) => void byUrl.set(url, validators),
  };
}

/** The conditional-request headers for what we know about a URL. */
export function conditionalHeaders(validators: Validators | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (validators?.etag) headers['if-none-match'] = validators.etag;
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
  return headers;
}
