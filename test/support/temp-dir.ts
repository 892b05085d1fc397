/** Temporary directories for tests, each under the system temp dir, removed by `removeTemps`. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const made: string[] = [];

export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `paperbot-${prefix}-`));
  made.push(dir);
  return dir;
}

/** Removes every directory `tempDir` made so far in this test file. */
export async function removeTemps(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}
