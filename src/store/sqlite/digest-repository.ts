/**
 * Digest state in SQLite: one row per digest, post and intent, each a JSON
 * body validated on load. A save writes only the records that changed, in one
 * transaction, so recording a post is one insert, not a rewrite of the history.
 */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { digestSchema, intentSchema, postSchema, STATE_VERSION, type DigestState } from '../../digest/digest-state.js';
import type { DigestRepository } from '../store.js';

type Table = 'digests' | 'digest_posts' | 'digest_intents';

interface Keyed {
  readonly key: string;
  readonly body: string;
}

function keyed<T>(records: readonly T[], key: (record: T) => string): Keyed[] {
  return records.map((record) => ({ key: key(record), body: JSON.stringify(record) }));
}

export function createDigestRepository(db: Database.Database): DigestRepository {
  let damaged = 0;
  /** Each row validated on its own: one damaged row is counted and left out, never the whole history. */
  const read = <S extends z.ZodType>(table: Table, schema: S): z.infer<S>[] => {
    const order = table === 'digests' ? 'id' : 'seq';
    return db
      .prepare<[], { body: string }>(`SELECT body FROM ${table} ORDER BY ${order}`)
      .all()
      .flatMap((row) => {
        try {
          const parsed = schema.safeParse(JSON.parse(row.body));
          if (parsed.success) return [parsed.data];
        } catch {
          // Not JSON: counted below like any other damaged row.
        }
        damaged++;
        return [];
      });
  };
  const statements = (table: Table, keyColumn: 'id' | 'nonce') => {
    const sequenced = table !== 'digests';
    return {
      upsert: db.prepare(
        sequenced
          ? `INSERT INTO ${table} (${keyColumn}, seq, body) VALUES (@key, (SELECT coalesce(max(seq), 0) + 1 FROM ${table}), @body)
             ON CONFLICT (${keyColumn}) DO UPDATE SET body = excluded.body`
          : `INSERT INTO ${table} (${keyColumn}, body) VALUES (@key, @body) ON CONFLICT (${keyColumn}) DO UPDATE SET body = excluded.body`,
      ),
      remove: db.prepare(`DELETE FROM ${table} WHERE ${keyColumn} = ?`),
    };
  };
  const tables = {
    digests: statements('digests', 'id'),
    posts: statements('digest_posts', 'nonce'),
    intents: statements('digest_intents', 'nonce'),
  };

  const writeDiff = (table: (typeof tables)[keyof typeof tables], before: readonly Keyed[], after: readonly Keyed[]): void => {
    const old = new Map(before.map((record) => [record.key, record.body]));
    const kept = new Set<string>();
    for (const record of after) {
      kept.add(record.key);
      if (old.get(record.key) !== record.body) table.upsert.run(record);
    }
    for (const key of old.keys()) if (!kept.has(key)) table.remove.run(key);
  };

  const save = db.transaction((before: DigestState, after: DigestState) => {
    writeDiff(tables.digests, keyed(before.digests, (d) => d.id), keyed(after.digests, (d) => d.id));
    writeDiff(tables.posts, keyed(before.posts, (p) => p.nonce), keyed(after.posts, (p) => p.nonce));
    writeDiff(tables.intents, keyed(before.intents, (i) => i.nonce), keyed(after.intents, (i) => i.nonce));
  });

  return {
    async load() {
      damaged = 0;
      const state: DigestState = {
        version: STATE_VERSION,
        digests: read('digests', digestSchema),
        posts: read('digest_posts', postSchema),
        intents: read('digest_intents', intentSchema),
      };
      return { state, damaged };
    },
    async save(before, after) {
      save(before, after);
    },
  };
}
