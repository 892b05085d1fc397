/**
 * The Store over one SQLite database: each repository in its own file,
 * sharing the connection, statements prepared once.
 */
import type Database from 'better-sqlite3';
import { recordCleanClose } from '../clean-close.js';
import type { Store } from '../store.js';
import { createDigestRepository } from './digest-repository.js';
import { createEmbeddingRepository } from './embedding-repository.js';
import { createFeedRepository } from './feed-repository.js';
import { createLeaseRepository, type LeaseOptions } from './lease-repository.js';
import { createLexicalRepository } from './lexical-repository.js';
import { createMetaRepository } from './meta-repository.js';
import { createPaperRepository } from './paper-repository.js';
import { createWatchRepository } from './watch-repository.js';

/**
 * A WAL database cannot be opened at all from a read-only directory unless
 * its -wal and -shm files exist, and a clean close deletes them. So the last
 * writer to close switches the file back to a rollback journal, which a
 * read-only mount (or a copy shipped read-only) can read; the next writer
 * turns WAL on again. With other connections still open SQLite keeps WAL,
 * which is fine: then their files remain.
 */
function leaveWal(db: Database.Database): boolean {
  try {
    return String(db.pragma('journal_mode = DELETE', { simple: true })).toLowerCase() === 'delete';
  } catch {
    // Busy (another connection): the database stays in WAL mode, with its files, and still opens.
    return false;
  }
}

export function createSqliteStore(db: Database.Database, location: string, lease: LeaseOptions = {}): Store {
  const writable = !db.readonly;
  const leases = createLeaseRepository(db, lease);
  return {
    location,
    writable,
    papers: createPaperRepository(db),
    embeddings: createEmbeddingRepository(db),
    lexical: createLexicalRepository(db),
    digests: createDigestRepository(db),
    meta: createMetaRepository(db),
    feeds: createFeedRepository(db),
    watches: createWatchRepository(db),
    lease: leases,
    async close() {
      if (!db.open) return;
      let last = false;
      if (writable) {
        // A closed store no longer writes: the next process may take the lease at once (a no-op when not held).
        await leases.release().catch(() => undefined);
        last = leaveWal(db);
      }
      db.close();
      if (last && location !== ':memory:') recordCleanClose(location);
    },
  };
}
