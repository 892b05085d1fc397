/** Topic watches and what each user was already sent, in SQLite. */
import type Database from 'better-sqlite3';
import type { WatchRepository, WatchRow } from '../store.js';
import { chunks, preparedInList } from './in-list.js';

export function createWatchRepository(db: Database.Database): WatchRepository {
  const all = db.prepare<[], { id: string; user_id: string; body: string }>('SELECT id, user_id, body FROM watches ORDER BY id');
  const ofUser = db.prepare<[string], { id: string; user_id: string; body: string }>('SELECT id, user_id, body FROM watches WHERE user_id = ? ORDER BY id');
  const save = db.prepare('INSERT INTO watches (id, user_id, body) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body');
  const remove = db.prepare('DELETE FROM watches WHERE id = ?');
  const dms = db.prepare<[string, string], { n: number }>('SELECT count(DISTINCT sent_at) AS n FROM watch_notices WHERE user_id = ? AND sent_at >= ?');
  const notice = db.prepare('INSERT OR IGNORE INTO watch_notices (user_id, paper_id, watch_id, sent_at) VALUES (?, ?, ?, ?)');
  const inList = preparedInList(db);
  const rows = (list: { id: string; user_id: string; body: string }[]): WatchRow[] =>
    list.flatMap((row) => {
      try {
        return [{ id: row.id, userId: row.user_id, body: JSON.parse(row.body) as unknown }];
      } catch {
        return [];
      }
    });
  const recordNotice = db.transaction((userId: string, watchId: string, paperIds: readonly string[], at: string) => {
    for (const paperId of paperIds) notice.run(userId, paperId, watchId, at);
  });
  return {
    async all() {
      return rows(all.all());
    },
    async ofUser(userId) {
      return rows(ofUser.all(userId));
    },
    async save(watch) {
      save.run(watch.id, watch.userId, JSON.stringify(watch.body));
    },
    async remove(id) {
      remove.run(id);
    },
    async sentTo(userId, paperIds) {
      const sent = new Set<string>();
      for (const chunk of chunks(paperIds)) {
        const found = inList<{ paper_id: string }>('SELECT paper_id FROM watch_notices WHERE user_id = ? AND paper_id IN', chunk.length).all(userId, ...chunk);
        for (const row of found) sent.add(row.paper_id);
      }
      return sent;
    },
    async dmsSince(userId, since) {
      return dms.get(userId, since.toISOString())?.n ?? 0;
    },
    async recordNotice(userId, watchId, paperIds, at) {
      recordNotice(userId, watchId, paperIds, at.toISOString());
    },
  };
}
