/**
 * Dumps → store: only changed dumps are parsed, a paper in two dumps keeps
 * what both say, a dump that becomes unreadable keeps its papers, a deleted
 * one takes its own papers with it.
 */
import { copyFile, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { SYNC_UNFINISHED_KEY, syncDumps } from '../../src/ingest/sync-dumps.js';
import type { Store } from '../../src/store/store.js';
import { paperId } from '../../src/corpus/paper-id.js';
import { paperWrite } from '../../src/search/paper-texts.js';
import { entry, openTempStore, paperOf } from '../store/store-fixture.js';
import { ENGINE_FIXTURES, fixtureSeeds, FIRST_FILE, PAPER, PROSE_FILE, SECOND_FILE } from '../search/fixture-seeds.js';
import { tempDir } from '../support/temp-dir.js';

const NOW = () => new Date('2026-05-01T00:00:00Z');
const added = (report: Awaited<ReturnType<typeof syncDumps>>) => report.changes.flatMap((c) => c.added.map((p) => p.id));

describe('syncDumps', () => {
  it('GIVEN two dumps THEN five unique papers in file and line order; Twin-Merging, in both, has both sources', async () => {
    const { store } = await openTempStore();
    const report = await syncDumps(store, await fixtureSeeds(FIRST_FILE, SECOND_FILE), { now: NOW });
    expect(added(report)).toEqual([PAPER.sfprompt, PAPER.twinMerging, PAPER.faceNaming, PAPER.corda, PAPER.codaPrompt]);
    expect(report.skipped).toEqual([]);
    expect((await store.papers.get(PAPER.twinMerging))?.sources.map((s) => s.file)).toEqual([FIRST_FILE, SECOND_FILE]);
  });

  it('GIVEN nothing changed (same size and mtime) THEN no dump is even read again', async () => {
    const { store } = await openTempStore();
    const seeds = await fixtureSeeds(FIRST_FILE);
    await syncDumps(store, seeds, { now: NOW });
    // Same size, same mtime, different bytes: proof that an unchanged-looking file is not read.
    const file = path.join(seeds, FIRST_FILE);
    // mtimeMs in seconds, not a Date: a Date rounds to the millisecond, which can move it by one.
    const { atimeMs, mtimeMs } = await stat(file);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('SFPrompt', 'XFPrompt'));
    await utimes(file, atimeMs / 1000, mtimeMs / 1000);
    const again = await syncDumps(store, seeds, { now: NOW });
    expect(again).toMatchObject({ changes: [], unchanged: 1 });
  });

  it('GIVEN a dump touched but not changed (new mtime, same bytes) THEN it is read and hashed, never parsed into changes', async () => {
    const { store } = await openTempStore();
    const seeds = await fixtureSeeds(FIRST_FILE);
    await syncDumps(store, seeds, { now: NOW });
    const later = new Date('2030-01-01T00:00:00Z');
    await utimes(path.join(seeds, FIRST_FILE), later, later);
    const again = await syncDumps(store, seeds, { now: NOW });
    expect(again.changes).toEqual([]);
    expect((await store.papers.dumpFiles())[0]?.mtimeMs).toBe(later.getTime());
  });

  it('GIVEN the first dump deleted THEN its papers go, except Twin-Merging which the second dump still has', async () => {
    const { store } = await openTempStore();
    const seeds = await fixtureSeeds(FIRST_FILE, SECOND_FILE);
    await syncDumps(store, seeds, { now: NOW });
    await rm(path.join(seeds, FIRST_FILE));
    const report = await syncDumps(store, seeds, { now: NOW });
    expect(report.changes.flatMap((c) => c.removed.map((r) => r.id)).sort()).toEqual([PAPER.faceNaming, PAPER.sfprompt].sort());
    expect((await store.papers.get(PAPER.twinMerging))?.sources.map((s) => s.file)).toEqual([SECOND_FILE]);
    expect((await store.papers.dumpFiles()).map((f) => f.name)).toEqual([SECOND_FILE]);
  });

  it('GIVEN a dump overwritten with something that is not a listing THEN it is reported and its papers are kept', async () => {
    const { store } = await openTempStore();
    const seeds = await fixtureSeeds(FIRST_FILE);
    await syncDumps(store, seeds, { now: NOW });
    await copyFile(PROSE_FILE, path.join(seeds, FIRST_FILE));
    const report = await syncDumps(store, seeds, { now: NOW });
    expect(report.changes).toEqual([]);
    expect(report.skipped).toEqual([{ file: FIRST_FILE, reason: expect.stringContaining('keeping the 3 entries it had') }]);
    expect(await store.papers.count()).toBe(3);
  });

  it('GIVEN a new file that is not a listing THEN it is skipped with a reason and nothing is stored for it', async () => {
    const { store } = await openTempStore();
    const seeds = await fixtureSeeds(FIRST_FILE);
    await copyFile(PROSE_FILE, path.join(seeds, 'notes.txt'));
    const report = await syncDumps(store, seeds, { now: NOW });
    expect(report.skipped).toEqual([{ file: 'notes.txt', reason: expect.any(String) }]);
    expect((await store.papers.dumpFiles()).map((f) => f.name)).toEqual([FIRST_FILE]);
  });

  // A missing SEEDS_DIR was a warning and `results: []`; it is a configuration error.
  it('regression: a missing SEEDS_DIR is a ConfigError naming the variable, not an empty corpus', async () => {
    const { store } = await openTempStore();
    const missing = path.join(await tempDir('seeds'), 'nope');
    await expect(syncDumps(store, missing, { now: NOW })).rejects.toThrow(ConfigError);
    await expect(syncDumps(store, missing, { now: NOW })).rejects.toThrow(/SEEDS_DIR .*nope cannot be read \(ENOENT\)/);
  });

  it('GIVEN a dump of 1,000 papers THEN it is written a chunk per transaction (yielding between) and every paper arrives', async () => {
    const { store } = await openTempStore();
    const seeds = await tempDir('seeds');
    const header = (await readFile(path.join(ENGINE_FIXTURES, FIRST_FILE), 'utf8')).split('\n').slice(0, 11).join('\n');
    const body = Array.from({ length: 1000 }, (_, i) => `Paper number ${i}: on synthetic topic ${i}\nWe study synthetic topic ${i} in depth. It is a made up abstract for paper ${i}.\n• 2 authors\n·\nJul 24, 2024`).join('\n');
    await writeFile(path.join(seeds, 'big.txt'), `${header}\n${body}\n`);
    const chunks: number[] = [];
    const report = await syncDumps(store, seeds, { now: NOW, onChange: (change) => chunks.push(change.added.length) });
    expect(chunks.length).toBeGreaterThanOrEqual(5);
    expect(chunks.every((n) => n <= 200)).toBe(true);
    expect(added(report)).toHaveLength(1000);
    expect(await store.papers.count()).toBe(1000);
  });

  it('regression: papers a sync cut short left with no source (sources replaced, removal not yet committed) are removed by the next sync', async () => {
    const { store } = await openTempStore();
    const seeds = await fixtureSeeds(FIRST_FILE);
    await syncDumps(store, seeds, { now: NOW });
    const ghost = entry('A paper whose dump entry is already gone', 99);
    await store.papers.apply({ replaceSourcesOf: null, sources: [], upsert: [paperWrite(paperOf(ghost, FIRST_FILE))], remove: [], dumpFile: null, now: NOW() });
    // The sync that left it was killed while applying a file: its mark is still set.
    await writeFile(path.join(seeds, SECOND_FILE), await readFile(path.join(ENGINE_FIXTURES, SECOND_FILE)));
    const crashing: Store = { ...store, papers: { ...store.papers, apply: async () => Promise.reject(new Error('killed')) } };
    await expect(syncDumps(crashing, seeds, { now: NOW })).rejects.toThrow('killed');
    expect(await store.meta.get(SYNC_UNFINISHED_KEY)).not.toBe('');
    const before = await store.papers.count();
    const report = await syncDumps(store, seeds, { now: NOW });
    expect(await store.meta.get(SYNC_UNFINISHED_KEY)).toBe('');
    expect(await store.papers.count()).toBe(before - 1 + report.changes.flatMap((c) => c.added).length);
    expect(await store.papers.get(paperId(ghost.title))).toBeUndefined();
  });

  it('GIVEN syncs that finished, with or without a changed file THEN no paper is read to look for orphans (0.4 s at 100,000 papers)', async () => {
    const { store } = await openTempStore();
    const seeds = await fixtureSeeds(FIRST_FILE);
    await syncDumps(store, seeds, { now: NOW });
    let sweeps = 0;
    const counting: Store = { ...store, papers: { ...store.papers, orphans: async () => (sweeps++, store.papers.orphans()) } };
    await syncDumps(counting, seeds, { now: NOW });
    expect(sweeps).toBe(0);
    await writeFile(path.join(seeds, SECOND_FILE), await readFile(path.join(ENGINE_FIXTURES, SECOND_FILE)));
    expect((await syncDumps(counting, seeds, { now: NOW })).changes.flatMap((c) => c.added)).not.toHaveLength(0);
    await rm(path.join(seeds, SECOND_FILE));
    expect((await syncDumps(counting, seeds, { now: NOW })).changes.flatMap((c) => c.removed)).not.toHaveLength(0);
    expect(sweeps).toBe(0);
  });
});
