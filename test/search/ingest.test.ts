/**
 * engine.ingest: what a feed returned is logged, then stored; a record that
 * changes nothing (the hourly refetch of an unchanged day) is stored as a
 * no-op and not logged again, so DATA_DIR does not grow for nothing.
 */
import { stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchedPaper } from '../../src/feeds/fetched-paper.js';
import { fetchLogPath } from '../../src/ingest/fetch-log.js';
import type { OpenedEngine } from '../../src/search/create-engine.js';
import { privateTestEngine } from '../support/test-engine.js';

const PAPER: FetchedPaper = {
  arxivId: '2407.19001', title: 'Wombat Burrow Attention for Long Documents', abstract: 'We introduce wombat burrow attention. It reads long documents in tunnels.',
  authorNames: ['A. Author'], publishedAt: '2024-07-24T00:00:00.000Z', dailyDate: '2024-07-24', upvotes: 3, aiSummary: null, aiKeywords: [],
  githubRepo: null, githubStars: null, projectPage: null, organization: null, categories: [], source: 'huggingface',
};

let opened: OpenedEngine & { dataDir: string };
beforeAll(async () => {
  opened = await privateTestEngine();
}, 120_000);
afterAll(() => opened.engine.close());

const logSize = async (): Promise<number> => (await stat(fetchLogPath(opened.dataDir))).size;

describe('engine.ingest', () => {
  it('regression: the same record fetched again is not logged again, still answers with its paper id; a changed one is logged', async () => {
    const first = await opened.engine.ingest([{ paper: PAPER, fetchedAt: '2024-07-24T10:00:00.000Z' }]);
    expect(first.added).toHaveLength(1);
    const size = await logSize();
    const again = await opened.engine.ingest([{ paper: PAPER, fetchedAt: '2024-07-24T11:00:00.000Z' }]);
    expect(again).toMatchObject({ ids: first.ids, added: [] });
    expect(await logSize()).toBe(size);
    const upvoted = await opened.engine.ingest([{ paper: { ...PAPER, upvotes: 9 }, fetchedAt: '2024-07-24T12:00:00.000Z' }]);
    expect(upvoted.updated).toEqual(first.ids);
    expect(await logSize()).toBeGreaterThan(size);
  });
});
