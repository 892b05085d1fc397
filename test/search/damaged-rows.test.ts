/**
 * Paper rows damaged on disk (lists that no longer parse, a dump entry that is
 * not JSON) are never a crash at every start: the engine merges those papers
 * again from what they came from, and answers as before.
 */
import { appendFile, cp } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../src/store/data-dir.js';
import type { OpenedEngine } from '../../src/search/create-engine.js';
import { privateDataDir, privateTestEngine, SEEDS_DIR } from '../support/test-engine.js';
import { removeTemps, tempDir } from '../support/temp-dir.js';

const TWIN_MERGING = '5317efeea810';
const TWIN_CODE = ['https://github.com/LZY-the-boys/Twin-Mergin'];

const open: OpenedEngine[] = [];
afterEach(async () => {
  for (const opened of open.splice(0)) await opened.engine.close();
  await removeTemps();
});

function damage(dataDir: string, sql: string, ...params: unknown[]): void {
  const db = new Database(path.join(dataDir, DB_FILE), { fileMustExist: true });
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

function rowOf(dataDir: string, id: string): { code_links: string; feeds: string; sources: number } {
  const db = new Database(path.join(dataDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[string], { code_links: string; feeds: string; sources: number }>(
        'SELECT code_links, feeds, (SELECT count(*) FROM paper_sources WHERE paper_id = p.id) AS sources FROM papers p WHERE id = ?',
      )
      .get(id)!;
  } finally {
    db.close();
  }
}

async function start(dataDir: string): Promise<OpenedEngine> {
  return privateTestEngineOn(dataDir, SEEDS_DIR);
}

async function privateTestEngineOn(dataDir: string, seedsDir: string): Promise<OpenedEngine> {
  const opened = await privateTestEngine({}, { DATA_DIR: dataDir, SEEDS_DIR: seedsDir });
  open.push(opened);
  return opened;
}

async function copyOfSeeds(): Promise<string> {
  const dir = await tempDir('seeds');
  await cp(SEEDS_DIR, dir, { recursive: true, preserveTimestamps: true });
  return dir;
}

function paperInTwoDumps(dataDir: string): { id: string; files: string[] } {
  const db = new Database(path.join(dataDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare<[], { id: string; files: string }>("SELECT paper_id AS id, group_concat(file, '|') AS files FROM (SELECT paper_id, file FROM paper_sources ORDER BY file) GROUP BY paper_id HAVING count(*) = 2 LIMIT 1").get()!;
    return { id: row.id, files: row.files.split('|') };
  } finally {
    db.close();
  }
}

function sourceEntries(dataDir: string, id: string): string[] {
  const db = new Database(path.join(dataDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[string], { entry: string }>('SELECT entry FROM paper_sources WHERE paper_id = ?').all(id).map((row) => row.entry);
  } finally {
    db.close();
  }
}

describe('damaged paper rows', () => {
  it('regression: a paper whose stored lists are not JSON any more is merged again from its dump at the next start', async () => {
    const dataDir = await privateDataDir();
    damage(dataDir, "UPDATE papers SET code_links = '{oops', feeds = '[' WHERE id = ?", TWIN_MERGING);
    const { engine } = await start(dataDir);
    expect((await engine.hit(TWIN_MERGING))?.codeLinks).toEqual(TWIN_CODE);
    expect((await engine.about('model merging')).results.length).toBeGreaterThan(0);
    await engine.close();
    open.length = 0;
    expect(JSON.parse(rowOf(dataDir, TWIN_MERGING).code_links)).toEqual(TWIN_CODE);
  });

  it('regression: a dump entry stored as garbage, met when another dump of that paper changes, is read again from its dump', async () => {
    const dataDir = await privateDataDir();
    const seedsDir = await copyOfSeeds();
    const { id, files } = paperInTwoDumps(dataDir);
    damage(dataDir, "UPDATE paper_sources SET entry = 'not json' WHERE paper_id = ? AND file = ?", id, files[0]);
    await appendFile(path.join(seedsDir, files[1]!), '\n');
    const { engine } = await privateTestEngineOn(dataDir, seedsDir);
    expect(await engine.paper(id)).toMatchObject({ sources: [expect.objectContaining({ file: files[0] }), expect.objectContaining({ file: files[1] })] });
    await engine.close();
    open.length = 0;
    expect(rowOf(dataDir, id).sources).toBe(2);
    expect(sourceEntries(dataDir, id).every((entry) => typeof JSON.parse(entry) === 'object')).toBe(true);
  });
});
