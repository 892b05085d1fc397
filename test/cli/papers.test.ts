/**
 * The real entry point in a child process, as `npm run papers` runs it: proves
 * the wiring of argv, stdout, stderr and the exit code (the in-process tests
 * cover behaviour). The child reads the shared embedding cache, so it starts warm.
 */
import { execFile, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, SHARED_DATA_DIR } from '../support/test-engine.js';
import { STACK_LINE } from './cli-harness.js';

const run = promisify(execFile);
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

interface ChildResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function papers(args: readonly string[]): Promise<ChildResult> {
  // The child's environment is this process's, pointed at the warm cache; no .env is needed.
  const env = { ...process.env, DATA_DIR: SHARED_DATA_DIR, LOG_LEVEL: '' };
  try {
    const { stdout, stderr } = await run(TSX, ['src/cli/papers.ts', ...args], { cwd: REPO_ROOT, env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('papers.ts in a child process', () => {
  it('GIVEN about "model merging" --json THEN one JSON line on stdout, nothing on stderr, exit 0', async () => {
    const child = await papers(['about', 'model merging', '--json']);
    expect(child.stderr).toBe('');
    expect(child.code).toBe(0);
    const lines = child.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const response = JSON.parse(lines[0] ?? '') as { query: string; results: { title: string }[] };
    expect(response.query).toBe('model merging');
    expect(response.results.map((hit) => hit.title)).toContain('Twin-Merging: Dynamic Integration of Modular Expertise in Model Merging');
  });

  it('GIVEN an unknown command THEN the process exits 2 with a usage hint and no stack', async () => {
    const child = await papers(['frobnicate']);
    expect(child.code).toBe(2);
    expect(child.stdout).toBe('');
    expect(child.stderr).toMatch(/^paperbot: Unknown command "frobnicate"/);
    expect(child.stderr).not.toMatch(STACK_LINE);
  });

  it('regression: GIVEN a directory as stdin (`< /tmp`) THEN batch mode exits 2 saying so (Node reads it as empty: exit 0, nothing said)', async () => {
    const directory = openSync(os.tmpdir(), 'r');
    try {
      const child = spawn(TSX, ['src/cli/papers.ts', 'about'], { cwd: REPO_ROOT, env: { ...process.env, DATA_DIR: SHARED_DATA_DIR, LOG_LEVEL: '' }, stdio: [directory, 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (data: Buffer) => (stdout += data.toString()));
      child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: 'paperbot: standard input is a directory (EISDIR): give a file of queries, one per line.\n' });
    } finally {
      closeSync(directory);
    }
  });
});
