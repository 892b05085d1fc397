/**
 * The embedder the bot and the CLI use: the model runs in a worker thread
 * that owns its session, so a cold start of thousands of texts never stalls
 * the thread that answers users. Queries go to the same worker at
 * interactive priority and are served between two bulk batches (measured:
 * README, "Performance"). A worker that dies is reported and replaced on the
 * next request; pending requests fail with the reason instead of hanging.
 */
import type { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.js';
import { spawnWorker } from '../worker/spawn-worker.js';
import type { EmbedWorkerData, FromWorker, ToWorker } from './embed-protocol.js';
import type { EmbedOptions, EmbedPriority, Embedder, Vector } from './embedder.js';

/** Interactive requests waiting at most: beyond it a caller is told the embedder is overloaded, not queued forever. */
export const MAX_PENDING_INTERACTIVE = 256;

interface Pending {
  readonly resolve: (vectors: Vector[]) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress: ((done: number, total: number) => void) | undefined;
  readonly priority: EmbedPriority;
}

interface Session {
  readonly worker: Worker;
  readonly ready: Promise<{ modelId: string; dimension: number }>;
}

/** The worker embedder: an Embedder whose worker can also be stopped at once. */
export interface WorkerEmbedder extends Embedder {
  /**
   * Stops the worker now, without waiting for the batch in progress: pending
   * requests fail, and the next request starts a new worker (loading the
   * model again). For shutdowns that cannot wait — and how tests crash it.
   */
  terminate(): Promise<void>;
}

const WORKER_URL = new URL(`./embed-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

export async function createWorkerEmbedder(options: EmbedWorkerData, logger: Logger): Promise<WorkerEmbedder> {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed = false;
  let session: Session | null = null;

  const failAll = (error: Error): void => {
    for (const request of pending.values()) request.reject(error);
    pending.clear();
  };

  const start = (): Session => {
    const worker = spawnWorker(WORKER_URL, { workerData: options });
    worker.unref();
    const ready = new Promise<{ modelId: string; dimension: number }>((resolve, reject) => {
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') resolve(message);
        else if (message.type === 'load-failed') reject(new Error(message.message));
        else receive(message);
      });
      worker.on('error', (error) => {
        reject(error);
        logger.error({ err: error }, 'embedding worker failed');
      });
      worker.on('exit', (code) => {
        if (session?.worker === worker) session = null;
        const error = new Error(closed ? 'the embedder was closed' : `the embedding worker stopped (exit code ${code})`);
        reject(error);
        if (!closed) logger.error({ code, pending: pending.size }, 'embedding worker stopped; it restarts on the next request');
        failAll(error);
      });
    });
    ready.catch(() => undefined);
    return { worker, ready };
  };

  function receive(message: Exclude<FromWorker, { type: 'ready' | 'load-failed' }>): void {
    const request = pending.get(message.id);
    if (request === undefined) return;
    if (message.type === 'progress') {
      request.onProgress?.(message.done, message.total);
      return;
    }
    pending.delete(message.id);
    if (pending.size === 0) session?.worker.unref();
    if (message.type === 'error') {
      request.reject(new Error(`embedding failed: ${message.message}`));
      return;
    }
    const { rows, dimension, data } = message;
    request.onProgress?.(rows, rows);
    request.resolve(Array.from({ length: rows }, (_, row) => data.subarray(row * dimension, (row + 1) * dimension)));
  }

  const run = async (texts: readonly string[], kind: 'query' | 'passage', priority: EmbedPriority, onProgress?: EmbedOptions['onProgress']): Promise<Vector[]> => {
    if (closed) throw new Error('the embedder was closed');
    if (texts.length === 0) return [];
    const interactive = [...pending.values()].filter((p) => p.priority === 'interactive').length;
    if (priority === 'interactive' && interactive >= MAX_PENDING_INTERACTIVE) throw new Error('the embedder is overloaded: try again in a moment');
    session ??= start();
    const current = session;
    await current.ready;
    const id = nextId++;
    return new Promise<Vector[]>((resolve, reject) => {
      pending.set(id, { resolve, reject, onProgress, priority });
      // Only while work is pending does the worker keep the process alive.
      current.worker.ref();
      const message: ToWorker = { type: 'embed', id, texts: [...texts], kind, priority, progress: onProgress !== undefined };
      current.worker.postMessage(message);
    });
  };

  session = start();
  const { modelId, dimension } = await session.ready;
  return {
    modelId,
    dimension,
    embedDocuments: (texts, embedOptions) => run(texts, 'passage', embedOptions?.priority ?? 'bulk', embedOptions?.onProgress),
    async embedQuery(text) {
      const [vector] = await run([text], 'query', 'interactive');
      if (vector === undefined) throw new Error('The model returned no embedding for the query');
      return vector;
    },
    async terminate() {
      await session?.worker.terminate();
    },
    async close() {
      if (closed) return;
      closed = true;
      const current = session;
      if (current === null) return;
      const exited = new Promise<void>((resolve) => current.worker.once('exit', () => resolve()));
      current.worker.postMessage({ type: 'close' } satisfies ToWorker);
      current.worker.ref();
      // A batch in progress finishes first; a stuck one is not waited for past this.
      const timer = setTimeout(() => void current.worker.terminate(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
