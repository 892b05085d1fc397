/**
 * refresh(): new dumps dropped into the seeds directory while the engine
 * serves. Queries keep answering from the old corpus until the new one is
 * ready, then see the new one; a file that is not a listing is reported.
 */
import { copyFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ERROR_CODES, UserError } from '../../src/errors.js';
import { silentLogger } from '../../src/logger.js';
import { createEmbedder, createEngine } from '../../src/search/create-engine.js';
import type { RefreshableEngine, RefreshReport } from '../../src/search/engine-types.js';
import { testConfig } from '../support/test-engine.js';
import {
  addFixture,
  countingEmbedder,
  fixtureConfig,
  fixtureSeeds,
  FIRST_FILE,
  PAPER,
  PROSE_FILE,
  removeTemps,
  SECOND_FILE,
  tempDir,
  type CountingEmbedder,
} from './fixture-seeds.js';

const SLOW = 120_000;
const STARTED = new Date('2025-05-01T08:00:00Z');
const REFRESHED = new Date('2025-05-02T08:00:00Z');

let embedder: CountingEmbedder;
let seedsDir: string;
let engine: RefreshableEngine;
let now = STARTED;

beforeAll(async () => {
  embedder = countingEmbedder(await createEmbedder(testConfig()));
  seedsDir = await fixtureSeeds(FIRST_FILE);
  engine = await createEngine(fixtureConfig(seedsDir, await tempDir('data')), silentLogger, { embedder, now: () => now });
}, SLOW);
afterAll(removeTemps);

describe('GIVEN an engine serving one seeds file', () => {
  it('WHEN nothing changed THEN refresh reports nothing and embeds nothing', async () => {
    embedder.reset();
    expect(await engine.refresh()).toEqual({ added: [], removed: [], skipped: [] });
    expect(embedder.documents).toEqual([]);
    expect(engine.papers).toHaveLength(3);
  });

  describe('WHEN a new dump and a file that is not a listing are dropped in and refresh runs', () => {
    let before: Awaited<ReturnType<RefreshableEngine['about']>>;
    let during: Awaited<ReturnType<RefreshableEngine['about']>>;
    let papersDuring: number;
    let second: Promise<RefreshReport>;
    let first: Promise<RefreshReport>;
    let report: RefreshReport;

    beforeAll(async () => {
      before = await engine.about('model merging');
      await addFixture(seedsDir, SECOND_FILE);
      await copyFile(PROSE_FILE, path.join(seedsDir, 'c-notes.txt'));
      now = REFRESHED;
      embedder.reset();
      // Hold the refresh inside embedding so the queries below certainly run while it is in flight.
      let release!: () => void;
      embedder.gate = new Promise<void>((resolve) => (release = resolve));
      first = engine.refresh();
      await vi.waitFor(() => expect(embedder.calls).toBe(1), { timeout: 60_000, interval: 20 });
      second = engine.refresh();
      during = await engine.about('model merging');
      papersDuring = engine.papers.length;
      embedder.gate = null;
      release();
      report = await first;
    }, SLOW);

    it('THEN queries during the refresh still answer, from the old corpus', () => {
      expect(papersDuring).toBe(3);
      expect(during.results.map((hit) => hit.id)).toEqual(before.results.map((hit) => hit.id));
      expect(during.results[0]?.id).toBe(PAPER.twinMerging);
    });

    it('THEN a second refresh call while one runs shares it instead of starting another', async () => {
      expect(second).toBe(first);
      expect(await second).toEqual(report);
      expect(embedder.calls).toBe(1);
    });

    it('THEN the report lists the two new papers and the skipped file with a reason', () => {
      expect(report.added).toEqual([PAPER.corda, PAPER.codaPrompt]);
      expect(report.removed).toEqual([]);
      expect(report.skipped).toEqual([{ file: 'c-notes.txt', reason: expect.any(String) }]);
      expect(report.skipped[0]!.reason.length).toBeGreaterThan(10);
    });

    it('THEN the new papers are served after the refresh, dated at the refresh', async () => {
      expect(engine.papers).toHaveLength(5);
      expect((await engine.about('CorDA')).results[0]?.id).toBe(PAPER.corda);
      expect(engine.addedAt(PAPER.corda)).toEqual(REFRESHED);
      expect(engine.addedAt(PAPER.sfprompt)).toEqual(STARTED);
      expect(engine.hit(PAPER.codaPrompt)?.title).toMatch(/^CODA-Prompt/);
    });

    it('THEN a refresh after the first file is removed reports its papers removed, embedding nothing', async () => {
      await rm(path.join(seedsDir, FIRST_FILE));
      embedder.reset();
      const removal = await engine.refresh();
      expect(removal.added).toEqual([]);
      expect([...removal.removed].sort()).toEqual([PAPER.faceNaming, PAPER.sfprompt].sort());
      expect(embedder.documents).toEqual([]);
      expect(engine.paper(PAPER.sfprompt)).toBeUndefined();
      expect(() => engine.similar(PAPER.sfprompt)).toThrow(UserError);
      expect(() => engine.similar(PAPER.sfprompt)).toThrow(ERROR_CODES.UNKNOWN_PAPER);
      // Twin-Merging is still in the second file.
      expect(engine.paper(PAPER.twinMerging)).toBeDefined();
    });
  });
});
