/**
 * The model process: owns the model session and answers embed requests from
 * its priority queue, one batch at a time. Started by worker-embedder.ts as a
 * child process — not a worker thread: onnxruntime-node 1.14's binding cannot
 * be loaded again in a second thread of the same process (ERR_DLOPEN_FAILED,
 * and crashes after a few start/stop cycles), and a native crash here must
 * never take the bot down with it. Exits when its parent goes away.
 */
import type { EmbedWorkerData, FromWorker, ToWorker } from './embed-protocol.js';
import { EmbedQueue, type JobProgress } from './embed-queue.js';
import { loadTransformersModel, type LoadedModel } from './transformers-embedder.js';

if (process.send === undefined) throw new Error('embed-worker.ts must run as a child process with an IPC channel');
const options = JSON.parse(process.argv[2] ?? '{}') as EmbedWorkerData;
const queue = new EmbedQueue();
/** Per request: whether it is a query, and where its vectors go. */
const outputs = new Map<number, { readonly kind: 'query' | 'passage'; data: Float32Array | null }>();
let model: LoadedModel | null = null;
let pumping = false;
let closing = false;

const send = (message: FromWorker, then?: () => void): void => {
  process.send?.(message, undefined, {}, () => then?.());
};
const leave = (): void => {
  process.disconnect?.();
  process.exit(0);
};

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
  // Sent after every batch, wanted or not: it is also how the parent knows this process is not hung.
  if (!current.finished) send({ type: 'progress', id: job.id, done: current.done, total: job.texts.length });
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
        send({ type: 'vectors', id, rows: texts.length, dimension: model.dimension, data });
      }
    }
  } finally {
    pumping = false;
  }
  if (closing) leave();
}

process.on('message', (message: ToWorker) => {
  if (message.type === 'close') {
    closing = true;
    if (!pumping) leave();
    return;
  }
  if (closing) return fail(message.id, new Error('the embedder is closing'));
  outputs.set(message.id, { kind: message.kind, data: null });
  queue.push({ id: message.id, texts: message.texts, priority: message.priority });
  void pump();
});
// The parent died (even by kill -9): nobody is left to answer.
process.on('disconnect', () => process.exit(0));

try {
  model = await loadTransformersModel(options);
  send({ type: 'ready', modelId: model.modelId, dimension: model.dimension });
  void pump();
} catch (error) {
  for (const job of queue.drain()) fail(job.id, error);
  // Leave only once the parent has the reason: disconnecting first could drop it.
  send({ type: 'load-failed', message: error instanceof Error ? error.message : String(error) }, leave);
}
