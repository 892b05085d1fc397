/** Runs bot/main.ts or bot/deploy-commands.ts as a real child process, as `npm start` would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../support/test-engine.js';

const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

export interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Running {
  readonly child: ChildProcess;
  readonly output: { stdout: string; stderr: string };
  readonly finished: Promise<Finished>;
}

/**
 * Starts `tsx bot/<script>` with exactly `env` (plus PATH/HOME) in an empty
 * directory, so no developer's .env can leak in.
 */
export async function runEntryPoint(script: 'main.ts' | 'deploy-commands.ts', env: Record<string, string>): Promise<Running> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'paperbot-entry-'));
  const child = spawn(TSX, [path.join(REPO_ROOT, 'bot', script)], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output.stderr += chunk.toString('utf8')));
  const finished = new Promise<Finished>((resolve) => child.on('close', (code) => resolve({ code, ...output })));
  return { child, output, finished };
}
