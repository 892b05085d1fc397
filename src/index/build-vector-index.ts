/**
 * Runs hnsw-build-worker.ts and waits for its graph file. Progress is logged
 * about every tenth of the way: at 100,000 papers a rebuild takes minutes.
 */
import { spawnWorker } from '../worker/spawn-worker.js';
import type { BuildMessage, BuildRequest } from './hnsw-build-worker.js';

const WORKER_URL = new URL(`./hnsw-build-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

export function buildIndexInWorker(
  request: BuildRequest,
  onProgress?: (done: number, total: number) => void,
): Promise<{ count: number; seq: number }> {
  return new Promise((resolve, reject) => {
    const worker = spawnWorker(WORKER_URL, { workerData: request });
    let settled = false;
    worker.on('message', (message: BuildMessage) => {
      if (message.type === 'progress') onProgress?.(message.done, message.total);
      else {
        settled = true;
        if (message.type === 'done') resolve({ count: message.count, seq: message.seq });
        else reject(new Error(`vector index rebuild failed: ${message.message}`));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`vector index rebuild stopped (exit code ${code})`));
    });
  });
}
