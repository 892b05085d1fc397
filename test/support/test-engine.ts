/**
 * One engine over the real seeds and the real bundled model for a test file,
 * started warm from the store that global-setup.ts built.
 */
import { copyFile, mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadEngineConfig, type EngineConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { createEngine, openEngine, type EngineOptions, type OpenedEngine } from '../../src/search/create-engine.js';
import type { RefreshableEngine } from '../../src/search/engine-types.js';
import { DB_FILE } from '../../src/store/data-dir.js';

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

/** The shared store, read by every test file; tests that write (digests, bots, new papers) use a private copy. */
export function sharedTestEngine(options: EngineOptions = {}): Promise<RefreshableEngine> {
  return createEngine(testConfig(), silentLogger, options);
}

/**
 * A private DATA_DIR holding a consistent copy of the shared store (SQLite's
 * online backup, so a process reading the shared one meanwhile cannot tear
 * it) and its vector index file: for tests that damage or extend the store.
 */
export async function privateDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'paperbot-data-'));
  const shared = new Database(path.join(SHARED_DATA_DIR, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    await shared.backup(path.join(dir, DB_FILE));
  } finally {
    shared.close();
  }
  // The copy must not inherit the writer lease of whichever process had the shared store open at that moment.
  const copy = new Database(path.join(dir, DB_FILE));
  try {
    copy.prepare('DELETE FROM writer_lease').run();
  } finally {
    copy.close();
  }
  for (const name of await readdir(SHARED_DATA_DIR)) {
    if (name.endsWith('.hnsw')) await copyFile(path.join(SHARED_DATA_DIR, name), path.join(dir, name));
  }
  return dir;
}

/** An engine on a private copy of the shared store, with what opening it found. */
export async function privateTestEngine(options: EngineOptions = {}, overrides: Partial<Record<keyof EngineConfig, string>> = {}): Promise<OpenedEngine & { dataDir: string }> {
  const dataDir = overrides.DATA_DIR ?? (await privateDataDir());
  const opened = await openEngine(testConfig({ ...overrides, DATA_DIR: dataDir }), silentLogger, options);
  await opened.engine.indexed();
  return { ...opened, dataDir };
}
