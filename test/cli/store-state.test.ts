/**
 * What the CLI says about the store beside its results: a note while papers
 * still lack vectors, a notice on stderr when another process writes the
 * store or the store cannot take writes, exit 2 for a store it cannot open —
 * and that runCli closes the engine it was handed, whatever happened.
 */
import { symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../src/store/data-dir.js';
import { createLeaseRepository } from '../../src/store/sqlite/lease-repository.js';
import type { CreateEngineFn } from '../../src/cli/run-cli.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { createEngine } from '../../src/search/create-engine.js';
import type { RefreshableEngine } from '../../src/search/engine-types.js';
import { HELD_PAPERS, foreignWriter, heldEmbeddingEngine, lent, testModel, type HeldEngine } from '../bot/store-states.js';
import { removeTemps, tempDir } from '../support/temp-dir.js';
import { REPO_ROOT } from '../support/test-engine.js';
import { cliRunner, jsonLines, runWith, STACK_LINE, withClose, type CliRun, type JsonResponse, type RunOptions } from './cli-harness.js';

const TWIN_MERGING = 'Twin-Merging: Dynamic Integration of Modular Expertise in Model Merging';
const SFPROMPT = 'SFPrompt: Communication-Efficient Split Federated Fine-Tuning for Large Pre-Trained Models over Resource-Limited Devices';
const INDEXING_NOTE = '(still indexing: 0 % of papers have semantic vectors; the rest are found by their words)';

let model: Embedder;
let held: HeldEngine;
let cli: (argv: readonly string[], options?: RunOptions) => Promise<CliRun>;

beforeAll(async () => {
  model = await testModel();
  held = await heldEmbeddingEngine(model);
  cli = cliRunner(held.engine);
});

afterAll(async () => {
  await held.close();
  await model.close();
  await removeTemps();
});

/** The CLI's own engine factory, opening DATA_DIR from the run's environment, with this file's one model lent (see testModel). */
function cliEngine(onModelClosed?: () => void): CreateEngineFn {
  return (config, logger, options) => createEngine(config, logger, { ...options, embedder: lent(model, onModelClosed) });
}

/** The output with wrapping undone. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The environment of a real CLI run on `dataDir` (the default engine factory opens it). */
function envFor(dataDir: string, seedsDir: string): Record<string, string> {
  return { DATA_DIR: dataDir, SEEDS_DIR: seedsDir, MODELS_DIR: path.join(REPO_ROOT, 'models') };
}

describe('while papers are still being embedded', () => {
  it('GIVEN no paper has vectors yet THEN the human output opens with the indexing note, and finds papers by their words', async () => {
    expect(held.engine.status()).toMatchObject({ papers: HELD_PAPERS, embedded: 0 });
    const run = await cli(['about', 'model merging']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(flat(run.stdout).startsWith(`${INDEXING_NOTE} 1. ${TWIN_MERGING}`)).toBe(true);
  });

  it('GIVEN --json THEN each line carries indexing: papers and embedded, after the results', async () => {
    for (const argv of [['about', 'model merging'], ['title', 'sfprompt']]) {
      const run = await cli([...argv, '--json']);
      expect(run.code).toBe(0);
      const [response] = jsonLines(run.stdout) as JsonResponse[];
      expect(Object.keys(response ?? {})).toEqual(['query', 'lowConfidence', 'results', 'indexing']);
      expect(response?.indexing).toEqual({ papers: HELD_PAPERS, embedded: 0 });
      expect(response?.results.length).toBeGreaterThan(0);
    }
  });

  it('GIVEN title sfprompt THEN the note comes first, then the card with the whole abstract', async () => {
    const run = await cli(['title', 'sfprompt']);
    expect(flat(run.stdout).startsWith(`${INDEXING_NOTE} 1. ${SFPROMPT}`)).toBe(true);
    expect(flat(run.stdout)).toContain('incurring 53% less communication cost.');
  });

  it('GIVEN the embedding has caught up THEN there is no note and no indexing field', async () => {
    const caughtUp = await heldEmbeddingEngine(model);
    try {
      caughtUp.release();
      await caughtUp.engine.indexed();
      expect(caughtUp.engine.status()).toMatchObject({ papers: HELD_PAPERS, embedded: HELD_PAPERS });
      const text = await runWith(['about', 'model merging'], async () => withClose(caughtUp.engine));
      expect(text.stdout.split('\n')[0]).toBe(`1. ${TWIN_MERGING}`);
      const json = await runWith(['about', 'model merging', '--json'], async () => withClose(caughtUp.engine));
      expect(Object.keys(jsonLines(json.stdout)[0] ?? {})).toEqual(['query', 'lowConfidence', 'results']);
    } finally {
      await caughtUp.close();
    }
  });
});

describe('a store this run cannot write', () => {
  it('GIVEN another paperbot holds the store and is still embedding THEN stderr says so before the results, which come from what is stored; exit 0', async () => {
    const stored = await heldEmbeddingEngine(model);
    await stored.close(); // five papers stored, none embedded
    const other = await foreignWriter(stored.dataDir, 'bot');
    try {
      const run = await runWith(['about', 'model merging'], cliEngine(), { env: envFor(stored.dataDir, stored.seedsDir) });
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(
        new RegExp(`^paperbot: another paperbot process is embedding papers: bot \\(pid ${other.pid} on .+, since .+\\); answering from what it has stored \\(0 % embedded so far\\)\\.\\n$`),
      );
      expect(flat(run.stdout).startsWith(`${INDEXING_NOTE} 1. ${TWIN_MERGING}`)).toBe(true);
      // Only reading, this run neither took the lease nor released the other process's.
      const db = new Database(path.join(stored.dataDir, DB_FILE), { readonly: true });
      try {
        expect(await createLeaseRepository(db).holder()).toMatchObject({ pid: other.pid, kind: 'bot' });
      } finally {
        db.close();
      }
    } finally {
      await other.stop();
    }
  });

  it('GIVEN the store cannot take writes THEN stderr names the cause, the results are still printed, and the exit code is 2', async () => {
    // A read-only or full disk cannot be made here (the tests run as root): the engine reports one through status().
    const storeProblem = 'DATA_DIR is read-only (EROFS)';
    const readOnly: RefreshableEngine = Object.create(held.engine, {
      status: { value: () => ({ ...held.engine.status(), storeProblem }) },
    });
    const run = await runWith(['about', 'model merging', '--json'], async () => withClose(readOnly));
    expect(run.stderr).toBe(`paperbot: ${storeProblem}; answering from what is stored (0 % embedded so far).\n`);
    expect((jsonLines(run.stdout)[0] as JsonResponse).results[0]?.title).toBe(TWIN_MERGING);
    expect(run.code).toBe(2);
  });

  it('regression: GIVEN the model failed while embedding THEN stderr says why, the results are still printed, and the exit code is 1, not the disk problem 2', async () => {
    const embeddingProblem = 'embedding failed: the embedding worker stopped (signal SIGKILL)';
    const failing: RefreshableEngine = Object.create(held.engine, {
      status: { value: () => ({ ...held.engine.status(), embeddingProblem }) },
    });
    const run = await runWith(['about', 'model merging', '--json'], async () => withClose(failing));
    expect(run.stderr).toBe(`paperbot: ${embeddingProblem}; papers without vectors are found by their words only (0 % embedded so far).\n`);
    expect((jsonLines(run.stdout)[0] as JsonResponse).results[0]?.title).toBe(TWIN_MERGING);
    expect(run.code).toBe(1);
  });

  it('GIVEN DATA_DIR is a file THEN exit 2 with the store reason on one line, no stack, nothing on stdout', async () => {
    const dir = await tempDir('not-a-dir');
    const file = path.join(dir, 'data');
    await writeFile(file, 'not a directory');
    const run = await runWith(['about', 'model merging'], cliEngine(), { env: envFor(file, held.seedsDir) });
    expect(run).toEqual({ code: 2, stdout: '', stderr: `paperbot: DATA_DIR ${file} is not a directory (ENOTDIR): point DATA_DIR at a folder.\n` });
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('regression: GIVEN a DATA_DIR under a file, a loop of links or a name too long THEN exit 2 with the cause in words, not an unexpected ENOTDIR (exit 1)', async () => {
    const dir = await tempDir('unreachable');
    await writeFile(path.join(dir, 'file'), 'a file');
    await symlink(path.join(dir, 'loop'), path.join(dir, 'loop'));
    const cases = [
      [path.join(dir, 'file', 'data'), 'a part of it is a file, not a folder (ENOTDIR)'],
      [path.join(dir, 'loop'), 'it is a loop of symbolic links (ELOOP)'],
      [path.join(dir, 'n'.repeat(300)), 'the name is too long (ENAMETOOLONG)'],
    ] as const;
    for (const [dataDir, cause] of cases) {
      const run = await runWith(['about', 'model merging'], cliEngine(), { env: envFor(dataDir, held.seedsDir) });
      expect(run.code, dataDir).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(new RegExp(`^paperbot: DATA_DIR cannot be used, ${cause.replace(/[()]/g, '\\$&')}: /`));
    }
  });

  it('GIVEN the store cannot be opened THEN the engine leaves the model it was given open for its owner', async () => {
    const dir = await tempDir('not-a-dir');
    const file = path.join(dir, 'data');
    await writeFile(file, 'not a directory');
    let modelClosed = false;
    const run = await runWith(['about', 'model merging'], cliEngine(() => (modelClosed = true)), { env: envFor(file, held.seedsDir) });
    expect(run.code).toBe(2);
    // An engine closes only a model it made itself (create-engine.ts close()); a failed open must not close a lent one.
    expect(modelClosed).toBe(false);
  });
});

describe('closing', () => {
  it.each([
    ['a query that succeeds', ['about', 'model merging'], {}, 0],
    ['a query that fails', ['similar', 'zzqx no such paper'], {}, 2],
    ['a batch', ['about'], { stdin: 'model merging\n@everyone\n' }, 2],
  ] as const)('GIVEN %s THEN runCli closes the engine it was handed, once', async (_what, argv, options, code) => {
    let closes = 0;
    const run = await runWith(argv, async () => withClose(held.engine, () => closes++), options);
    expect(run.code).toBe(code);
    expect(closes).toBe(1);
  });
});
