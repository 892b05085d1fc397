/** A store in a fresh temp DATA_DIR, and papers to put in it, for the store's own tests. */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import type { ListingEntry } from '../../src/corpus/parse-listing.js';
import { mergePapers } from '../../src/corpus/merge-papers.js';
import type { Paper } from '../../src/corpus/paper.js';
import { paperId } from '../../src/corpus/paper-id.js';
import { silentLogger } from '../../src/logger.js';
import { paperWrite } from '../../src/search/paper-texts.js';
import { DB_FILE } from '../../src/store/data-dir.js';
import { openStore, type OpenedStore } from '../../src/store/open-store.js';
import type { CorpusChange, SourceRecord } from '../../src/store/store.js';
import { removeTemps, tempDir } from '../support/temp-dir.js';

const opened: OpenedStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map(({ store }) => store.close()));
  await removeTemps();
});

export async function openTempStore(dataDir?: string, kind = 'test'): Promise<OpenedStore & { dataDir: string }> {
  const dir = dataDir ?? (await tempDir('store'));
  const result = await openStore({ dataDir: dir, logger: silentLogger, kind });
  opened.push(result);
  return { ...result, dataDir: dir };
}

export const NOW = new Date('2026-05-01T12:00:00.000Z');

export function entry(title: string, line: number, fields: Partial<ListingEntry> = {}): ListingEntry {
  return {
    title,
    abstract: `${title} is studied here. We show that it works well on several benchmarks and explain why it matters.`,
    line,
    authors: 3,
    date: { year: 2024, month: 7, day: 24 },
    upvotes: null,
    codeLinks: [],
    ...fields,
  };
}

/** The paper a dump with this one entry makes, by the engine's own merge. */
export function paperOf(e: ListingEntry, file: string): Paper {
  const [paper] = mergePapers([{ file, entries: [e] }]);
  if (paper === undefined) throw new Error(`No paper from the entry "${e.title}"`);
  return paper;
}

/** The change that syncs `file` holding exactly `entries` (each its own paper). */
export function fileChange(file: string, entries: readonly ListingEntry[], remove: readonly string[] = [], now = NOW): CorpusChange {
  const sources: SourceRecord[] = entries.map((e) => ({ paperId: paperId(e.title), file, entry: e }));
  return {
    replaceSourcesOf: file,
    sources,
    upsert: entries.map((e) => paperWrite(paperOf(e, file))),
    remove,
    dumpFile: { name: file, record: { name: file, sha256: 'a'.repeat(64), size: 1, mtimeMs: 1, entries: entries.length } },
    now,
  };
}

/** Closes the store, then runs raw SQL on its file: how damage the store did not write itself gets in. */
export async function damageStore(opened: OpenedStore & { dataDir: string }, ...statements: string[]): Promise<void> {
  await opened.store.close();
  const db = new Database(path.join(opened.dataDir, DB_FILE), { fileMustExist: true });
  try {
    for (const sql of statements) db.exec(sql);
  } finally {
    db.close();
  }
}

/** Writes another process's live lease into a closed store's file: what a writer elsewhere holding it looks like. */
export function holdLeaseElsewhere(dataDir: string): void {
  const db = new Database(path.join(dataDir, DB_FILE), { fileMustExist: true });
  try {
    const now = new Date().toISOString();
    db.prepare("INSERT OR REPLACE INTO writer_lease (slot, pid, host, kind, token, since, heartbeat_at) VALUES (1, 1, 'elsewhere', 'bot', 'elsewhere:1', ?, ?)").run(now, now);
  } finally {
    db.close();
  }
}
