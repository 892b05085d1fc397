import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { NO_FILTER } from '../../src/search/catalog.js';
import { paperWrite } from '../../src/search/paper-texts.js';
import { openStore } from '../../src/store/open-store.js';
import { removeTemps, tempDir } from '../support/temp-dir.js';
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, NewerSchemaError, SCHEMA_VERSION, type Migration } from '../../src/store/sqlite/migrations.js';

const tables = (db: Database.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'papers_fts_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

afterAll(removeTemps);

describe('schema migrations', () => {
  it('GIVEN an empty database (version 0) THEN every migration runs once and user_version is the latest', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(tables(db)).toEqual(
      [
        'digest_intents', 'digest_posts', 'digests', 'dump_files', 'embeddings', 'feed_state', 'feed_validators', 'fetched_papers', 'meta',
        'paper_sources', 'papers', 'papers_fts', 'papers_vocab', 'watch_notices', 'watches', 'writer_lease',
      ].sort(),
    );
    expect(migrate(db)).toEqual([]);
  });

  it('GIVEN a database of version 1 THEN only later migrations run, each in its own transaction, in order', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 2));
    const ran: number[] = [];
    const later: Migration[] = [
      ...MIGRATIONS.slice(0, 2),
      { version: 3, description: 'test: a column', up: (d) => (ran.push(3), d.exec('ALTER TABLE meta ADD COLUMN note TEXT')) },
      { version: 4, description: 'test: an index', up: (d) => (ran.push(4), d.exec('CREATE INDEX meta_note ON meta (note)')) },
    ];
    expect(migrate(db, later)).toEqual([3, 4]);
    expect(ran).toEqual([3, 4]);
    expect(db.pragma('user_version', { simple: true })).toBe(4);
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

  it('GIVEN a version-1 store holding papers and embeddings THEN migration 2 keeps them, adds the feed fields, and the next writer refills the lexical index with keywords', async () => {
    const dataDir = await tempDir('v1');
    const file = path.join(dataDir, 'paperbot.db');
    const v1 = new Database(file);
    migrate(v1, MIGRATIONS.slice(0, 1));
    v1.prepare(
      `INSERT INTO papers (id, title, abstract, authors, date_year, date_month, date_day, upvotes, code_links, url, has_code, added_at, updated_at, text_hash)
       VALUES ('aaaaaaaaaaaa', 'Split Learning on Phones', 'Phones split a model.', 2, 2024, 7, 24, NULL, '[]', 'https://x', 0, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 'h')`,
    ).run();
    v1.prepare("INSERT INTO papers_fts (rowid, title, abstract) VALUES (1, 'split learn phone', 'phone split model')").run();
    v1.prepare("INSERT INTO meta (key, value) VALUES ('text-version', '1')").run();
    v1.close();
    const { store } = await openStore({ dataDir, logger: silentLogger, kind: 'test' });
    const paper = await store.papers.get('aaaaaaaaaaaa');
    expect(paper).toMatchObject({ title: 'Split Learning on Phones', arxivId: null, authorNames: [], keywords: [], feeds: [], addedAt: new Date('2025-01-01T00:00:00.000Z') });
    expect(await store.meta.get('text-version')).toBeUndefined();
    expect(await store.lexical.search(['split'], NO_FILTER, 10)).toEqual([]);
    expect(await store.papers.rewriteTexts(paperWrite)).toBe(1);
    expect((await store.lexical.search(['split'], NO_FILTER, 10)).map((hit) => hit.label)).toEqual([1]);
    await store.close();
  });

  it('GIVEN a database written by a newer paperbot THEN opening refuses, naming both versions, and changes nothing', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    expect(() => migrate(db)).toThrow(NewerSchemaError);
    expect(() => migrate(db)).toThrow(`schema version ${SCHEMA_VERSION + 5}`);
    expect(tables(db)).toEqual([]);
  });

  it('regression: a second process that migrates between our version read and our first step makes us skip, not run a migration twice', async () => {
    const file = path.join(await tempDir('race'), 'paperbot.db');
    const ours = new Database(file);
    const theirs = new Database(file);
    ours.pragma('busy_timeout = 5000');
    // The interleaving of two processes started together: the other one migrates right after we read version 0.
    const read = ours.pragma.bind(ours);
    let first = true;
    ours.pragma = ((source: string, options?: Database.PragmaOptions) => {
      const value = read(source, options);
      if (first && source === 'user_version') {
        first = false;
        migrate(theirs);
      }
      return value;
    }) as typeof ours.pragma;
    expect(migrate(ours)).toEqual([]);
    expect(read('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    ours.close();
    theirs.close();
  });
});
