/**
 * One engine over the real seeds and the real bundled model for a test file,
 * started warm from the cache that global-setup.ts built.
 */
import { cp, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadEngineConfig, type EngineConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { createEngine, type EngineOptions } from '../../src/search/create-engine.js';
import type { RefreshableEngine } from '../../src/search/engine-types.js';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const SEEDS_DIR = path.join(REPO_ROOT, 'seeds');
/** Survives between local runs (gitignored); CI starts without it and builds it once. */
export const SHARED_DATA_DIR = path.join(REPO_ROOT, '.cache', 'test-data');

export function testConfig(overrides: Partial<Record<keyof EngineConfig, string>> = {}): EngineConfig {
  return loadEngineConfig({
    DATA_DIR: SHARED_DATA_DIR,
    SEEDS_DIR,
    MODELS_DIR: path.join(REPO_ROOT, 'models'),
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

export function sharedTestEngine(options: EngineOptions = {}): Promise<RefreshableEngine> {
  return createEngine(testConfig(), silentLogger, options);
}

/** A private DATA_DIR seeded with a copy of the shared cache: for tests that damage or extend the cache. */
export async function privateDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'paperbot-data-'));
  await cp(SHARED_DATA_DIR, dir, { recursive: true });
  return dir;
}
