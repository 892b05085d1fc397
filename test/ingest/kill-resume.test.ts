/**
 * kill -9 in the middle of a cold start, for real: the CLI embeds one seed
 * dump with the real model, is SIGKILLed past half way, and the next run
 * embeds only what the first had not committed.
 */
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { openStore } from '../../src/store/open-store.js';
import { startCli } from '../support/cli-process.js';
import { removeTemps, tempDir } from '../support/temp-dir.js';
import { REPO_ROOT, SEEDS_DIR, testConfig } from '../support/test-engine.js';

afterAll(removeTemps);

const PROGRESS = /embedding papers \(first run only\): (\d+)\/(\d+) \((\d+) %\)/g;

describe('GIVEN the CLI killed with SIGKILL past half of a cold embed', () => {
  it('regression: the rerun resumes where the store stops, instead of embedding every paper again', { timeout: 240_000 }, async () => {
    const seedsDir = await tempDir('seeds');
    await copyFile(path.join(SEEDS_DIR, '004_788545b6d144696c.txt'), path.join(seedsDir, 'only.txt'));
    const dataDir = await tempDir('data');
    const env = { DATA_DIR: dataDir, SEEDS_DIR: seedsDir, MODELS_DIR: path.join(REPO_ROOT, 'models') };

    const first = await startCli(['about', 'model merging', '--json'], env);
    const [, doneText, totalText] = await first.waitForStderr(/embedding papers \(first run only\): (\d+)\/(\d+) \(([5-9]\d) %\)/);
    first.child.kill('SIGKILL');
    const killed = await first.finished;
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stdout).toBe('');
    const total = Number(totalText);
    const doneBeforeKill = Number(doneText);
    expect(doneBeforeKill).toBeGreaterThanOrEqual(total / 2);

    const { store } = await openStore({ dataDir, logger: silentLogger, kind: 'test' });
    const stored = await store.embeddings.count(testConfig().EMBEDDING_MODEL);
    await store.close();
    // Everything reported done was committed first (progress follows the commit), so nothing is lost.
    expect(stored).toBeGreaterThanOrEqual(doneBeforeKill);

    const second = await startCli(['about', 'model merging', '--json'], env);
    const result = await second.finished;
    expect(result.code).toBe(0);
    const lines = [...result.stderr.matchAll(PROGRESS)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(lines[0]).toEqual([0, total - stored]);
    expect(JSON.parse(result.stdout).results.length).toBeGreaterThan(0);
  });
});
