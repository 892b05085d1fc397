/**
 * Where the benchmark keeps its data: directories under the system temp dir,
 * never ./data, so a run cannot disturb a real store. The bundled corpus has
 * one DATA_DIR (filled by the cold start, reused by --skip-cold); each
 * synthetic corpus size has its own, kept between runs (see build-corpus.ts).
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEngineConfig, type EngineConfig } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/logger.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BENCH_ROOT = path.join(os.tmpdir(), 'paperbot-bench');
export const SEEDS_DIR = path.join(REPO_ROOT, 'seeds');

/** The bundled corpus' DATA_DIR: fixed so --skip-cold finds the store an earlier run left. */
export const BENCH_DATA_DIR = path.join(BENCH_ROOT, 'data');
/** A copy of it for the bot, which takes the writer lease and starts its own services (backups) there. */
export const BOT_DATA_DIR = path.join(BENCH_ROOT, 'bot-data');

/** The directories of the synthetic store of `papers` papers: its DATA_DIR and its (normally empty) SEEDS_DIR. */
export interface CorpusDirs {
  readonly root: string;
  readonly dataDir: string;
  readonly seedsDir: string;
  /** Written last by a complete build: what was built, and how long each part took. */
  readonly buildFile: string;
}

export function corpusDirs(papers: number): CorpusDirs {
  const root = path.join(BENCH_ROOT, `corpus-${papers}`);
  return { root, dataDir: path.join(root, 'data'), seedsDir: path.join(root, 'seeds'), buildFile: path.join(root, 'build.json') };
}

/** The engine settings from the environment, with DATA_DIR and SEEDS_DIR pointed at the benchmark's and every path absolute. */
export function benchConfig(dataDir: string, seedsDir = SEEDS_DIR): EngineConfig {
  const config = loadEngineConfig();
  return {
    ...config,
    DATA_DIR: path.resolve(dataDir),
    SEEDS_DIR: path.resolve(seedsDir),
    MODELS_DIR: path.resolve(REPO_ROOT, config.MODELS_DIR),
  };
}

/** Warnings only: info lines would interleave with the benchmark's own output. */
export function benchLogger(config: EngineConfig): Logger {
  return createLogger(config.LOG_LEVEL ?? 'warn');
}
