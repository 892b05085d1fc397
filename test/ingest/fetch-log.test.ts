/**
 * The fetched-paper log: what a feed returned is on disk before the store
 * has it, so a crash between the two loses nothing, and a store rebuilt
 * after damage gets every fetched paper back without fetching again.
 */
import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { FetchedPaper } from '../../src/feeds/fetched-paper.js';
import { appendToLog, fetchLogPath, readLog } from '../../src/ingest/fetch-log.js';
import { replayFetchLog } from '../../src/ingest/replay-fetch-log.js';
import { silentLogger } from '../../src/logger.js';
import { DB_FILE } from '../../src/store/data-dir.js';
import { openTempStore } from '../store/store-fixture.js';
import path from 'node:path';

function fetched(arxivId: string, title: string): FetchedPaper {
  return {
    arxivId, title, abstract: `${title} is introduced and evaluated. It works.`, authorNames: ['A. Author'], publishedAt: '2024-07-24T00:00:00.000Z',
    dailyDate: '2024-07-24', upvotes: 3, aiSummary: null, aiKeywords: ['kw'], githubRepo: null, githubStars: null, projectPage: null,
    organization: null, categories: [], source: 'huggingface',
  };
}
const AT = '2024-07-24T12:00:00.000Z';
const now = () => new Date(AT);

describe('the fetched-paper log', () => {
  it('GIVEN records appended THEN they read back in order, and the offset moves past them', async () => {
    const { dataDir } = await openTempStore();
    const end = await appendToLog(dataDir, [{ paper: fetched('2407.00001', 'First'), fetchedAt: AT }, { paper: fetched('2407.00002', 'Second'), fetchedAt: AT }]);
    const tail = await readLog(dataDir, 0);
    expect(tail.records.map((r) => r.paper.arxivId)).toEqual(['2407.00001', '2407.00002']);
    expect(tail.offset).toBe(end);
    expect((await readLog(dataDir, end)).records).toEqual([]);
  });

  // A crash mid-append leaves half a line; the next append must not glue its first record onto it.
  it('regression: a torn last line (a crash mid-write) is skipped as damaged, and the next record after it is intact', async () => {
    const { dataDir } = await openTempStore();
    await appendToLog(dataDir, [{ paper: fetched('2407.00001', 'First'), fetchedAt: AT }]);
    await appendFile(fetchLogPath(dataDir), '{"paper":{"arxivId":"2407.0');
    expect((await readLog(dataDir, 0)).records).toHaveLength(1);
    await appendToLog(dataDir, [{ paper: fetched('2407.00003', 'Third'), fetchedAt: AT }]);
    const tail = await readLog(dataDir, 0);
    expect(tail.records.map((r) => r.paper.arxivId)).toEqual(['2407.00001', '2407.00003']);
    expect(tail.damaged).toBe(1);
  });

  it('GIVEN papers logged but never stored (killed in between) THEN the next start stores them, once', async () => {
    const { store, dataDir } = await openTempStore();
    await appendToLog(dataDir, [{ paper: fetched('2407.00001', 'Quokka Attention'), fetchedAt: AT }]);
    expect(await replayFetchLog(store, dataDir, now, silentLogger)).toBe(1);
    expect(await store.papers.idOfArxiv('2407.00001')).toBeDefined();
    expect(await replayFetchLog(store, dataDir, now, silentLogger)).toBe(0);
    expect(await store.papers.count()).toBe(1);
  });

  it('GIVEN the database lost (damaged, rebuilt empty) THEN every fetched paper comes back from the log, nothing fetched again', async () => {
    const first = await openTempStore();
    await appendToLog(first.dataDir, [{ paper: fetched('2407.00001', 'Quokka Attention'), fetchedAt: AT }, { paper: fetched('2407.00002', 'Wombat Burrows'), fetchedAt: AT }]);
    await replayFetchLog(first.store, first.dataDir, now, silentLogger);
    await first.store.close();
    await writeFile(path.join(first.dataDir, DB_FILE), 'damaged beyond repair'.repeat(100));
    const rebuilt = await openTempStore(first.dataDir);
    expect(rebuilt.report.recovery).not.toBeNull();
    expect(await rebuilt.store.papers.count()).toBe(0);
    expect(await replayFetchLog(rebuilt.store, rebuilt.dataDir, now, silentLogger)).toBe(2);
    expect(await rebuilt.store.papers.count()).toBe(2);
  });

  it('GIVEN no log, or a log shorter than the store remembers (replaced) THEN nothing breaks; the shorter log is read from its start', async () => {
    const { store, dataDir } = await openTempStore();
    expect(await replayFetchLog(store, dataDir, now, silentLogger)).toBe(0);
    await store.meta.set('fetch-log-offset', '999999');
    await appendToLog(dataDir, [{ paper: fetched('2407.00009', 'Short Log'), fetchedAt: AT }]);
    expect(await replayFetchLog(store, dataDir, now, silentLogger)).toBe(1);
    await rm(fetchLogPath(dataDir));
    expect(await replayFetchLog(store, dataDir, now, silentLogger)).toBe(0);
    expect(await readFile(path.join(dataDir, DB_FILE)).then((b) => b.length)).toBeGreaterThan(0);
  });
});
