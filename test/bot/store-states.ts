/**
 * Stores in the states the bot and the CLI must cope with, made for real:
 *
 * - still indexing: a fresh DATA_DIR over two small real listings
 *   (test/fixtures/engine/, five papers), the real model, and document
 *   embedding held until `release()`. Queries are embedded at once, so the
 *   engine answers from words alone meanwhile — as it does for the minutes a
 *   cold start or a large new dump takes;
 * - held by another process: the writer lease taken in a DATA_DIR by a live
 *   child process, as another paperbot would hold it.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Embedder } from '../../src/embedding/embedder.js';
import { silentLogger } from '../../src/logger.js';
import { createEmbedder, openEngine, type OpenedEngine } from '../../src/search/create-engine.js';
import { DB_FILE } from '../../src/store/data-dir.js';
import { createLeaseRepository } from '../../src/store/sqlite/lease-repository.js';
import { tempDir } from '../support/temp-dir.js';
import { REPO_ROOT, testConfig } from '../support/test-engine.js';

const FIXTURE_LISTINGS = path.join(REPO_ROOT, 'test', 'fixtures', 'engine');
/** Unique papers in the two fixture listings. */
export const HELD_PAPERS = 5;

export interface HeldEngine extends OpenedEngine {
  readonly dataDir: string;
  readonly seedsDir: string;
  /** Lets the background embedding go on; `engine.indexed()` then resolves. */
  release(): void;
  /**
   * Closes the engine (not the model it was given). Embedding not yet
   * released is abandoned: those papers stay without vectors in the store.
   */
  close(): Promise<void>;
}

/**
 * The real model in its worker, for every engine of one test file: pass it
 * as `embedder` and close it last. One worker per process on purpose:
 * starting and closing a second model worker while one runs can crash the
 * process (heap corruption in onnxruntime), and a process whose last model
 * worker exited cannot load the model again ("Module did not self-register").
 */
export function testModel(): Promise<Embedder> {
  return createEmbedder(testConfig(), silentLogger);
}

/**
 * `model` lent to an engine: everything passes through but `close()`, which
 * only calls `onClose`. The owner closes the model; an engine must never
 * close an embedder it was given.
 */
export function lent(model: Embedder, onClose: () => void = () => undefined): Embedder {
  return {
    modelId: model.modelId,
    dimension: model.dimension,
    embedDocuments: (texts, options) => model.embedDocuments(texts, options),
    embedQuery: (text) => model.embedQuery(text),
    close: async () => onClose(),
  };
}

/** `model` lent, with `embedDocuments` waiting for `gate` (and failing if it is abandoned). */
function heldEmbedder(model: Embedder, gate: Promise<void>): Embedder {
  const inner = lent(model);
  return {
    ...inner,
    async embedDocuments(texts, options) {
      await gate;
      return inner.embedDocuments(texts, options);
    },
  };
}

/** A seeds directory with copies of the fixture listings. */
async function fixtureSeeds(): Promise<string> {
  const dir = await tempDir('seeds');
  for (const file of await readdir(FIXTURE_LISTINGS)) {
    if (file.endsWith('.txt')) await copyFile(path.join(FIXTURE_LISTINGS, file), path.join(dir, file));
  }
  return dir;
}

/** An engine over five papers embedded by `model`, none of them until `release()`. Remove its dirs with `removeTemps`. */
export async function heldEmbeddingEngine(model: Embedder): Promise<HeldEngine> {
  const seedsDir = await fixtureSeeds();
  const dataDir = await tempDir('data');
  const config = testConfig({ DATA_DIR: dataDir, SEEDS_DIR: seedsDir });
  let release: () => void = () => undefined;
  let abandon: () => void = () => undefined;
  const gate = new Promise<void>((resolve, reject) => {
    release = resolve;
    abandon = () => reject(new Error('embedding abandoned: the test closed the engine'));
  });
  gate.catch(() => undefined);
  const opened = await openEngine(config, silentLogger, { embedder: heldEmbedder(model, gate), processKind: 'test' });
  return {
    ...opened,
    dataDir,
    seedsDir,
    release,
    async close() {
      abandon();
      await opened.engine.close();
    },
  };
}

/** A live process holding the writer lease of `dataDir`; `stop()` ends it (its lease is then stale). */
export interface ForeignWriter {
  readonly pid: number;
  readonly kind: string;
  stop(): Promise<void>;
}

/** Starts an idle child process and writes the lease in its name, as another paperbot `kind` would. */
export async function foreignWriter(dataDir: string, kind: string): Promise<ForeignWriter> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await once(child, 'spawn');
  const pid = child.pid;
  if (pid === undefined) throw new Error('the child process has no pid');
  const db = new Database(path.join(dataDir, DB_FILE));
  try {
    const taken = await createLeaseRepository(db, { pid }).acquire(kind);
    if (!taken.acquired) throw new Error(`the lease of ${dataDir} is held already`);
  } finally {
    db.close();
  }
  return {
    pid,
    kind,
    async stop() {
      const exited = once(child, 'exit');
      child.kill();
      await exited;
    },
  };
}
