/**
 * Papers, their sources and the dump files they came from, in SQLite. A
 * corpus change (one dump file synced) is one transaction: its sources
 * replaced, its papers re-written, their lexical rows with them.
 */
import type Database from 'better-sqlite3';
import type { PaperSource } from '../../corpus/paper.js';
import type {
  FetchedRow,
  CorpusChange,
  CorpusChangeResult,
  DumpFileRecord,
  PaperRepository,
  PaperSummary,
  PaperWrite,
  SourceRecord,
  StoredPaper,
} from '../store.js';
import { chunks, IN_CHUNK, preparedInList } from './in-list.js';
import { paperFromRow, paperValues, parseEntry, parseFetched, sameContent, SUMMARY_COLUMNS, summaryFromRow, type DamageLog, type PaperRow } from './paper-rows.js';


interface DumpFileRow {
  readonly name: string;
  readonly sha256: string;
  readonly size: number;
  readonly mtime_ms: number;
  readonly entries: number;
}


export function createPaperRepository(db: Database.Database): PaperRepository {
  const damage: DamageLog = new Set();
  const byId = db.prepare<[string], PaperRow>('SELECT * FROM papers WHERE id = ?');
  const sourcesById = db.prepare<[string], { file: string; line: number }>('SELECT file, line FROM paper_sources WHERE paper_id = ? ORDER BY file, line');
  const insertPaper = db.prepare(
    `INSERT INTO papers (id, title, abstract, authors, date_year, date_month, date_day, upvotes, code_links, url, has_code,
       arxiv_id, author_names, keywords, ai_summary, project_page, daily_date, feeds, added_at, updated_at, text_hash)
     VALUES (@id, @title, @abstract, @authors, @date_year, @date_month, @date_day, @upvotes, @code_links, @url, @has_code,
       @arxiv_id, @author_names, @keywords, @ai_summary, @project_page, @daily_date, @feeds, @added_at, @updated_at, @text_hash)`,
  );
  const updatePaper = db.prepare(
    `UPDATE papers SET title = @title, abstract = @abstract, authors = @authors, date_year = @date_year, date_month = @date_month,
       date_day = @date_day, upvotes = @upvotes, code_links = @code_links, url = @url, has_code = @has_code, arxiv_id = @arxiv_id,
       author_names = @author_names, keywords = @keywords, ai_summary = @ai_summary, project_page = @project_page,
       daily_date = @daily_date, feeds = @feeds, updated_at = @updated_at, text_hash = @text_hash WHERE id = @id`,
  );
  const deletePaper = db.prepare('DELETE FROM papers WHERE id = ?');
  const insertLexical = db.prepare('INSERT INTO papers_fts (rowid, title, abstract, keywords) VALUES (?, ?, ?, ?)');
  const deleteLexical = db.prepare('DELETE FROM papers_fts WHERE rowid = ?');
  const clearLexical = db.prepare("INSERT INTO papers_fts (papers_fts) VALUES ('delete-all')");
  const deleteSourcesOfFile = db.prepare('DELETE FROM paper_sources WHERE file = ?');
  const deleteSourcesOfPaper = db.prepare('DELETE FROM paper_sources WHERE paper_id = ?');
  const insertSource = db.prepare('INSERT INTO paper_sources (file, line, paper_id, entry) VALUES (?, ?, ?, ?)');
  const upsertDump = db.prepare(
    `INSERT INTO dump_files (name, sha256, size, mtime_ms, entries, synced_at) VALUES (@name, @sha256, @size, @mtimeMs, @entries, @syncedAt)
     ON CONFLICT (name) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size, mtime_ms = excluded.mtime_ms,
       entries = excluded.entries, synced_at = excluded.synced_at`,
  );
  const deleteDump = db.prepare('DELETE FROM dump_files WHERE name = ?');
  const upsertFetched = db.prepare(
    `INSERT INTO fetched_papers (arxiv_id, source, paper_id, fetched_at, body) VALUES (@arxivId, @source, @paperId, @fetchedAt, @body)
     ON CONFLICT (arxiv_id, source) DO UPDATE SET paper_id = excluded.paper_id, fetched_at = excluded.fetched_at, body = excluded.body`,
  );
  const fetchedByArxiv = db.prepare<[string], { paper_id: string }>('SELECT paper_id FROM fetched_papers WHERE arxiv_id = ? LIMIT 1');
  const fetchedBody = db.prepare<[string, string], { body: string }>('SELECT body FROM fetched_papers WHERE arxiv_id = ? AND source = ?');
  const fetchedAfter = db.prepare<[number, number], { rowid: number; arxiv_id: string; source: string; paper_id: string; fetched_at: string; body: string }>(
    'SELECT rowid, arxiv_id, source, paper_id, fetched_at, body FROM fetched_papers WHERE rowid > ? ORDER BY rowid LIMIT ?',
  );
  const paperByArxiv = db.prepare<[string], { id: string }>('SELECT id FROM papers WHERE arxiv_id = ?');
  const deleteFetchedOfPaper = db.prepare('DELETE FROM fetched_papers WHERE paper_id = ?');
  const orphans = db.prepare<[], { id: string }>(
    `SELECT id FROM papers p WHERE NOT EXISTS (SELECT 1 FROM paper_sources s WHERE s.paper_id = p.id)
       AND NOT EXISTS (SELECT 1 FROM fetched_papers f WHERE f.paper_id = p.id) ORDER BY label`,
  );
  const allRows = db.prepare<[], PaperRow>('SELECT * FROM papers ORDER BY label');
  const highestLabel = db.prepare<[], { label: number | null }>('SELECT max(label) AS label FROM papers');
  const allSummaries = db.prepare<[], PaperRow>(`SELECT ${SUMMARY_COLUMNS} FROM papers ORDER BY label`);
  const summariesAfter = db.prepare<[number], PaperRow>(`SELECT ${SUMMARY_COLUMNS} FROM papers WHERE label > ? ORDER BY label`);
  // A damaged source or feed row is dropped, and what it came from is read again: the dump file is forgotten (so the
  // next sync parses it), the fetched-paper log is replayed from its start. Never a crash at every start.
  const forgetFileOf = db.prepare('DELETE FROM dump_files WHERE name = ?');
  const dropSource = db.prepare('DELETE FROM paper_sources WHERE file = ? AND line = ?');
  const dropFetched = db.prepare('DELETE FROM fetched_papers WHERE arxiv_id = ? AND source = ?');
  const replayLog = db.prepare("DELETE FROM meta WHERE key = 'fetch-log-offset'");
  const updateHash = db.prepare('UPDATE papers SET text_hash = ? WHERE label = ?');
  const inList = preparedInList(db);
  const earlierAddedAt = db.prepare('UPDATE papers SET added_at = ? WHERE id = ? AND added_at > ?');

  const sourcesOf = (id: string): PaperSource[] => sourcesById.all(id).map((row) => ({ file: row.file, line: row.line }));
  const read = (id: string): StoredPaper | undefined => {
    const row = byId.get(id);
    return row === undefined ? undefined : paperFromRow(row, sourcesOf(id), damage);
  };

  const writeLexical = (label: number, write: PaperWrite, replace: boolean): void => {
    if (replace) deleteLexical.run(label);
    insertLexical.run(label, write.lexicalTitle, write.lexicalAbstract, write.lexicalKeywords);
  };

  const apply = db.transaction((change: CorpusChange): CorpusChangeResult => {
    if (change.replaceSourcesOf !== null) deleteSourcesOfFile.run(change.replaceSourcesOf);
    for (const source of change.sources) insertSource.run(source.file, source.entry.line, source.paperId, JSON.stringify(source.entry));
    for (const row of change.fetched ?? []) {
      upsertFetched.run({ arxivId: row.paper.arxivId, source: row.paper.source, paperId: row.paperId, fetchedAt: row.fetchedAt, body: JSON.stringify(row.paper) });
    }
    if (change.dumpFile !== null) {
      if (change.dumpFile.record === null) deleteDump.run(change.dumpFile.name);
      else upsertDump.run({ ...change.dumpFile.record, syncedAt: change.now.toISOString() });
    }

    const added: StoredPaper[] = [];
    const updated: StoredPaper[] = [];
    for (const write of change.upsert) {
      const values = paperValues(write.paper, write.textHash, change.now);
      const existing = byId.get(write.paper.id);
      if (existing === undefined) {
        const { lastInsertRowid } = insertPaper.run({ ...values, added_at: change.now.toISOString() });
        writeLexical(Number(lastInsertRowid), write, false);
        added.push(read(write.paper.id)!);
      } else if (!sameContent(existing, values)) {
        updatePaper.run(values);
        // Only when its words changed: FTS5 never takes a deleted row out of its document count and token totals
        // (contentless_delete), so every rewrite of an unchanged row (an upvote count fetched hourly) would
        // inflate BM25's N and skew every IDF.
        if (existing.title !== values.title || existing.abstract !== values.abstract || existing.keywords !== values.keywords) {
          writeLexical(existing.label, write, true);
        }
        updated.push(read(write.paper.id)!);
      }
    }
    const removed: { id: string; label: number }[] = [];
    for (const id of change.remove) {
      const existing = byId.get(id);
      if (existing === undefined) continue;
      deleteLexical.run(existing.label);
      deleteSourcesOfPaper.run(id);
      deleteFetchedOfPaper.run(id);
      deletePaper.run(id);
      removed.push({ id, label: existing.label });
    }
    return { added, updated, removed };
  });

  const rewriteTexts = db.transaction((write: (paper: StoredPaper) => PaperWrite): number => {
    // Emptied first and filled again, rather than row by row: that also resets the document count and token totals
    // the rows deleted so far left behind (see apply).
    clearLexical.run();
    let changed = 0;
    for (const row of allRows.all()) {
      const next = write(paperFromRow(row, sourcesOf(row.id), damage));
      updateHash.run(next.textHash, row.label);
      writeLexical(row.label, next, false);
      changed++;
    }
    return changed;
  });

  return {
    async count() {
      return (db.prepare('SELECT count(*) AS n FROM papers').get() as { n: number }).n;
    },
    async get(id) {
      return read(id);
    },
    async getMany(ids) {
      const found = new Map<string, StoredPaper>();
      for (const chunk of chunks(ids, IN_CHUNK)) {
        const rows = inList<PaperRow>('SELECT * FROM papers WHERE id IN', chunk.length).all(...chunk);
        for (const row of rows) found.set(row.id, paperFromRow(row, sourcesOf(row.id), damage));
      }
      return ids.flatMap((id) => found.get(id) ?? []);
    },
    async summaries(): Promise<PaperSummary[]> {
      return allSummaries.all().map((row) => summaryFromRow(row, damage));
    },
    async summariesAfter(label) {
      return summariesAfter.all(label).map((row) => summaryFromRow(row, damage));
    },
    async sourcesOf(paperIds): Promise<SourceRecord[]> {
      const out: SourceRecord[] = [];
      for (const chunk of chunks(paperIds, IN_CHUNK)) {
        const rows = inList<{ file: string; line: number; paper_id: string; entry: string }>('SELECT file, line, paper_id, entry FROM paper_sources WHERE paper_id IN', chunk.length).all(...chunk);
        for (const row of rows) {
          try {
            out.push({ paperId: row.paper_id, file: row.file, entry: parseEntry(row.entry) });
          } catch {
            dropSource.run(row.file, row.line);
            forgetFileOf.run(row.file);
            damage.add(row.paper_id);
          }
        }
      }
      return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.entry.line - b.entry.line));
    },
    async maxLabel() {
      return highestLabel.get()?.label ?? 0;
    },
    async damaged() {
      const ids = [...damage];
      damage.clear();
      return ids;
    },
    async orphans() {
      return orphans.all().map((row) => row.id);
    },
    async idOfArxiv(arxivId) {
      return paperByArxiv.get(arxivId)?.id ?? fetchedByArxiv.get(arxivId)?.paper_id;
    },
    async fetchedBodies(keys) {
      const out = new Map<string, string>();
      for (const { arxivId, source } of keys) {
        const row = fetchedBody.get(arxivId, source);
        if (row !== undefined) out.set(`${source}\u0000${arxivId}`, row.body);
      }
      return out;
    },
    async fetchedPage(cursor, limit) {
      const rows = fetchedAfter.all(cursor, limit);
      const out: FetchedRow[] = [];
      for (const row of rows) {
        try {
          out.push({ paperId: row.paper_id, fetchedAt: row.fetched_at, paper: parseFetched(row.body) });
        } catch {
          // Left out of the rewritten log; the row itself is repaired when its paper is next read.
          damage.add(row.paper_id);
        }
      }
      return { rows: out, cursor: rows.at(-1)?.rowid ?? cursor };
    },
    async fetchedOf(paperIds) {
      const out: FetchedRow[] = [];
      for (const chunk of chunks(paperIds)) {
        const rows = inList<{ arxiv_id: string; source: string; paper_id: string; fetched_at: string; body: string }>(
          'SELECT arxiv_id, source, paper_id, fetched_at, body FROM fetched_papers WHERE paper_id IN',
          chunk.length,
          'ORDER BY source, arxiv_id',
        ).all(...chunk);
        for (const row of rows) {
          try {
            out.push({ paperId: row.paper_id, fetchedAt: row.fetched_at, paper: parseFetched(row.body) });
          } catch {
            dropFetched.run(row.arxiv_id, row.source);
            replayLog.run();
            damage.add(row.paper_id);
          }
        }
      }
      return out;
    },
    async idsFromFile(file) {
      return db.prepare<[string], { paper_id: string }>('SELECT DISTINCT paper_id FROM paper_sources WHERE file = ?').all(file).map((r) => r.paper_id);
    },
    async apply(change) {
      return apply(change);
    },
    async dumpFiles(): Promise<DumpFileRecord[]> {
      return db
        .prepare<[], DumpFileRow>('SELECT name, sha256, size, mtime_ms, entries FROM dump_files ORDER BY name')
        .all()
        .map((row) => ({ name: row.name, sha256: row.sha256, size: row.size, mtimeMs: row.mtime_ms, entries: row.entries }));
    },
    async touchDumpFile(record) {
      upsertDump.run({ ...record, syncedAt: new Date().toISOString() });
    },
    async keepEarlierAddedAt(id, at) {
      const iso = at.toISOString();
      earlierAddedAt.run(iso, id, iso);
    },
    async rewriteTexts(write) {
      return rewriteTexts(write);
    },
  };
}
