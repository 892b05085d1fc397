/**
 * The embed worker: owns the model session and answers embed requests from
 * its priority queue, one batch at a time. Started by worker-embedder.ts;
 * never imported by the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { EmbedWorkerData, FromWorker, ToWorker } from './embed-protocol.js';
import { EmbedQueue, type JobProgress } from './embed-queue.js';
import { loadTransformersModel, type LoadedModel } from './transformers-embedder.js';

if (parentPort === null) throw new Error('embed-worker.ts must run as a worker thread');
const port = parentPort;
const options = workerData as EmbedWorkerData;
const queue = new EmbedQueue();
/** Per request: whether it is a query, wants progress, and where its vectors go. */
const outputs = new Map<number, { readonly kind: 'query' | 'passage'; readonly progress: boolean; data: Float32Array | null }>();
let model: LoadedModel | null = null;
let pumping = false;
let closing = false;

const send = (message: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

function fail(id: number, error: unknown): void {
  outputs.delete(id);
  send({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
}

async function runBatch(loaded: LoadedModel, current: JobProgress): Promise<void> {
  const { job } = current;
  const output = outputs.get(job.id);
  const batch = current.next();
  if (output === undefined || batch === undefined) return;
  const prefix = output.kind === 'query' ? loaded.queryPrefix : '';
  const vectors = await loaded.embedBatch(batch.map((i) => prefix + job.texts[i]!));
  output.data ??= new Float32Array(job.texts.length * loaded.dimension);
  batch.forEach((textIndex, j) => output.data!.set(vectors[j]!, textIndex * loaded.dimension));
  current.done += batch.length;
  if (output.progress && !current.finished) send({ type: 'progress', id: job.id, done: current.done, total: job.texts.length });
}

async function pump(): Promise<void> {
  if (pumping || model === null) return;
  pumping = true;
  try {
    for (let current = queue.current(); current !== undefined; current = queue.current()) {
      const { id, texts } = current.job;
      try {
        if (!current.finished) await runBatch(model, current);
      } catch (error) {
        queue.finish(current);
        fail(id, error);
        continue;
      }
      // onnxruntime may finish a batch without yielding to the event loop: let waiting requests in before the next one.
      await new Promise((resolve) => setImmediate(resolve));
      if (current.finished) {
        queue.finish(current);
        const data = outputs.get(id)?.data ?? new Float32Array(0);
        outputs.delete(id);
        send({ type: 'vectors', id, rows: texts.length, dimension: model.dimension, data }, [data.buffer as ArrayBuffer]);
      }
    }
  } finally {
    pumping = false;
  }
  if (closing) port.close();
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'close') {
    closing = true;
    if (!pumping) port.close();
    return;
  }
  if (closing) return fail(message.id, new Error('the embedder is closing'));
  outputs.set(message.id, { kind: message.kind, progress: message.progress, data: null });
  queue.push({ id: message.id, texts: message.texts, priority: message.priority });
  void pump();
});

try {
  model = await loadTransformersModel(options);
  send({ type: 'ready', modelId: model.modelId, dimension: model.dimension });
  void pump();
} catch (error) {
  send({ type: 'load-failed', message: error instanceof Error ? error.message : String(error) });
  for (const job of queue.drain()) fail(job.id, error);
  port.close();
}
