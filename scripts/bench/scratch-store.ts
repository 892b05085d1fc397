/**
 * A throwaway copy of a benchmark store, for whatever changes it (papers
 * added, a bot's own services) so the cached store stays as built. Copied
 * as files: the caller makes sure no process has the store open (every
 * probe has exited, every engine in this process is closed), so the files
 * are consistent.
 */
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { DB_FILE } from '../../src/store/data-dir.js';

export interface ScratchStore {
  readonly dataDir: string;
  /** An empty SEEDS_DIR of its own, for dumps the measurement writes. */
  readonly seedsDir: string;
  remove(): Promise<void>;
}

const STORE_FILE = new RegExp(`^(${DB_FILE.replace('.', '\\.')}(-wal|-shm)?|.*\\.hnsw)$`);

export async function scratchCopy(fromDataDir: string, root: string): Promise<ScratchStore> {
  const dataDir = path.join(root, 'data');
  const seedsDir = path.join(root, 'seeds');
  await rm(root, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  await mkdir(seedsDir, { recursive: true });
  for (const name of await readdir(fromDataDir)) {
    if (STORE_FILE.test(name)) await copyFile(path.join(fromDataDir, name), path.join(dataDir, name));
  }
  return { dataDir, seedsDir, remove: () => rm(root, { recursive: true, force: true }) };
}
