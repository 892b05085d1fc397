/**
 * Restarts over a growing seeds directory: only papers never embedded before
 * are embedded, and each paper keeps the date it first entered the corpus.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmbeddings, storeDir } from '../../src/index/embedding-store.js';
import { silentLogger } from '../../src/logger.js';
import { createEmbedder, createEngine } from '../../src/search/create-engine.js';
import type { RefreshableEngine } from '../../src/search/engine-types.js';
import { splitSentences } from '../../src/search/sentences.js';
import { testConfig } from '../support/test-engine.js';
import {
  addFixture,
  countingEmbedder,
  fixtureConfig,
  fixtureSeeds,
  FIRST_FILE,
  PAPER,
  removeTemps,
  SECOND_FILE,
  tempDir,
  type CountingEmbedder,
} from './fixture-seeds.js';

const SLOW = 120_000;
const FIRST_START = new Date('2025-03-01T09:00:00Z');
const SECOND_START = new Date('2025-03-08T09:00:00Z');
const THIRD_START = new Date('2025-03-15T09:00:00Z');

let embedder: CountingEmbedder;
let seedsDir: string;
let dataDir: string;
let progress: [number, number][];
let first: RefreshableEngine;

const textsOf = (engine: RefreshableEngine, id: string): string[] => {
  const paper = engine.paper(id)!;
  return [`${paper.title}. ${paper.abstract}`, ...splitSentences(paper.abstract)];
};
const start = (now: Date, onProgress?: (done: number, total: number) => void) =>
  createEngine(fixtureConfig(seedsDir, dataDir), silentLogger, { embedder, now: () => now, onProgress });

beforeAll(async () => {
  embedder = countingEmbedder(await createEmbedder(testConfig()));
  seedsDir = await fixtureSeeds(FIRST_FILE);
  dataDir = await tempDir('data');
  progress = [];
  first = await start(FIRST_START, (done, total) => progress.push([done, total]));
}, SLOW);
afterAll(removeTemps);

describe('GIVEN a cold start on one seeds file', () => {
  it('THEN every paper is embedded once: its whole text, then each abstract sentence', () => {
    expect(first.papers.map((p) => p.id)).toEqual([PAPER.sfprompt, PAPER.twinMerging, PAPER.faceNaming]);
    const expected = first.papers.flatMap((p) => textsOf(first, p.id));
    expect(embedder.calls).toBe(1);
    expect(embedder.documents).toEqual(expected);
  });

  it('THEN progress is reported with done increasing up to the total number of texts', () => {
    const total = embedder.documents.length;
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every(([, t]) => t === total)).toBe(true);
    const done = progress.map(([d]) => d);
    for (let i = 1; i < done.length; i++) expect(done[i]!).toBeGreaterThan(done[i - 1]!);
    expect(progress.at(-1)).toEqual([total, total]);
  });

  it('THEN every paper was added at the injected start time', () => {
    for (const paper of first.papers) expect(first.addedAt(paper.id)).toEqual(FIRST_START);
    expect(first.addedAt('000000000000')).toBeUndefined();
  });
});

describe('GIVEN a second seeds file added before the next start', () => {
  let second: RefreshableEngine;
  let progressAgain: [number, number][];
  beforeAll(async () => {
    await addFixture(seedsDir, SECOND_FILE);
    embedder.reset();
    progressAgain = [];
    second = await start(SECOND_START, (done, total) => progressAgain.push([done, total]));
  }, SLOW);

  it('THEN only the two new papers are embedded, not the duplicate Twin-Merging nor the old ones', () => {
    expect(second.papers.map((p) => p.id)).toEqual([PAPER.sfprompt, PAPER.twinMerging, PAPER.faceNaming, PAPER.corda, PAPER.codaPrompt]);
    expect(embedder.calls).toBe(1);
    expect(embedder.documents).toEqual([...textsOf(second, PAPER.corda), ...textsOf(second, PAPER.codaPrompt)]);
    expect(progressAgain.at(-1)).toEqual([embedder.documents.length, embedder.documents.length]);
  });

  it('THEN old papers keep their first addedAt and new ones get the injected now', () => {
    for (const id of [PAPER.sfprompt, PAPER.twinMerging, PAPER.faceNaming]) expect(second.addedAt(id)).toEqual(FIRST_START);
    for (const id of [PAPER.corda, PAPER.codaPrompt]) expect(second.addedAt(id)).toEqual(SECOND_START);
  });

  it('THEN the new papers are searchable: "CorDA" finds CorDA first', async () => {
    const response = await second.about('CorDA context-oriented decomposition adaptation');
    expect(response.results[0]?.id).toBe(PAPER.corda);
  });

  it('THEN the cache on disk holds all five papers with their addedAt', async () => {
    const load = await loadEmbeddings(storeDir(dataDir, embedder.modelId), embedder.modelId, embedder.dimension);
    if (!load.ok) throw new Error(load.reason);
    expect(new Map([...load.embeddings].map(([id, v]) => [id, v.addedAt.toISOString()]))).toEqual(
      new Map([
        [PAPER.sfprompt, FIRST_START.toISOString()],
        [PAPER.twinMerging, FIRST_START.toISOString()],
        [PAPER.faceNaming, FIRST_START.toISOString()],
        [PAPER.corda, SECOND_START.toISOString()],
        [PAPER.codaPrompt, SECOND_START.toISOString()],
      ]),
    );
  });

  describe('AND an abstract edited and the first file removed before the third start', () => {
    let third: RefreshableEngine;
    beforeAll(async () => {
      await rm(path.join(seedsDir, FIRST_FILE));
      const file = path.join(seedsDir, SECOND_FILE);
      const text = await readFile(file, 'utf8');
      const edited = text.replace('Current parameter-efficient fine-tuning (PEFT) methods', 'Current parameter-efficient fine-tuning (PEFT) techniques');
      expect(edited).not.toBe(text);
      await writeFile(file, edited);
      embedder.reset();
      third = await start(THIRD_START);
    }, SLOW);

    it('THEN only the edited paper is re-embedded, and it keeps the date it first arrived', () => {
      expect(third.papers.map((p) => p.id)).toEqual([PAPER.corda, PAPER.codaPrompt, PAPER.twinMerging]);
      expect(embedder.documents).toEqual(textsOf(third, PAPER.corda));
      expect(embedder.documents[0]).toContain('PEFT) techniques');
      expect(third.addedAt(PAPER.corda)).toEqual(SECOND_START);
      expect(third.addedAt(PAPER.twinMerging)).toEqual(FIRST_START);
    });

    it('THEN the removed papers are gone from the engine and from the cache', async () => {
      expect(third.paper(PAPER.sfprompt)).toBeUndefined();
      expect(third.addedAt(PAPER.faceNaming)).toBeUndefined();
      const load = await loadEmbeddings(storeDir(dataDir, embedder.modelId), embedder.modelId, embedder.dimension);
      expect(load.ok && [...load.embeddings.keys()].sort()).toEqual([PAPER.codaPrompt, PAPER.corda, PAPER.twinMerging].sort());
      const results = await third.about('federated fine-tuning on resource-limited devices', { k: 10 });
      expect(results.results.map((hit) => hit.id)).not.toContain(PAPER.sfprompt);
    });

    it('THEN a fourth start with nothing changed embeds nothing', async () => {
      embedder.reset();
      const fourth = await start(new Date('2025-04-01T00:00:00Z'));
      expect(embedder.documents).toEqual([]);
      expect(fourth.addedAt(PAPER.codaPrompt)).toEqual(SECOND_START);
    });
  });
});
