/** Small named values the store keeps about itself (vector index checkpoint, backup times, import markers). */
import type Database from 'better-sqlite3';
import type { MetaRepository } from '../store.js';

export function createMetaRepository(db: Database.Database): MetaRepository {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const set = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  return {
    async get(key) {
      return get.get(key)?.value;
    },
    async set(key, value) {
      set.run(key, value);
    },
  };
}
