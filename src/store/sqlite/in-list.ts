/**
 * `WHERE x IN (?, ?, …)` with a list of ids: statements are prepared once per
 * list length and reused, and long lists are cut into chunks well below
 * SQLite's limit of 32,766 bound parameters.
 */
import type Database from 'better-sqlite3';

export const IN_CHUNK = 500;

export function chunks<T>(items: readonly T[], size: number = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `prefix` is the query up to `IN`; the placeholder list (and anything in `suffix`) is appended. */
export function preparedInList(db: Database.Database) {
  const cache = new Map<string, Database.Statement<unknown[]>>();
  return <Row>(prefix: string, length: number, suffix = ''): Database.Statement<unknown[], Row> => {
    const sql = `${prefix} (${Array.from({ length }, () => '?').join(',')}) ${suffix}`;
    let statement = cache.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement as Database.Statement<unknown[], Row>;
  };
}
