/**
 * Wires the engine from configuration: the embedding model, the cache under
 * DATA_DIR, the seeds directory. The CLI, the bot and the benchmark all start here.
 */
import path from 'node:path';
import type { EngineConfig } from '../config.js';
import type { Embedder } from '../embedding/embedder.js';
import { createTransformersEmbedder } from '../embedding/transformers-embedder.js';
import type { Logger } from '../logger.js';
import { buildSearchState } from './build-search-state.js';
import { createSearchEngine } from './engine.js';
import type { RefreshableEngine } from './engine-types.js';
import type { FusionWeights, RankMode } from './rank.js';

export interface EngineOptions {
  readonly onProgress?: (done: number, total: number) => void;
  /** Defaults to the model named by EMBEDDING_MODEL. */
  readonly embedder?: Embedder;
  readonly now?: () => Date;
  /** For evaluation: rank with one side only, or other fusion weights. */
  readonly mode?: RankMode;
  readonly weights?: FusionWeights;
}

export async function createEmbedder(config: EngineConfig, queryInstruction = true): Promise<Embedder> {
  return createTransformersEmbedder({
    modelId: config.EMBEDDING_MODEL,
    modelsDir: config.MODELS_DIR,
    cacheDir: path.join(config.DATA_DIR, 'models'),
    queryInstruction,
  });
}

export async function createEngine(config: EngineConfig, logger: Logger, options: EngineOptions = {}): Promise<RefreshableEngine> {
  const started = performance.now();
  const embedder = options.embedder ?? (await createEmbedder(config));
  const build = () =>
    buildSearchState({
      seedsDir: config.SEEDS_DIR,
      dataDir: config.DATA_DIR,
      embedder,
      logger,
      now: options.now ?? (() => new Date()),
      onProgress: options.onProgress,
    });
  const { state, embedded } = await build();
  logger.info(
    { papers: state.papers.length, embedded: embedded.length, model: embedder.modelId, ms: Math.round(performance.now() - started) },
    'paper engine ready',
  );
  return createSearchEngine(state, { embedder, rebuild: build, mode: options.mode, weights: options.weights });
}
