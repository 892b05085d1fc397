/**
 * The messages between the main thread and the embed worker: texts in,
 * vectors (as one transferred Float32Array, no copy) or an error out, each
 * tagged with the request id it answers.
 */
import type { EmbedPriority } from './embedder.js';
import type { TransformersEmbedderOptions } from './transformers-embedder.js';

export type EmbedWorkerData = TransformersEmbedderOptions;

export type ToWorker =
  | {
      readonly type: 'embed';
      readonly id: number;
      readonly texts: readonly string[];
      /** Queries get the model's query instruction; passages do not. */
      readonly kind: 'query' | 'passage';
      readonly priority: EmbedPriority;
    }
  | { readonly type: 'close' };

export type FromWorker =
  | { readonly type: 'ready'; readonly modelId: string; readonly dimension: number }
  | { readonly type: 'load-failed'; readonly message: string }
  /** After every batch of a request but its last: progress, and a sign of life. */
  | { readonly type: 'progress'; readonly id: number; readonly done: number; readonly total: number }
  /** `data` holds `rows × dimension` floats, row i being the vector of text i. */
  | { readonly type: 'vectors'; readonly id: number; readonly rows: number; readonly dimension: number; readonly data: Float32Array }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
