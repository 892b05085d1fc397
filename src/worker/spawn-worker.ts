/**
 * Starts a worker thread from a module URL. Compiled JavaScript starts as is;
 * TypeScript (`npm start`, `npm test` and the scripts run sources with tsx)
 * needs tsx registered inside the worker first, since Node 20 does not pass
 * the parent's module hooks on to worker threads.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** tsx's ESM register API. Resolved by hand: its CommonJS entry (what require.resolve finds) cannot be imported. */
function tsxRegisterUrl(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(path.join(path.dirname(manifest), 'dist', 'esm', 'api', 'index.mjs')).href;
}

export function spawnWorker(url: URL, options: WorkerOptions = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const tsxApi = tsxRegisterUrl();
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}
