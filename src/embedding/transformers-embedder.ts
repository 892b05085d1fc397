/**
 * The transformers.js model. The default model ships in the repository
 * (models/<model id>/) and loads offline; any other hub model id is fetched
 * once into DATA_DIR for deployments that have internet. This runs in
 * whichever thread calls it: the embed worker in the bot and CLI.
 */
import path from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline } from '@xenova/transformers';
import { planBatches } from './batch-plan.js';
import { isBundledModel } from './bundled-model.js';
import type { Embedder, Vector } from './embedder.js';
import { modelProfile, type ModelProfile } from './model-profiles.js';

export interface TransformersEmbedderOptions {
  readonly modelId: string;
  /** Directory holding bundled models as `<dir>/<model id>/`. */
  readonly modelsDir: string;
  /** Where hub downloads are cached when the model is not bundled. */
  readonly cacheDir: string;
  /** Prepend the model's query instruction to queries (default: true when the model has one). */
  readonly queryInstruction?: boolean;
  /** Where models that are not bundled are fetched from (default: transformers.js's, the Hugging Face hub). */
  readonly remoteHost?: string;
}

/** A loaded model: one forward pass at a time, texts as given. */
export interface LoadedModel {
  readonly modelId: string;
  readonly dimension: number;
  /** What queries are prefixed with ('' when the model wants none). */
  readonly queryPrefix: string;
  embedBatch(texts: readonly string[]): Promise<Vector[]>;
}

export { isBundledModel };

export async function loadTransformersModel(options: TransformersEmbedderOptions): Promise<LoadedModel> {
  const bundled = isBundledModel(options.modelsDir, options.modelId);
  // transformers.js keeps these as process-wide settings; set them right before each load.
  env.localModelPath = path.resolve(options.modelsDir) + path.sep;
  env.allowLocalModels = bundled;
  env.allowRemoteModels = !bundled;
  // A bundled model never touches the hub cache, so a broken DATA_DIR/models cannot stop it loading.
  env.useFSCache = !bundled;
  env.cacheDir = path.resolve(options.cacheDir);
  if (options.remoteHost !== undefined) env.remoteHost = options.remoteHost;
  const extractor = await pipeline('feature-extraction', options.modelId, { quantized: true }).catch((cause: unknown) => {
    const where = bundled
      ? ` from ${path.join(options.modelsDir, options.modelId)}`
      : `: it is not bundled under ${options.modelsDir} and could not be fetched from the Hugging Face hub`;
    throw new Error(`Cannot load embedding model ${options.modelId}${where} (${String(cause)})`, { cause });
  });
  const profile = modelProfile(options.modelId);
  return {
    modelId: options.modelId,
    dimension: await embeddingDimension(extractor, profile),
    queryPrefix: options.queryInstruction === false ? '' : profile.queryInstruction,
    embedBatch: (texts) => embedBatch(extractor, profile, texts),
  };
}

/** The in-process embedder: the model on the calling thread (the worker's, or a test's). */
export async function createTransformersEmbedder(options: TransformersEmbedderOptions): Promise<Embedder> {
  const model = await loadTransformersModel(options);
  return {
    modelId: model.modelId,
    dimension: model.dimension,
    async embedDocuments(texts, embedOptions) {
      const vectors = new Array<Vector>(texts.length);
      let done = 0;
      for (const batch of planBatches(texts)) {
        const embedded = await model.embedBatch(batch.map((i) => texts[i]!));
        batch.forEach((textIndex, j) => (vectors[textIndex] = embedded[j]!));
        done += batch.length;
        embedOptions?.onProgress?.(done, texts.length);
      }
      return vectors;
    },
    async embedQuery(text) {
      const [vector] = await model.embedBatch([model.queryPrefix + text]);
      if (vector === undefined) throw new Error('The model returned no embedding for the query');
      return vector;
    },
    async close() {},
  };
}

/** The width of the model's output: read from its config when it says, else measured once (costs an inference at start-up). */
async function embeddingDimension(extractor: FeatureExtractionPipeline, profile: ModelProfile): Promise<number> {
  const configured: unknown = (extractor.model.config as { hidden_size?: unknown } | undefined)?.hidden_size;
  if (typeof configured === 'number' && Number.isInteger(configured) && configured > 0) return configured;
  const [probe] = await embedBatch(extractor, profile, ['dimension probe']);
  if (probe === undefined || probe.length === 0) throw new Error('The model returned an empty embedding');
  return probe.length;
}

async function embedBatch(extractor: FeatureExtractionPipeline, profile: ModelProfile, texts: readonly string[]): Promise<Vector[]> {
  if (texts.length === 0) return [];
  // Inputs beyond the model's 512-token window are truncated by the tokenizer, not rejected.
  const output = await extractor([...texts], { pooling: profile.pooling, normalize: true });
  const [rows, width] = output.dims as [number, number];
  const data = output.data as Float32Array;
  return Array.from({ length: rows }, (_, row) => data.slice(row * width, (row + 1) * width));
}
