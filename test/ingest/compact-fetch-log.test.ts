/**
 * The fetched-paper log rewritten from the store once it has grown: an hourly
 * refetch whose upvotes change must not grow DATA_DIR by megabytes a day for
 * ever, and a store rebuilt from the rewritten log must lose nothing.
 */
import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FetchedPaper } from '../../src/feeds/fetched-paper.js';
import { compactFetchLog } from '../../src/ingest/compact-fetch-log.js';
import { appendToLog, FETCH_LOG_OFFSET_KEY, fetchLogPath } from '../../src/ingest/fetch-log.js';
import { replayFetchLog } from '../../src/ingest/replay-fetch-log.js';
import { silentLogger } from '../../src/logger.js';
import { DB_FILE } from '../../src/store/data-dir.js';
import { openTempStore } from '../store/store-fixture.js';

function fetched(arxivId: string, upvotes: number): FetchedPaper {
  return {
    arxivId, title: `Paper ${arxivId}`, abstract: `Paper ${arxivId} is introduced and evaluated. It works.`, authorNames: ['A. Author'],
    publishedAt: '2024-07-24T00:00:00.000Z', dailyDate: '2024-07-24', upvotes, aiSummary: null, aiKeywords: [], githubRepo: null,
    githubStars: null, projectPage: null, organization: null, categories: [], source: 'huggingface',
  };
}
const now = () => new Date('2024-07-25T00:00:00.000Z');
const IDS = ['2407.00001', '2407.00002', '2407.00003'];

/** Twenty hourly refetches of the same three papers, upvotes rising: logged and stored as the engine does. */
async function refetchedAllDay(dataDir: string, store: Awaited<ReturnType<typeof openTempStore>>['store']): Promise<void> {
  for (let hour = 0; hour < 20; hour++) {
    const at = `2024-07-24T${String(hour).padStart(2, '0')}:00:00.000Z`;
    await appendToLog(dataDir, IDS.map((id) => ({ paper: fetched(id, hour), fetchedAt: at })));
    await replayFetchLog(store, dataDir, now, silentLogger);
  }
}

describe('compactFetchLog', () => {
  it('GIVEN a log grown past its floor THEN it holds one record per paper and source, the latest, and the offset is its end', async () => {
    const { store, dataDir } = await openTempStore();
    await refetchedAllDay(dataDir, store);
    const before = (await stat(fetchLogPath(dataDir))).size;
    const after = await compactFetchLog(store, dataDir, silentLogger, 1_000);
    expect(after).toBeLessThan(before / 10);
    const lines = (await readFile(fetchLogPath(dataDir), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { paper: FetchedPaper });
    expect(lines.map((l) => [l.paper.arxivId, l.paper.upvotes])).toEqual(IDS.map((id) => [id, 19]));
    expect(Number(await store.meta.get(FETCH_LOG_OFFSET_KEY))).toBe(after);
    // Not again until it has doubled.
    expect(await compactFetchLog(store, dataDir, silentLogger, 1_000)).toBeNull();
  });

  it('GIVEN the database lost after a rewrite THEN replaying the rewritten log brings every paper back with its latest upvotes', async () => {
    const first = await openTempStore();
    await refetchedAllDay(first.dataDir, first.store);
    await compactFetchLog(first.store, first.dataDir, silentLogger, 1_000);
    await first.store.close();
    await rm(path.join(first.dataDir, DB_FILE));
    const { store } = await openTempStore(first.dataDir);
    expect(await replayFetchLog(store, first.dataDir, now, silentLogger)).toBe(3);
    const papers = await store.papers.getMany(await Promise.all(IDS.map(async (id) => (await store.papers.idOfArxiv(id))!)));
    expect(papers.map((p) => p.upvotes)).toEqual([19, 19, 19]);
  });

  it('GIVEN records past what the store applied THEN the log is left alone (they exist nowhere else)', async () => {
    const { store, dataDir } = await openTempStore();
    await refetchedAllDay(dataDir, store);
    await appendToLog(dataDir, [{ paper: fetched('2407.00009', 1), fetchedAt: '2024-07-24T23:00:00.000Z' }]);
    expect(await compactFetchLog(store, dataDir, silentLogger, 1_000)).toBeNull();
  });

  it('GIVEN a log under the floor THEN it is left alone', async () => {
    const { store, dataDir } = await openTempStore();
    await refetchedAllDay(dataDir, store);
    expect(await compactFetchLog(store, dataDir, silentLogger)).toBeNull();
  });
});
