/**
 * refresh(): new dumps dropped into the seeds directory while the engine
 * serves. New papers are searchable by their words as soon as they are
 * stored, while their vectors are computed in the background; a file that
 * is not a listing is reported.
 */
import { copyFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Embedder } from '../../src/embedding/embedder.js';
import { ERROR_CODES, UserError } from '../../src/errors.js';
import { silentLogger } from '../../src/logger.js';
import { createEmbedder, createEngine } from '../../src/search/create-engine.js';
import type { RefreshableEngine, RefreshReport, SearchResponse } from '../../src/search/engine-types.js';
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

let model: Embedder;
let embedder: CountingEmbedder;
let seedsDir: string;
let engine: RefreshableEngine;
let now = STARTED;

beforeAll(async () => {
  model = await createEmbedder(testConfig(), silentLogger);
  embedder = countingEmbedder(model);
  seedsDir = await fixtureSeeds(FIRST_FILE);
  engine = await createEngine(fixtureConfig(seedsDir, await tempDir('data')), silentLogger, { embedder, now: () => now });
}, SLOW);
afterAll(async () => {
  await engine.close();
  await model.close();
  await removeTemps();
});

async function unknownPaperOf(run: () => Promise<unknown>): Promise<UserError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a UserError');
}

describe('GIVEN an engine serving one seeds file', () => {
  it('WHEN nothing changed THEN refresh reports nothing and embeds nothing', async () => {
    embedder.reset();
    expect(await engine.refresh()).toEqual({ added: [], removed: [], skipped: [] });
    expect(embedder.documents).toEqual([]);
    expect(engine.papers).toHaveLength(3);
  });

  describe('WHEN a new dump and a file that is not a listing are dropped in and refresh runs', () => {
    let report: RefreshReport;
    let second: Promise<RefreshReport>;
    let first: Promise<RefreshReport>;
    let whileEmbedding: SearchResponse;
    let release!: () => void;

    beforeAll(async () => {
      await addFixture(seedsDir, SECOND_FILE);
      await copyFile(PROSE_FILE, path.join(seedsDir, 'c-notes.txt'));
      now = REFRESHED;
      embedder.reset();
      // Hold the background embedding so the query below certainly runs before the new papers have vectors.
      embedder.gate = new Promise<void>((resolve) => (release = resolve));
      first = engine.refresh();
      second = engine.refresh();
      report = await first;
      await vi.waitFor(() => expect(embedder.calls).toBe(1), { timeout: 60_000, interval: 20 });
      whileEmbedding = await engine.about('CorDA context-oriented decomposition adaptation');
      embedder.gate = null;
      release();
      await engine.indexed();
    }, SLOW);

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

    it('THEN before their vectors exist the new papers are already found by their words, and the response says so', () => {
      expect(whileEmbedding.results[0]?.id).toBe(PAPER.corda);
      expect(whileEmbedding.indexing).toEqual({ papers: 5, embedded: 3, rebuildingIndex: false });
    });

    it('THEN once embedded they are served in full, dated at the refresh', async () => {
      expect(engine.papers).toHaveLength(5);
      const response = await engine.about('CorDA');
      expect(response.results[0]?.id).toBe(PAPER.corda);
      expect(response.indexing).toBeNull();
      expect(engine.addedAt(PAPER.corda)).toEqual(REFRESHED);
      expect(engine.addedAt(PAPER.sfprompt)).toEqual(STARTED);
      expect((await engine.hit(PAPER.codaPrompt))?.title).toMatch(/^CODA-Prompt/);
      expect((await engine.similar(PAPER.corda, { k: 2 })).results).toHaveLength(2);
    });

    it('THEN a refresh after the first file is removed reports its papers removed, embedding nothing', async () => {
      await rm(path.join(seedsDir, FIRST_FILE));
      embedder.reset();
      const removal = await engine.refresh();
      expect(removal.added).toEqual([]);
      expect([...removal.removed].sort()).toEqual([PAPER.faceNaming, PAPER.sfprompt].sort());
      expect(embedder.documents).toEqual([]);
      expect(await engine.paper(PAPER.sfprompt)).toBeUndefined();
      expect((await unknownPaperOf(() => engine.similar(PAPER.sfprompt))).message).toBe(ERROR_CODES.UNKNOWN_PAPER);
      expect((await engine.about('federated split fine-tuning', { k: 10 })).results.map((h) => h.id)).not.toContain(PAPER.sfprompt);
      // Twin-Merging is still in the second file.
      expect(await engine.paper(PAPER.twinMerging)).toBeDefined();
    });
  });
});
