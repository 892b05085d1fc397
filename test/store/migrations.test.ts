import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, NewerSchemaError, SCHEMA_VERSION, type Migration } from '../../src/store/sqlite/migrations.js';

const tables = (db: Database.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'papers_fts_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('schema migrations', () => {
  it('GIVEN an empty database (version 0) THEN every migration runs once and user_version is the latest', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(tables(db)).toEqual(
      ['digest_intents', 'digest_posts', 'digests', 'dump_files', 'embeddings', 'meta', 'paper_sources', 'papers', 'papers_fts', 'papers_vocab', 'writer_lease'].sort(),
    );
    expect(migrate(db)).toEqual([]);
  });

  it('GIVEN a database of version 1 THEN only later migrations run, each in its own transaction, in order', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    const ran: number[] = [];
    const later: Migration[] = [
      ...MIGRATIONS.slice(0, 1),
      { version: 2, description: 'test: a column', up: (d) => (ran.push(2), d.exec('ALTER TABLE meta ADD COLUMN note TEXT')) },
      { version: 3, description: 'test: an index', up: (d) => (ran.push(3), d.exec('CREATE INDEX meta_note ON meta (note)')) },
    ];
    expect(migrate(db, later)).toEqual([2, 3]);
    expect(ran).toEqual([2, 3]);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
  });

  it('GIVEN a migration that fails halfway THEN nothing of it remains and the version stays where it was', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    const broken: Migration[] = [
      ...MIGRATIONS.slice(0, 1),
      { version: 2, description: 'test: breaks', up: (d) => d.exec('CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);') },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(db)).not.toContain('half');
  });

  it('GIVEN a database written by a newer paperbot THEN opening refuses, naming both versions, and changes nothing', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    expect(() => migrate(db)).toThrow(NewerSchemaError);
    expect(() => migrate(db)).toThrow(`schema version ${SCHEMA_VERSION + 5}`);
    expect(tables(db)).toEqual([]);
  });
});
