/** Feed state and conditional-request validators in SQLite. */
import type Database from 'better-sqlite3';
import type { FeedRepository } from '../store.js';

export function createFeedRepository(db: Database.Database): FeedRepository {
  const getState = db.prepare<[string], { body: string }>('SELECT body FROM feed_state WHERE source = ?');
  const setState = db.prepare('INSERT INTO feed_state (source, body) VALUES (?, ?) ON CONFLICT (source) DO UPDATE SET body = excluded.body');
  const getValidators = db.prepare<[string], { etag: string | null; last_modified: string | null }>('SELECT etag, last_modified FROM feed_validators WHERE url = ?');
  const setValidators = db.prepare(
    `INSERT INTO feed_validators (url, etag, last_modified) VALUES (?, ?, ?)
     ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified`,
  );
  return {
    async state(source) {
      const row = getState.get(source);
      if (row === undefined) return undefined;
      try {
        return JSON.parse(row.body) as unknown;
      } catch {
        // Damaged: the feed service starts that source's state afresh, which only costs a catch-up fetch.
        return undefined;
      }
    },
    async saveState(source, state) {
      setState.run(source, JSON.stringify(state));
    },
    async validators(url) {
      const row = getValidators.get(url);
      return row === undefined ? undefined : { etag: row.etag, lastModified: row.last_modified };
    },
    async saveValidators(url, validators) {
      setValidators.run(url, validators.etag, validators.lastModified);
    },
  };
}
