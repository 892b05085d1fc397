/**
 * The embedder the bot and CLI use: the real model in its own process. Its
 * vectors are the in-process model's; a query sent during a bulk job is
 * answered before the bulk job ends; a dead model process fails what was
 * pending and is replaced on the next request, as often as it dies.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosine, type Embedder } from '../../src/embedding/embedder.js';
import { createTransformersEmbedder } from '../../src/embedding/transformers-embedder.js';
import { createWorkerEmbedder } from '../../src/embedding/worker-embedder.js';
import { createLogger, silentLogger } from '../../src/logger.js';
import { LogCapture } from '../support/log-capture.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { paperTexts } from '../../src/search/paper-texts.js';
import { REPO_ROOT, SEEDS_DIR } from '../support/test-engine.js';

const OPTIONS = { modelId: 'BAAI/bge-small-en-v1.5', modelsDir: path.join(REPO_ROOT, 'models'), cacheDir: path.join(REPO_ROOT, '.cache', 'models') };

let worker: Embedder;
let local: Embedder;
let texts: string[];
beforeAll(async () => {
  [worker, local] = await Promise.all([createWorkerEmbedder(OPTIONS, silentLogger), createTransformersEmbedder(OPTIONS)]);
  const papers = (await loadCorpus(SEEDS_DIR)).papers.slice(0, 12);
  texts = papers.flatMap((paper) => {
    const { document, sentences } = paperTexts(paper);
    return [document, ...sentences];
  });
}, 60_000);
afterAll(async () => {
  await worker.close();
});

describe('the embed worker', () => {
  it('GIVEN a query and passages THEN the worker returns the in-process model\'s vectors, in input order', async () => {
    expect(worker.modelId).toBe(OPTIONS.modelId);
    expect(worker.dimension).toBe(384);
    expect(cosine(await worker.embedQuery('model merging'), await local.embedQuery('model merging'))).toBeGreaterThan(0.9999);
    const sample = texts.slice(0, 6);
    const [ours, theirs] = await Promise.all([worker.embedDocuments(sample), local.embedDocuments(sample)]);
    ours.forEach((vector, i) => expect(cosine(vector, theirs[i]!)).toBeGreaterThan(0.999));
  });

  it('GIVEN a bulk job of ~130 texts in progress WHEN a query arrives THEN the query is answered before the bulk job ends', async () => {
    const progress: number[] = [];
    let bulkDoneAt = 0;
    const bulk = worker.embedDocuments(texts, { priority: 'bulk', onProgress: (done) => progress.push(done) }).then((vectors) => {
      bulkDoneAt = performance.now();
      return vectors;
    });
    // Wait until the worker is inside the bulk job (its first batch reported), then ask.
    await new Promise<void>((resolve) => {
      const check = () => (progress.length > 0 ? resolve() : setTimeout(check, 5));
      check();
    });
    const query = await worker.embedQuery('split learning');
    const queryDoneAt = performance.now();
    const vectors = await bulk;
    expect(vectors).toHaveLength(texts.length);
    expect(queryDoneAt).toBeLessThan(bulkDoneAt);
    expect(progress.at(-1)).toBe(texts.length);
    expect(query).toHaveLength(384);
  });

  it('GIVEN no texts THEN no vectors, without a round trip', async () => {
    expect(await worker.embedDocuments([])).toEqual([]);
  });

  it('GIVEN the worker dies mid-job THEN the pending call rejects with the reason, and the next call gets a new worker', async () => {
    const dying = await createWorkerEmbedder(OPTIONS, silentLogger);
    const pending = dying.embedDocuments(texts);
    // SIGKILL mid-batch: a crash of the model's process, not of the caller's.
    await dying.terminate();
    await expect(pending).rejects.toThrow(/embedding worker stopped \(signal SIGKILL\)/);
    expect(await dying.embedQuery('model merging')).toHaveLength(384);
    // onnxruntime 1.14 could not be loaded again in a second worker thread of one process (ERR_DLOPEN_FAILED):
    // a process per model has no such limit, however often it is replaced.
    for (let round = 0; round < 3; round++) {
      await dying.terminate();
      expect(await dying.embedQuery(`round ${round}`)).toHaveLength(384);
    }
    await dying.close();
  });

  it('regression: a model that cannot load fails the call with why, and its process\'s exit is not logged as a crash', async () => {
    // It used to add "model process stopped; a new one starts on the next request" after the CLI's own fatal message.
    const logs = new LogCapture();
    const failing = createWorkerEmbedder({ ...OPTIONS, modelId: 'nope/not-a-model', remoteHost: 'http://127.0.0.1:9/' }, createLogger('debug', logs.stream));
    await expect(failing).rejects.toThrow(/nope\/not-a-model/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(logs.find('model process stopped; a new one starts on the next request')).toEqual([]);
  });

  it('GIVEN close THEN later calls reject plainly instead of hanging', async () => {
    const closing = await createWorkerEmbedder(OPTIONS, silentLogger);
    await closing.close();
    await expect(closing.embedQuery('x')).rejects.toThrow('the embedder was closed');
    await closing.close();
  });

  it('regression: a model process that hangs (SIGSTOP) with work pending is killed after the stall limit, the call fails with why, and the next call works', { timeout: 60_000 }, async () => {
    const others = modelProcesses();
    const hanging = await createWorkerEmbedder(OPTIONS, silentLogger, { stallMs: 1_500 });
    expect(await hanging.embedQuery('model merging')).toHaveLength(384);
    const started = modelProcesses().filter((pid) => !others.includes(pid));
    expect(started).toHaveLength(1);
    const pid = started[0]!;
    process.kill(pid, 'SIGSTOP');
    await expect(hanging.embedQuery('split learning')).rejects.toThrow(/embedding worker stopped \(no answer for 2 s; killed\)/);
    expect(modelProcesses()).not.toContain(pid);
    expect(await hanging.embedQuery('split learning')).toHaveLength(384);
    await hanging.close();
  });

  it('GIVEN a model process idle for longer than the stall limit THEN it is not taken for hung', async () => {
    const idle = await createWorkerEmbedder(OPTIONS, silentLogger, { stallMs: 1_000 });
    expect(await idle.embedQuery('model merging')).toHaveLength(384);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await idle.embedQuery('model merging')).toHaveLength(384);
    await idle.close();
  });
});

/** The model processes running as children of this test process (each test file runs in its own fork). */
function modelProcesses(): number[] {
  const out = spawnSync('pgrep', ['-P', String(process.pid), '-f', 'embed-worker'], { encoding: 'utf8' }).stdout;
  return out.split('\n').filter((line) => line.trim() !== '').map(Number);
}
