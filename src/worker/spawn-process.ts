/**
 * Starts a Node child process from a module URL, with a structured-clone IPC
 * channel (Float32Arrays cross it as typed arrays). TypeScript sources (the
 * scripts run with tsx) get tsx's loader, by absolute URL so the child
 * resolves it from any working directory; compiled JavaScript runs as is.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

function tsxLoaderUrl(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(path.join(path.dirname(manifest), 'dist', 'loader.mjs')).href;
}

export function spawnProcess(url: URL, args: readonly string[] = []): ChildProcess {
  const isTs = url.pathname.endsWith('.ts');
  return fork(fileURLToPath(url), [...args], {
    execArgv: isTs ? ['--import', tsxLoaderUrl()] : [],
    serialization: 'advanced',
    // The child's stdout goes to our stderr: the CLI's stdout is its output, and nothing else may reach it.
    stdio: ['ignore', 2, 2, 'ipc'],
  });
}
