/**
 * Restarts over a growing seeds directory: only papers never embedded before
 * are embedded, each paper keeps the date it first entered the corpus, and
 * what the store holds follows the dumps.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/embedding/embedder.js';
import { silentLogger } from '../../src/logger.js';
import { createEmbedder, openEngine, type OpenedEngine } from '../../src/search/create-engine.js';
import { paperTexts } from '../../src/search/paper-texts.js';
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

let model: Embedder;
let embedder: CountingEmbedder;
let seedsDir: string;
let dataDir: string;
let progress: [number, number][];
let first: OpenedEngine;
const open: OpenedEngine[] = [];

const textsOf = async (opened: OpenedEngine, id: string): Promise<string[]> => {
  const { document, sentences } = paperTexts((await opened.engine.paper(id))!);
  return [document, ...sentences];
};
/** One "process start": open the engine on the same directories, wait until every paper has vectors. */
async function start(now: Date, onProgress?: (done: number, total: number) => void): Promise<OpenedEngine> {
  for (const previous of open.splice(0)) await previous.engine.close();
  const opened = await openEngine(fixtureConfig(seedsDir, dataDir), silentLogger, { embedder, now: () => now, onProgress });
  await opened.engine.indexed();
  open.push(opened);
  return opened;
}

beforeAll(async () => {
  model = await createEmbedder(testConfig(), silentLogger);
  embedder = countingEmbedder(model);
  seedsDir = await fixtureSeeds(FIRST_FILE);
  dataDir = await tempDir('data');
  progress = [];
  first = await start(FIRST_START, (done, total) => progress.push([done, total]));
}, SLOW);
afterAll(async () => {
  for (const opened of open.splice(0)) await opened.engine.close();
  await model.close();
  await removeTemps();
});

describe('GIVEN a cold start on one seeds file', () => {
  it('THEN every paper is embedded once: its whole text, then each abstract sentence', async () => {
    expect(first.engine.papers.map((p) => p.id)).toEqual([PAPER.sfprompt, PAPER.twinMerging, PAPER.faceNaming]);
    const expected = (await Promise.all(first.engine.papers.map((p) => textsOf(first, p.id)))).flat();
    expect(embedder.calls).toBe(1);
    expect(embedder.documents).toEqual(expected);
  });

  it('THEN progress counts papers, from none to all three', () => {
    expect(progress[0]).toEqual([0, 3]);
    expect(progress.at(-1)).toEqual([3, 3]);
  });

  it('THEN every paper was added at the injected start time, and the store holds their vectors', async () => {
    for (const paper of first.engine.papers) expect(first.engine.addedAt(paper.id)).toEqual(FIRST_START);
    expect(first.engine.addedAt('000000000000')).toBeUndefined();
    expect(await first.store.embeddings.count(embedder.modelId)).toBe(3);
    expect(first.engine.status()).toMatchObject({ papers: 3, embedded: 3, writer: true, storeProblem: null });
  });
});

describe('GIVEN a second seeds file added before the next start', () => {
  let second: OpenedEngine;
  let progressAgain: [number, number][];
  beforeAll(async () => {
    await addFixture(seedsDir, SECOND_FILE);
    embedder.reset();
    progressAgain = [];
    second = await start(SECOND_START, (done, total) => progressAgain.push([done, total]));
  }, SLOW);

  it('THEN only the two new papers are embedded, not the duplicate Twin-Merging nor the old ones', async () => {
    expect(second.engine.papers.map((p) => p.id)).toEqual([PAPER.sfprompt, PAPER.twinMerging, PAPER.faceNaming, PAPER.corda, PAPER.codaPrompt]);
    expect(embedder.calls).toBe(1);
    expect(embedder.documents).toEqual([...(await textsOf(second, PAPER.corda)), ...(await textsOf(second, PAPER.codaPrompt))]);
    expect(progressAgain.at(-1)).toEqual([2, 2]);
  });

  it('THEN old papers keep their first addedAt and new ones get the injected now', () => {
    for (const id of [PAPER.sfprompt, PAPER.twinMerging, PAPER.faceNaming]) expect(second.engine.addedAt(id)).toEqual(FIRST_START);
    for (const id of [PAPER.corda, PAPER.codaPrompt]) expect(second.engine.addedAt(id)).toEqual(SECOND_START);
  });

  it('THEN the new papers are searchable: "CorDA" finds CorDA first', async () => {
    const response = await second.engine.about('CorDA context-oriented decomposition adaptation');
    expect(response.results[0]?.id).toBe(PAPER.corda);
    expect(response.indexing).toBeNull();
  });

  it('THEN Twin-Merging, in both files, is one paper remembering both sources', async () => {
    expect((await second.engine.paper(PAPER.twinMerging))?.sources.map((s) => s.file)).toEqual([FIRST_FILE, SECOND_FILE]);
  });

  describe('AND an abstract edited and the first file removed before the third start', () => {
    let third: OpenedEngine;
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

    it('THEN only the edited paper is re-embedded, and it keeps the date it first arrived', async () => {
      expect(third.engine.papers.map((p) => p.id)).toEqual([PAPER.twinMerging, PAPER.corda, PAPER.codaPrompt]);
      expect(embedder.documents).toEqual(await textsOf(third, PAPER.corda));
      expect(embedder.documents[0]).toContain('PEFT) techniques');
      expect(third.engine.addedAt(PAPER.corda)).toEqual(SECOND_START);
      expect(third.engine.addedAt(PAPER.twinMerging)).toEqual(FIRST_START);
    });

    it('THEN the removed papers are gone from the engine and from the store, vectors included', async () => {
      expect(await third.engine.paper(PAPER.sfprompt)).toBeUndefined();
      expect(third.engine.addedAt(PAPER.faceNaming)).toBeUndefined();
      expect(await third.store.embeddings.document(embedder.modelId, PAPER.sfprompt)).toBeUndefined();
      expect(await third.store.embeddings.count(embedder.modelId)).toBe(3);
      const results = await third.engine.about('federated fine-tuning on resource-limited devices', { k: 10 });
      expect(results.results.map((hit) => hit.id)).not.toContain(PAPER.sfprompt);
    });

    it('THEN a fourth start with nothing changed embeds nothing and reads no dump (unchanged size and mtime)', async () => {
      embedder.reset();
      const fourth = await start(new Date('2025-04-01T00:00:00Z'));
      expect(embedder.documents).toEqual([]);
      expect(fourth.engine.addedAt(PAPER.codaPrompt)).toEqual(SECOND_START);
    });
  });
});
