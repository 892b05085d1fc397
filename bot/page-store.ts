/**
 * Short-lived state behind buttons and selects. A custom_id holds at most 100
 * characters, so it carries only a short key into this in-memory store;
 * entries expire after a TTL and the least recently used are evicted beyond
 * a size cap, so memory stays bounded however many searches are run.
 * State is lost on restart, and the user is told to run the command again.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../src/clock.js';

export interface PageStoreOptions {
  readonly ttlMs: number;
  readonly maxEntries: number;
  readonly clock: Clock;
  /** Makes the short keys; random by default (6 bytes → 8 base64url characters). */
  readonly newKey?: () => string;
}

/** 15 minutes: as long as Discord lets the original interaction be edited. */
export const DEFAULT_PAGE_TTL_MS = 15 * 60_000;
export const DEFAULT_PAGE_ENTRIES = 1000;

interface Entry<T> {
  readonly value: T;
  readonly expiresAt: number;
}

export class PageStore<T> {
  // A Map iterates in insertion order; re-inserting on read makes the first key the least recently used.
  readonly #entries = new Map<string, Entry<T>>();
  readonly #newKey: () => string;

  constructor(private readonly options: PageStoreOptions) {
    this.#newKey = options.newKey ?? (() => randomBytes(6).toString('base64url'));
  }

  /** Stores `value` and returns its key (no `:` in it, so it can sit inside a custom_id). */
  put(value: T): string {
    let key = this.#newKey();
    while (this.#entries.has(key)) key = this.#newKey();
    this.#entries.set(key, { value, expiresAt: this.options.clock.now().getTime() + this.options.ttlMs });
    while (this.#entries.size > this.options.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return key;
  }

  /** The value, or `undefined` if it expired, was evicted or never existed. Reading refreshes its recency. */
  get(key: string): T | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    if (entry.expiresAt <= this.options.clock.now().getTime()) return undefined;
    this.#entries.set(key, entry);
    return entry.value;
  }

  get size(): number {
    return this.#entries.size;
  }
}
