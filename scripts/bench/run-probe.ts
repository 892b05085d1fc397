/**
 * Runs the probe in a fresh Node process and times it from the parent's side
 * too: `wallMs` is spawn → the probe's JSON line arriving. The child's own
 * progress goes to stderr, which is passed through.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './bench-env.js';
import type { ProbeArgs, ProbeMode, ProbeResult } from './probe-types.js';

const PROBE = path.join(REPO_ROOT, 'scripts', 'bench', 'start-probe.ts');

export interface ProbeRun<T extends ProbeResult> {
  /** Spawn → the result line received. */
  readonly wallMs: number;
  readonly result: T;
}

/** Resolves once the probe has exited (so runs never overlap), with the time its result line arrived. */
export function runProbe<M extends ProbeMode>(mode: M, args: ProbeArgs[M]): Promise<ProbeRun<Extract<ProbeResult, { mode: M }>>> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // `node --import tsx` rather than the tsx CLI, which would start a second Node process first.
    const child = spawn(process.execPath, ['--import', 'tsx', PROBE, mode, JSON.stringify(args)], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    let wallMs: number | null = null;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (wallMs === null && stdout.includes('\n')) wallMs = Math.round(performance.now() - started);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n')[0] ?? '';
      if (wallMs === null || code !== 0) {
        reject(new Error(`The ${mode} probe exited with code ${String(code)}; it printed: ${line.slice(0, 200) || '(nothing)'}`));
        return;
      }
      try {
        resolve({ wallMs, result: JSON.parse(line) as Extract<ProbeResult, { mode: M }> });
      } catch (error) {
        reject(new Error(`The ${mode} probe printed something that is not JSON: ${line.slice(0, 200)}`, { cause: error }));
      }
    });
  });
}
