/**
 * The embedder the bot and the CLI use: the model runs in its own process
 * (embed-worker.ts), so a cold start of thousands of texts never stalls the
 * thread that answers users, and a crash of the native runtime never takes
 * the bot with it. Queries go to the same process at interactive priority
 * and are served between two bulk batches (measured: README, "Performance").
 * A model process that dies is reported, its pending requests fail with the
 * reason instead of hanging, and the next request starts a new one; one that
 * hangs (work pending, not a word for STALL_MS) is killed and treated alike.
 */
import type { ChildProcess } from 'node:child_process';
import type { Logger } from '../logger.js';
import { spawnProcess } from '../worker/spawn-process.js';
import type { EmbedWorkerData, FromWorker, ToWorker } from './embed-protocol.js';
import type { EmbedOptions, EmbedPriority, Embedder, Vector } from './embedder.js';

/** Interactive requests waiting at most: beyond it a caller is told the embedder is overloaded, not queued forever. */
export const MAX_PENDING_INTERACTIVE = 256;
/** How long close() lets the batch in progress finish before it kills the model process. */
const CLOSE_GRACE_MS = 5_000;
/**
 * Work pending and no message for this long means the model process hangs: it reports after every batch, and
 * one batch (16 texts at most) takes about a second here, so a minute is far past slow.
 */
export const STALL_MS = 60_000;

export interface WorkerEmbedderTuning {
  /** Tests shorten it. */
  readonly stallMs?: number;
}

/** The worker embedder: an Embedder whose model process can also be stopped at once. */
export interface WorkerEmbedder extends Embedder {
  /**
   * Kills the model process now, without waiting for the batch in progress:
   * pending requests fail, and the next request starts a new process (loading
   * the model again). For shutdowns that cannot wait — and how tests crash it.
   */
  terminate(): Promise<void>;
}

interface Pending {
  readonly resolve: (vectors: Vector[]) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress: ((done: number, total: number) => void) | undefined;
  readonly priority: EmbedPriority;
}

interface Session {
  readonly child: ChildProcess;
  readonly ready: Promise<{ modelId: string; dimension: number }>;
  readonly exited: Promise<void>;
}

const ENTRY = new URL(`./embed-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

export async function createWorkerEmbedder(options: EmbedWorkerData, logger: Logger, tuning: WorkerEmbedderTuning = {}): Promise<WorkerEmbedder> {
  const stallMs = tuning.stallMs ?? STALL_MS;
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed = false;
  let session: Session | null = null;
  /** When the model process last said anything (or was last given work while idle). */
  let lastHeard = performance.now();

  const failAll = (error: Error): void => {
    for (const request of pending.values()) request.reject(error);
    pending.clear();
  };
  /** Only while work is pending does the model process keep this one alive. */
  const hold = (child: ChildProcess, on: boolean): void => {
    if (on) {
      child.ref();
      child.channel?.ref();
    } else {
      child.unref();
      child.channel?.unref();
    }
  };

  const start = (): Session => {
    const child = spawnProcess(ENTRY, [JSON.stringify(options)]);
    hold(child, true);
    let loaded = false;
    /** A process whose model could not load exits by itself: the caller reports why, so its exit is no news. */
    let loadFailed = false;
    let stalled = false;
    lastHeard = performance.now();
    // Not while the model loads: a model that is not bundled may be downloading for minutes.
    const watchdog = setInterval(() => {
      if (!loaded || pending.size === 0 || performance.now() - lastHeard <= stallMs) return;
      stalled = true;
      logger.error({ pending: pending.size, silentMs: Math.round(performance.now() - lastHeard) }, 'model process stopped answering: killing it');
      child.kill('SIGKILL');
    }, Math.max(50, Math.min(stallMs / 4, 5_000)));
    watchdog.unref();
    let exitedResolve!: () => void;
    const exited = new Promise<void>((resolve) => (exitedResolve = resolve));
    const ready = new Promise<{ modelId: string; dimension: number }>((resolve, reject) => {
      child.on('message', (message: FromWorker) => {
        lastHeard = performance.now();
        if (message.type === 'ready') {
          loaded = true;
          if (pending.size === 0) hold(child, false);
          resolve(message);
        } else if (message.type === 'load-failed') {
          loadFailed = true;
          reject(new Error(message.message));
        }
        else receive(message);
      });
      child.on('error', (error) => {
        reject(error);
        logger.error({ err: error }, 'model process failed');
      });
      child.on('exit', (code, signal) => {
        clearInterval(watchdog);
        if (session?.child === child) session = null;
        const how = stalled ? `no answer for ${Math.round(stallMs / 1000)} s; killed` : signal === null ? `exit code ${code}` : `signal ${signal}`;
        const error = new Error(closed ? 'the embedder was closed' : `the embedding worker stopped (${how})`);
        reject(error);
        if (!closed && !loadFailed) logger.error({ code, signal, pending: pending.size }, 'model process stopped; a new one starts on the next request');
        failAll(error);
        exitedResolve();
      });
    });
    ready.catch(() => undefined);
    return { child, ready, exited };
  };

  function receive(message: Exclude<FromWorker, { type: 'ready' | 'load-failed' }>): void {
    const request = pending.get(message.id);
    if (request === undefined) return;
    if (message.type === 'progress') {
      request.onProgress?.(message.done, message.total);
      return;
    }
    pending.delete(message.id);
    if (pending.size === 0 && session !== null) hold(session.child, false);
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
      // Silence while idle is not a hang: the clock starts with the first work.
      if (pending.size === 0) lastHeard = performance.now();
      pending.set(id, { resolve, reject, onProgress, priority });
      hold(current.child, true);
      const message: ToWorker = { type: 'embed', id, texts: [...texts], kind, priority };
      current.child.send(message);
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
      const current = session;
      if (current === null) return;
      current.child.kill('SIGKILL');
      await current.exited;
    },
    async close() {
      if (closed) return;
      closed = true;
      const current = session;
      if (current === null || current.child.exitCode !== null) return;
      hold(current.child, true);
      if (current.child.connected) current.child.send({ type: 'close' } satisfies ToWorker);
      // A batch in progress finishes first; a stuck one is not waited for past this.
      const timer = setTimeout(() => current.child.kill('SIGKILL'), CLOSE_GRACE_MS);
      await current.exited;
      clearTimeout(timer);
    },
  };
}
