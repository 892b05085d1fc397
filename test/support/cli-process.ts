/**
 * The CLI as a real child process (`node --import tsx src/cli/papers.ts`, one
 * process, so a SIGKILL kills exactly it), with exactly the environment
 * given, in an empty working directory so no developer's .env leaks in.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './test-engine.js';

export interface CliRun {
  readonly child: ChildProcess;
  readonly output: { stdout: string; stderr: string };
  readonly finished: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  /** Resolves once stderr has a line matching `pattern` (rejects if the process ends first). */
  waitForStderr(pattern: RegExp): Promise<RegExpMatchArray>;
}

export async function startCli(args: readonly string[], env: Record<string, string>, command: readonly string[] = []): Promise<CliRun> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'paperbot-cli-'));
  // tsx's loader by absolute URL: the child runs in an empty directory, where a bare `tsx` would not resolve.
  const loader = pathToFileURL(path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const node = [process.execPath, '--import', loader, path.join(REPO_ROOT, 'src', 'cli', 'papers.ts'), ...args];
  const [file, ...rest] = command.length > 0 ? [...command, ...node] : node;
  const child = spawn(file!, rest, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  const listeners = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => {
    output.stderr += chunk.toString('utf8');
    for (const listener of listeners) listener();
  });
  const finished = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, ...output })),
  );
  const waitForStderr = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = output.stderr.match(pattern);
        if (match === null) return;
        listeners.delete(check);
        resolve(match);
      };
      listeners.add(check);
      check();
      void finished.then(() => {
        listeners.delete(check);
        reject(new Error(`the CLI ended before stderr matched ${pattern}:\n${output.stderr}`));
      });
    });
  return { child, output, finished, waitForStderr };
}
