/**
 * BM25 over the papers' processed terms with SQLite's FTS5 — a maintained,
 * persisted, incrementally updated full-text index, where an in-memory index
 * measured 23 s to build and 100–480 ms per query at 100,000 papers. Filters
 * join the paper row inside the query, so a filtered search ranks every
 * matching paper, not a pre-cut top list.
 */
import type Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import type { LexicalHit, LexicalRepository, PaperFilter } from '../store.js';
import { chunks, preparedInList } from './in-list.js';

/**
 * A title word says more about a paper than an abstract word. Each field is
 * scored on its own and the title's score counts this much more, as
 * field-level BM25 does: one bm25() with column weights would add the title's
 * hits to the abstract's before saturating, so an abstract repeating a word
 * five times outranked a title that names it. Fitted on the dev split
 * (README, "Quality"): ×1 to ×1.5 score alike there; ×1.75 and above rank
 * single-paper and broad questions lower (×2, the first guess, by 0.010).
 */
export const TITLE_BOOST = 1.25;
/**
 * Hugging Face's keywords name what a paper is about, like its title, but are machine-made: weighted between
 * the two (the seeds have none, so the evaluation cannot fit it).
 */
export const KEYWORDS_BOOST = (1 + TITLE_BOOST) / 2;
const RANK = `(${TITLE_BOOST} * bm25(papers_fts, 1, 0, 0) + bm25(papers_fts, 0, 1, 0) + ${KEYWORDS_BOOST} * bm25(papers_fts, 0, 0, 1))`;

/**
 * Terms are letters and digits only (the engine's tokenizer), quoted so none can be read as FTS5 syntax; a
 * term of several words separated by spaces is an FTS5 phrase (its words adjacent, in order).
 */
export function matchExpression(terms: readonly string[]): string {
  return terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(' OR ');
}

function filterSql(filter: PaperFilter): string {
  const clauses = [
    ...(filter.hasCode ? ['p.has_code = 1'] : []),
    ...(filter.yearFrom === null ? [] : ['p.date_year >= @yearFrom']),
    ...(filter.yearTo === null ? [] : ['p.date_year <= @yearTo']),
    ...(filter.dailyFrom === null ? [] : ['p.daily_date >= @dailyFrom']),
    ...(filter.addedFrom === null ? [] : ['p.added_at >= @addedFrom']),
  ];
  return clauses.map((clause) => ` AND ${clause}`).join('');
}

export function createLexicalRepository(db: Database.Database): LexicalRepository {
  const statements = new Map<string, Database.Statement>();
  const searchStatement = (filter: PaperFilter, alsoLabels: boolean): Database.Statement => {
    const where = filterSql(filter);
    const key = `${alsoLabels}${where}`;
    let statement = statements.get(key);
    if (statement === undefined) {
      const join = where === '' ? '' : ' JOIN papers p ON p.label = papers_fts.rowid';
      const scored = `SELECT papers_fts.rowid AS label, -${RANK} AS score FROM papers_fts${join} WHERE papers_fts MATCH @match${where}`;
      // FTS5 scores every matching paper either way: scored once, the best `limit` and the asked-for papers are
      // both read from that (two searches cost the MATCH twice).
      statement = db.prepare(
        alsoLabels
          ? `WITH scored AS MATERIALIZED (${scored})
             SELECT label, score FROM (SELECT label, score FROM scored ORDER BY score DESC LIMIT @limit)
             UNION SELECT label, score FROM scored WHERE label IN (SELECT value FROM json_each(@labels))
             ORDER BY score DESC`
          : `${scored} ORDER BY ${RANK} LIMIT @limit`,
      );
      statements.set(key, statement);
    }
    return statement;
  };
  const prefixed = db.prepare<[string, string, number], { term: string; documents: number }>(
    'SELECT term, doc AS documents FROM papers_vocab WHERE term >= ? AND term < ? LIMIT ?',
  );
  const inList = preparedInList(db);
  // fts5vocab counts a term's documents by reading its whole posting list: 1–2 ms for a word in every paper at
  // 100,000, and a query asks for a dozen terms. The counts are kept until the index changes — a commit of this
  // connection (total_changes) or of another process (data_version). lru-cache bounds them.
  const frequencies = new LRUCache<string, number>({ max: 20_000 });
  const version = db.prepare<[], { v: string }>("SELECT total_changes() || ':' || (SELECT data_version FROM pragma_data_version) AS v");
  let cachedAt = '';

  return {
    async search(terms, filter, limit, labels): Promise<LexicalHit[]> {
      if (terms.length === 0 || limit <= 0) return [];
      const params = {
        match: matchExpression(terms),
        limit,
        yearFrom: filter.yearFrom,
        yearTo: filter.yearTo,
        dailyFrom: filter.dailyFrom,
        addedFrom: filter.addedFrom,
        labels: labels === undefined || labels.length === 0 ? null : JSON.stringify(labels),
      };
      const bound = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== null));
      return searchStatement(filter, labels !== undefined && labels.length > 0).all(bound) as LexicalHit[];
    },
    async documentFrequencies(terms) {
      const now = version.get()?.v ?? '';
      if (now !== cachedAt) {
        frequencies.clear();
        cachedAt = now;
      }
      const out = new Map<string, number>();
      const missing = [...new Set(terms)].filter((term) => {
        const known = frequencies.get(term);
        if (known !== undefined) out.set(term, known);
        return known === undefined;
      });
      for (const chunk of chunks(missing)) {
        const rows = inList<{ term: string; doc: number }>('SELECT term, doc FROM papers_vocab WHERE term IN', chunk.length).all(...chunk);
        const found = new Map(rows.map((row) => [row.term, row.doc]));
        for (const term of chunk) {
          const documents = found.get(term) ?? 0;
          frequencies.set(term, documents);
          out.set(term, documents);
        }
      }
      return new Map(terms.map((term) => [term, out.get(term) ?? 0]));
    },
    async termsWithPrefix(prefix, limit) {
      if (prefix === '') return [];
      return prefixed.all(prefix, `${prefix}\u{10ffff}`, limit);
    },
  };
}
