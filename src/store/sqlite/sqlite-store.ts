/**
 * The Store over one SQLite database: each repository in its own file,
 * sharing the connection, statements prepared once.
 */
import type Database from 'better-sqlite3';
import type { Store } from '../store.js';
import { createDigestRepository } from './digest-repository.js';
import { createEmbeddingRepository } from './embedding-repository.js';
import { createLeaseRepository, type LeaseOptions } from './lease-repository.js';
import { createLexicalRepository } from './lexical-repository.js';
import { createMetaRepository } from './meta-repository.js';
import { createPaperRepository } from './paper-repository.js';

export function createSqliteStore(db: Database.Database, location: string, lease: LeaseOptions = {}): Store {
  const writable = !db.readonly;
  return {
    location,
    writable,
    papers: createPaperRepository(db),
    embeddings: createEmbeddingRepository(db),
    lexical: createLexicalRepository(db),
    digests: createDigestRepository(db),
    meta: createMetaRepository(db),
    lease: createLeaseRepository(db, lease),
    async close() {
      if (db.open) db.close();
    },
  };
}
