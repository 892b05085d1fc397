/**
 * The schema, as numbered forward migrations. `PRAGMA user_version` holds the
 * number of the last one applied; opening a store applies the rest, each in
 * its own transaction. A migration is never edited once released: a change is
 * a new migration (with a test on a database of the previous version).
 */
import type Database from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly up: (db: Database.Database) => void;
}

const FEED_TABLES = `-- The latest record each feed gave for a paper (by arXiv id): what the paper row is merged from, with the dumps.
CREATE TABLE fetched_papers (
  arxiv_id TEXT NOT NULL,
  source TEXT NOT NULL,
  paper_id TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (arxiv_id, source)
) STRICT;
CREATE INDEX fetched_papers_paper ON fetched_papers (paper_id);

-- ETag / Last-Modified per URL, so the next request for it can be conditional.
CREATE TABLE feed_validators (
  url TEXT PRIMARY KEY,
  etag TEXT,
  last_modified TEXT
) STRICT;

-- Per source: last success, last error, next attempt, papers fetched, days done (JSON, validated on load).
CREATE TABLE feed_state (
  source TEXT PRIMARY KEY,
  body TEXT NOT NULL
) STRICT;

CREATE TABLE watches (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  body TEXT NOT NULL
) STRICT;
CREATE INDEX watches_user ON watches (user_id);
-- A paper sent to a user by any of their watches is never sent to them again.
CREATE TABLE watch_notices (
  user_id TEXT NOT NULL,
  paper_id TEXT NOT NULL,
  watch_id TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  PRIMARY KEY (user_id, paper_id)
) STRICT;
CREATE INDEX watch_notices_sent ON watch_notices (user_id, sent_at);

`;

const V1 = `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- label: the stable integer handle of a paper (vector index label, lexical row id); AUTOINCREMENT never reuses one.
CREATE TABLE papers (
  label INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  abstract TEXT NOT NULL,
  authors INTEGER,
  date_year INTEGER,
  date_month INTEGER,
  date_day INTEGER,
  upvotes INTEGER,
  code_links TEXT NOT NULL,
  url TEXT NOT NULL,
  has_code INTEGER NOT NULL,
  added_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  text_hash TEXT NOT NULL
) STRICT;
CREATE INDEX papers_year ON papers (date_year);

-- Every listing entry a paper came from, as parsed: the paper row is re-merged from these.
CREATE TABLE paper_sources (
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  paper_id TEXT NOT NULL,
  entry TEXT NOT NULL,
  PRIMARY KEY (file, line)
) STRICT;
CREATE INDEX paper_sources_paper ON paper_sources (paper_id);

-- Dump files as last synced: a file whose size, mtime or hash is unchanged is not re-parsed.
CREATE TABLE dump_files (
  name TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime_ms INTEGER NOT NULL,
  entries INTEGER NOT NULL,
  synced_at TEXT NOT NULL
) STRICT;

-- seq orders writes per model so the vector index catches up on exactly what it has not seen.
CREATE TABLE embeddings (
  paper_id TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  model_id TEXT NOT NULL,
  text_hash TEXT NOT NULL,
  seq INTEGER NOT NULL,
  dimension INTEGER NOT NULL,
  document BLOB NOT NULL,
  sentence_count INTEGER NOT NULL,
  sentences BLOB NOT NULL,
  PRIMARY KEY (paper_id, model_id)
) STRICT;
CREATE INDEX embeddings_seq ON embeddings (model_id, seq);

-- Processed terms (the engine's own tokenizer and stemmer), so both sides of a match are processed alike.
CREATE VIRTUAL TABLE papers_fts USING fts5 (
  title, abstract, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE papers_vocab USING fts5vocab (papers_fts, 'row');

CREATE TABLE digests (
  id TEXT PRIMARY KEY,
  body TEXT NOT NULL
) STRICT;
CREATE TABLE digest_posts (
  nonce TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  body TEXT NOT NULL
) STRICT;
CREATE TABLE digest_intents (
  nonce TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  body TEXT NOT NULL
) STRICT;

CREATE TABLE writer_lease (
  slot INTEGER PRIMARY KEY CHECK (slot = 1),
  pid INTEGER NOT NULL,
  host TEXT NOT NULL,
  kind TEXT NOT NULL,
  token TEXT NOT NULL,
  since TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL
) STRICT;
`;

/**
 * What the feeds bring: the fields a feed knows of a paper (arXiv id, author
 * names, keywords, the site's summary, project page, the Daily Papers day),
 * the feeds' records themselves, conditional-request validators, per-source
 * state, and topic watches. The lexical index gains a keywords column; it is
 * contentless, so it is made again, and the next writer to open the store
 * fills it (the text-version mark is dropped, which makes it derive every
 * paper's lexical terms again).
 */
const V2 = `
ALTER TABLE papers ADD COLUMN arxiv_id TEXT;
ALTER TABLE papers ADD COLUMN author_names TEXT NOT NULL DEFAULT '[]';
ALTER TABLE papers ADD COLUMN keywords TEXT NOT NULL DEFAULT '[]';
ALTER TABLE papers ADD COLUMN ai_summary TEXT;
ALTER TABLE papers ADD COLUMN project_page TEXT;
ALTER TABLE papers ADD COLUMN daily_date TEXT;
ALTER TABLE papers ADD COLUMN feeds TEXT NOT NULL DEFAULT '[]';
CREATE UNIQUE INDEX papers_arxiv ON papers (arxiv_id) WHERE arxiv_id IS NOT NULL;
CREATE INDEX papers_daily ON papers (daily_date);

DROP TABLE papers_vocab;
DROP TABLE papers_fts;
CREATE VIRTUAL TABLE papers_fts USING fts5 (
  title, abstract, keywords, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE papers_vocab USING fts5vocab (papers_fts, 'row');
DELETE FROM meta WHERE key = 'text-version';

${FEED_TABLES}`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'papers, sources, dumps, embeddings, lexical index, digest state, writer lease', up: (db) => db.exec(V1) },
  { version: 2, description: 'feed fields of papers, feed records and state, topic watches; lexical index with keywords', up: (db) => db.exec(V2) },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/** Thrown when the database was written by a newer paperbot: opening it could lose what that version added. */
export class NewerSchemaError extends Error {
  override readonly name = 'NewerSchemaError';
}

/** Applies every migration above the database's version, each atomically; returns the versions applied. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const current = Number(db.pragma('user_version', { simple: true }));
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new NewerSchemaError(`the store was written by a newer paperbot (schema version ${current}; this one knows up to ${latest})`);
  }
  const applied: number[] = [];
  for (const migration of migrations.filter((m) => m.version > current)) {
    // Two processes started together both read the old version: each step takes the write lock first (IMMEDIATE)
    // and reads the version again under it, so the second one skips what the first has just done.
    const ran = db
      .transaction(() => {
        if (Number(db.pragma('user_version', { simple: true })) >= migration.version) return false;
        migration.up(db);
        db.pragma(`user_version = ${migration.version}`);
        return true;
      })
      .immediate();
    if (ran) applied.push(migration.version);
  }
  return applied;
}
