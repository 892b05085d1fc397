/**
 * Where the benchmark keeps its data: a directory under the system temp dir,
 * never ./data, so a run cannot disturb a real cache. The cold start fills it;
 * later runs with --skip-cold reuse it.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEngineConfig, type EngineConfig } from '../../src/config.js';
import { storeDir } from '../../src/index/embedding-store.js';
import { createLogger, type Logger } from '../../src/logger.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The benchmark's DATA_DIR: fixed so --skip-cold can find the cache an earlier run left. */
export const BENCH_DATA_DIR = path.join(os.tmpdir(), 'paperbot-bench', 'data');

/** The engine settings from the environment, with DATA_DIR pointed at `dataDir` and paths made absolute. */
export function benchConfig(dataDir: string): EngineConfig {
  const config = loadEngineConfig();
  return {
    ...config,
    DATA_DIR: path.resolve(dataDir),
    SEEDS_DIR: path.resolve(REPO_ROOT, config.SEEDS_DIR),
    MODELS_DIR: path.resolve(REPO_ROOT, config.MODELS_DIR),
  };
}

/** Warnings only: info lines would interleave with the benchmark's own output. */
export function benchLogger(config: EngineConfig): Logger {
  return createLogger(config.LOG_LEVEL ?? 'warn');
}

/** True when `dataDir` holds an embedding cache for the configured model. */
export function hasEmbeddingCache(config: EngineConfig): boolean {
  return existsSync(path.join(storeDir(config.DATA_DIR, config.EMBEDDING_MODEL), 'manifest.json'));
}
