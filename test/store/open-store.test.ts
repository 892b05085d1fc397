/**
 * Damage at start-up: every case ends in a clear StoreError naming the real
 * cause, or in a rebuild that keeps what can be kept — never a crash loop,
 * never silent loss.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../../src/logger.js';
import { LogCapture } from '../support/log-capture.js';
import { backupStore } from '../../src/store/backup.js';
import { BACKUP_FILE, DB_FILE, MODEL_CACHE_DIR } from '../../src/store/data-dir.js';
import { openStore } from '../../src/store/open-store.js';
import { StoreError } from '../../src/store/store-error.js';
import { tempDir } from '../support/temp-dir.js';
import { entry, fileChange, holdLeaseElsewhere, openTempStore } from './store-fixture.js';

const AT = new Date('2026-05-02T03:04:05.678Z');

async function storeErrorOf(run: () => Promise<unknown>): Promise<StoreError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error('expected a StoreError, the store opened');
}

/** A store with one paper and one digest, closed, plus its daily backup. */
async function storeWithBackup(): Promise<string> {
  const { store, dataDir } = await openTempStore();
  await store.papers.apply(fileChange('a.txt', [entry('Twin Merging of Language Models', 3)]));
  const digest = { id: 'abc123', guildId: '1', channelId: '2', time: '09:00', timezone: 'UTC', topic: null, count: 5, createdAt: AT.toISOString(), createdBy: null, nextDueAt: AT.toISOString(), lastPostedAt: null, lastRun: null, status: { kind: 'active' as const } };
  const before = (await store.digests.load()).state;
  await store.digests.save(before, { ...before, digests: [digest] });
  await store.close();
  expect((await backupStore(dataDir)).type).toBe('done');
  return dataDir;
}

/** A store of 300 papers (pages enough to damage some in the middle), closed cleanly: its record written beside it. */
async function cleanlyClosedStore(): Promise<{ dataDir: string; file: string }> {
  const { dataDir, store } = await openTempStore();
  await store.papers.apply(fileChange('a.txt', Array.from({ length: 300 }, (_, i) => entry(`Paper number ${i} about something`, i + 1))));
  await store.close();
  return { dataDir, file: path.join(dataDir, DB_FILE) };
}

describe('a damaged database', () => {
  it('GIVEN paperbot.db overwritten with garbage THEN it is moved aside with a timestamp, byte for byte, and restored from the backup', async () => {
    const dataDir = await storeWithBackup();
    const file = path.join(dataDir, DB_FILE);
    await writeFile(file, 'this is not a database '.repeat(500));
    const { store, report } = await openStore({ dataDir, logger: silentLogger, kind: 'test', now: () => AT });
    expect(report.recovery).toMatchObject({ corruptPath: `${file}.corrupt-2026-05-02T03-04-05-678Z` });
    expect(report.recovery?.restoredFrom).toBeInstanceOf(Date);
    expect(await readFile(report.recovery!.corruptPath, 'utf8')).toBe('this is not a database '.repeat(500));
    expect(await store.papers.count()).toBe(1);
    expect((await store.digests.load()).state.digests.map((d) => d.id)).toEqual(['abc123']);
    await store.close();
  });

  it('GIVEN a database with damaged pages (quick_check fails) and no backup THEN it is moved aside and the store starts empty, reported', async () => {
    const { store, dataDir } = await openTempStore();
    await store.papers.apply(fileChange('a.txt', Array.from({ length: 200 }, (_, i) => entry(`Paper number ${i} about topic ${i}`, i * 4 + 3))));
    await store.close();
    const file = path.join(dataDir, DB_FILE);
    const bytes = await readFile(file);
    // Scribble over the middle pages (b-tree pages, not the header): the file still opens, its structure is broken.
    bytes.fill(0x5a, 8192, bytes.length - 8192);
    await writeFile(file, bytes);
    const reopened = await openStore({ dataDir, logger: silentLogger, kind: 'test', now: () => AT });
    expect(reopened.report.recovery).toMatchObject({ restoredFrom: null });
    expect(reopened.report.recovery?.reason).not.toBe('');
    expect(await reopened.store.papers.count()).toBe(0);
    expect((await readdir(dataDir)).filter((name) => name.startsWith(`${DB_FILE}.corrupt-`))).toHaveLength(1);
    await reopened.store.close();
  });

  it('GIVEN a damaged database and a damaged backup THEN both are left for a human and the store starts empty (no loop)', async () => {
    const dataDir = await storeWithBackup();
    await writeFile(path.join(dataDir, DB_FILE), 'garbage'.repeat(1000));
    await writeFile(path.join(dataDir, BACKUP_FILE), 'garbage too'.repeat(1000));
    const first = await openStore({ dataDir, logger: silentLogger, kind: 'test', now: () => AT });
    expect(first.report.recovery?.restoredFrom).toBeNull();
    await first.store.close();
    // A second start finds a healthy (empty) store: nothing to recover, no new corrupt-* file.
    const second = await openStore({ dataDir, logger: silentLogger, kind: 'test' });
    expect(second.report.recovery).toBeNull();
    const corrupt = (await readdir(dataDir)).filter((name) => name.includes('.corrupt-') && !/-(wal|shm)$/.test(name));
    expect(corrupt).toHaveLength(1);
    await second.store.close();
  });
});

describe('paths of the wrong kind', () => {
  it('GIVEN DATA_DIR is a file THEN ENOTDIR, naming it', async () => {
    const file = path.join(await tempDir('kind'), 'data');
    await writeFile(file, 'x');
    const error = await storeErrorOf(() => openStore({ dataDir: file, logger: silentLogger, kind: 'test' }));
    expect(error.code).toBe('ENOTDIR');
    expect(error.message).toContain(file);
  });

  it('GIVEN paperbot.db (or its WAL) is a directory THEN EISDIR before anything is written, and the directory is untouched', async () => {
    for (const name of [DB_FILE, `${DB_FILE}-wal`]) {
      const dataDir = await tempDir('kind');
      await mkdir(path.join(dataDir, name));
      const error = await storeErrorOf(() => openStore({ dataDir, logger: silentLogger, kind: 'test' }));
      expect(error.code).toBe('EISDIR');
      expect(error.message).toContain(name);
      expect((await stat(path.join(dataDir, name))).isDirectory()).toBe(true);
    }
  });

  it('GIVEN the model cache folder is a file THEN ENOTDIR when the model must be fetched, and no complaint when it is bundled', async () => {
    const dataDir = await tempDir('kind');
    await writeFile(path.join(dataDir, MODEL_CACHE_DIR), 'x');
    const error = await storeErrorOf(() => openStore({ dataDir, logger: silentLogger, kind: 'test', modelCache: true }));
    expect(error.code).toBe('ENOTDIR');
    const { store } = await openStore({ dataDir, logger: silentLogger, kind: 'test' });
    await store.close();
  });
});

describe('a second process', () => {
  it('GIVEN another process holds the writer lease THEN the store opens for reading and the report names the holder', async () => {
    const { dataDir, store } = await openTempStore();
    await store.close();
    holdLeaseElsewhere(dataDir);
    const reader = await openStore({ dataDir, logger: silentLogger, kind: 'cli' });
    expect(reader.report.lease).toMatchObject({ acquired: false, holder: { host: 'elsewhere', pid: 1, kind: 'bot' } });
    await reader.store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('regression: temp files a killed writer left (a half backup and its journal, a half graph, an atomic write) are removed by the next writer, and nothing else is', async () => {
    const { dataDir, store } = await openTempStore();
    await store.close();
    const uuid = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const left = [`.${BACKUP_FILE}.${uuid}.tmp`, `.${BACKUP_FILE}.${uuid}.tmp-journal`, `.paperbot.BAAI_bge-small-en-v1.5.${uuid}.hnsw.tmp`, `.fetched-papers.jsonl.${uuid}.tmp`];
    const kept = ['notes.tmp', `.${BACKUP_FILE}.not-a-uuid.tmp`, 'paperbot.db.corrupt-2026-05-02T03-04-05Z'];
    for (const name of [...left, ...kept]) await writeFile(path.join(dataDir, name), 'x');
    // The store's own files aside: its -wal and -shm while open, its clean-close record while closed.
    const own = (name: string): boolean => name.startsWith(`${DB_FILE}-`) || name === `${DB_FILE}.clean`;
    const before = (await readdir(dataDir)).filter((name) => !left.includes(name) && !own(name)).sort();
    const reopened = await openTempStore(dataDir);
    expect(reopened.report.lease?.acquired).toBe(true);
    expect((await readdir(dataDir)).filter((name) => !own(name)).sort()).toEqual(before);
  });

  it('GIVEN another process holds the writer lease THEN a reader removes no temp file (the writer may be making it)', async () => {
    const { dataDir, store } = await openTempStore();
    await store.close();
    holdLeaseElsewhere(dataDir);
    const temp = `.${BACKUP_FILE}.0f8fad5b-d9cb-469f-a165-70867728950e.tmp`;
    await writeFile(path.join(dataDir, temp), 'x');
    const reader = await openStore({ dataDir, logger: silentLogger, kind: 'cli' });
    expect(reader.report.lease?.acquired).toBe(false);
    expect(await readdir(dataDir)).toContain(temp);
    await reader.store.close();
  });

  it('GIVEN a store closed cleanly and untouched since THEN the next open skips the full check; open, it no longer vouches for the file', async () => {
    const { dataDir, store } = await openTempStore();
    await store.close();
    expect(await readdir(dataDir)).toContain(`${DB_FILE}.clean`);
    const logs = new LogCapture();
    const reopened = await openStore({ dataDir, logger: createLogger('debug', logs.stream), kind: 'test' });
    expect(logs.find('store: closed cleanly last time and untouched since; the full check is skipped')).toHaveLength(1);
    // Killed now, it would leave no record: the next open checks in full.
    expect(await readdir(dataDir)).not.toContain(`${DB_FILE}.clean`);
    await reopened.store.close();
  });

  it('regression: GIVEN a damaged copy restored over a cleanly closed store with its mtime kept (cp -p) THEN the record beside it does not vouch for it and the damage is found', async () => {
    const { dataDir, file } = await cleanlyClosedStore();
    // A bad copy of the file (same size, its times those of the original) restored over it with `cp -p`.
    const copy = path.join(dataDir, 'copy-of-paperbot.db');
    const bytes = await readFile(file);
    bytes.fill(0x5a, 8 * 4096, 12 * 4096);
    await writeFile(copy, bytes);
    execFileSync('touch', ['-r', file, copy]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    execFileSync('cp', ['-p', copy, file]);
    expect((await stat(file)).mtimeMs).toBe((await stat(copy)).mtimeMs);
    const reopened = await openStore({ dataDir, logger: silentLogger, kind: 'test' });
    expect(reopened.report.recovery).not.toBeNull();
    await reopened.store.close();
  });

  it('regression: GIVEN pages damaged after a clean close (same size, the file rewritten) THEN the record no longer matches and the damage is found', async () => {
    const { dataDir, file } = await cleanlyClosedStore();
    const bytes = await readFile(file);
    // Garbage over a few pages in the middle: size unchanged, mtime moves.
    bytes.fill(0x5a, 8 * 4096, 12 * 4096);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeFile(file, bytes);
    const reopened = await openStore({ dataDir, logger: silentLogger, kind: 'test' });
    expect(reopened.report.recovery).not.toBeNull();
    await reopened.store.close();
  });
});
