/**
 * The papers' HNSW index as the engine uses it: loaded from the file saved
 * next to the database, then brought up to date from the store, updated in
 * place as papers are embedded or removed, and saved again in the background.
 *
 * The store is the truth; the file is a checkpoint of it. The database's meta
 * table names the file, its sha256, and the last embedding `seq` it holds, so
 * a restart adds exactly what came after (embeddings carry a per-model seq).
 * A file that is missing, of the wrong kind, or fails its checksum is rebuilt
 * from the stored vectors in a worker thread — never re-embedded, never on
 * the main thread; searches meanwhile find nothing dense (the engine answers
 * from the lexical side and says so).
 */
import { randomUUID } from 'node:crypto';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { Vector } from '../embedding/embedder.js';
import type { Logger } from '../logger.js';
import { sha256File } from '../storage/file-hash.js';
import type { Store } from '../store/store.js';
import { errorCode } from '../store/store-error.js';
import { systemClock, type Clock, type Timer } from '../clock.js';
import { timeSlicer } from '../time-slice.js';
import { buildIndexInWorker } from './build-vector-index.js';
import { createHnswIndex, loadHnswIndex } from './hnsw-index.js';
import type { Neighbour, VectorIndex } from './vector-index.js';

/** Wait this long after the last change before saving, so a burst of papers is one save. */
export const SAVE_DELAY_MS = 5_000;
/** Catch-up reads the store this many vectors at a time. */
const CATCH_UP_PAGE = 500;

const metaSchema = z.object({
  version: z.literal(1),
  file: z.string().regex(/^paperbot\.[A-Za-z0-9._-]+\.[0-9a-f]{16}\.hnsw$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  dimension: z.number().int().positive(),
  /** Highest embedding seq the file holds. */
  seq: z.number().int().nonnegative(),
  /** Labels the file holds as deleted (hnswlib keeps them in its id list). */
  deleted: z.array(z.number().int()),
});
type IndexMeta = z.infer<typeof metaSchema>;

export type VectorIndexStatus = 'ready' | 'rebuilding';

export interface PaperVectorIndexDeps {
  readonly store: Store;
  readonly dbFile: string;
  readonly dataDir: string;
  readonly modelId: string;
  readonly dimension: number;
  readonly logger: Logger;
  /** Only the process holding the writer lease saves the graph; readers keep theirs in memory. */
  readonly writer: boolean;
  readonly clock?: Clock;
  readonly saveDelayMs?: number;
}

const slug = (modelId: string): string => modelId.replace(/[^A-Za-z0-9._-]+/g, '_');
const metaKey = (modelId: string): string => `vector-index:${modelId}`;

export class PaperVectorIndex {
  #index: VectorIndex;
  #status: VectorIndexStatus;
  #seq: number;
  #deleted = new Set<number>();
  #dirty = false;
  #closed = false;
  /** Cleared when this process loses the writer lease: from then on the graph lives in memory only. */
  #writing: boolean;
  #saveTimer: Timer | null = null;
  /** Mutations and saves run one at a time: hnswlib must not be changed while it writes a file. */
  #chain: Promise<unknown> = Promise.resolve();
  /** Resolves once a rebuild (if one was needed) has finished. */
  readonly ready: Promise<void>;

  private constructor(
    private readonly deps: PaperVectorIndexDeps,
    index: VectorIndex,
    seq: number,
    rebuilding: boolean,
  ) {
    this.#index = index;
    this.#seq = seq;
    this.#writing = deps.writer;
    this.#status = rebuilding ? 'rebuilding' : 'ready';
    this.ready = rebuilding ? this.exclusive(() => this.rebuild()) : Promise.resolve();
    this.ready.catch((error: unknown) => deps.logger.error({ err: error }, 'vector index: rebuild failed; dense search stays off'));
  }

  /** Loads the saved graph when it checks out; otherwise starts a rebuild in the background and returns at once. */
  static async open(deps: PaperVectorIndexDeps): Promise<PaperVectorIndex> {
    const loaded = await loadSaved(deps);
    if (loaded !== null) {
      const opened = new PaperVectorIndex(deps, loaded.index, loaded.meta.seq, false);
      for (const label of loaded.meta.deleted) opened.#deleted.add(label);
      await opened.reconcile();
      return opened;
    }
    const nothingStored = (await deps.store.embeddings.lastSeq(deps.modelId)) === 0;
    return new PaperVectorIndex(deps, createHnswIndex(deps.dimension, 0), 0, !nothingStored);
  }

  get status(): VectorIndexStatus {
    return this.#status;
  }

  get size(): number {
    return this.#index.size;
  }

  has(label: number): boolean {
    return this.#index.has(label);
  }

  search(vector: Vector, k: number, accept?: (label: number) => boolean): Neighbour[] {
    return this.#index.search(vector, k, accept);
  }

  vector(label: number): Vector | undefined {
    return this.#index.vector(label);
  }

  /** Applies every embedding the store holds beyond this index's seq (after a batch was embedded, here or by another process). */
  catchUp(): Promise<number> {
    return this.exclusive(() => this.applyNew());
  }

  /** Catches up, then drops labels the store no longer has (papers removed since the graph was saved). */
  reconcile(): Promise<number> {
    return this.exclusive(() => this.reconcileNow());
  }

  private async reconcileNow(): Promise<number> {
    let applied = await this.applyNew();
    if (this.#status === 'rebuilding' || this.#closed) return applied;
    const stored = new Set(await this.deps.store.embeddings.labels(this.deps.modelId));
    for (const label of this.#index.labels()) {
      if (stored.has(label)) continue;
      this.#index.remove(label);
      this.#deleted.add(label);
      applied++;
    }
    // The other way too: a label the store has and the graph lacks (a record that lied about it, a seq
    // given again before the counter was kept) would otherwise stay out of dense search for good.
    const missing = [...stored].filter((label) => !this.#index.has(label));
    const slice = timeSlicer();
    for (const { label, vector } of await this.deps.store.embeddings.documentsOf(this.deps.modelId, missing)) {
      this.#index.add(label, vector);
      this.#deleted.delete(label);
      applied++;
      await slice();
    }
    if (applied > 0) this.changed();
    return applied;
  }

  private async applyNew(): Promise<number> {
    if (this.#status === 'rebuilding' || this.#closed) return 0;
    let applied = 0;
    const slice = timeSlicer();
    for (;;) {
      const page = await this.deps.store.embeddings.documentsSince(this.deps.modelId, this.#seq, CATCH_UP_PAGE);
      for (const { label, seq, vector } of page) {
        this.#index.add(label, vector);
        this.#deleted.delete(label);
        this.#seq = seq;
        applied++;
        await slice();
      }
      if (page.length < CATCH_UP_PAGE) break;
    }
    if (applied > 0) this.changed();
    return applied;
  }

  /** Drops papers that were removed from the store (their labels are never reused). */
  remove(labels: readonly number[]): Promise<void> {
    return this.exclusive(async () => {
      let removed = 0;
      for (const label of labels) {
        if (!this.#index.has(label)) continue;
        this.#index.remove(label);
        this.#deleted.add(label);
        removed++;
      }
      if (removed > 0) this.changed();
    });
  }

  /** Writes the graph now if it changed (writer only): temp file, checksum, rename, then the meta row names it. */
  save(): Promise<void> {
    return this.exclusive(() => this.writeFile());
  }

  /** Another process writes the store now: never save the graph again (it keeps answering from memory). */
  stopWriting(): void {
    this.#writing = false;
    this.#saveTimer?.cancel();
  }

  /** Saves what changed and stops scheduling saves. */
  async close(): Promise<void> {
    this.#saveTimer?.cancel();
    await this.save().catch((error: unknown) => this.deps.logger.error({ err: error }, 'vector index: final save failed'));
    this.#closed = true;
  }

  private changed(): void {
    this.#dirty = true;
    if (!this.#writing || this.#closed) return;
    this.#saveTimer?.cancel();
    const clock = this.deps.clock ?? systemClock;
    this.#saveTimer = clock.setTimer(() => this.save().catch((error: unknown) => this.deps.logger.error({ err: error }, 'vector index: save failed')), this.deps.saveDelayMs ?? SAVE_DELAY_MS);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(work, work);
    this.#chain = run.catch(() => undefined);
    return run;
  }

  private async rebuild(): Promise<void> {
    const { deps } = this;
    const started = performance.now();
    const out = deps.writer
      ? path.join(deps.dataDir, `.paperbot.${slug(deps.modelId)}.${randomUUID()}.hnsw.tmp`)
      : path.join(os.tmpdir(), `paperbot-${process.pid}-${randomUUID()}.hnsw`);
    deps.logger.info({ model: deps.modelId }, 'vector index: rebuilding from stored vectors (no re-embedding)');
    try {
      const built = await buildIndexInWorker({ dbFile: deps.dbFile, modelId: deps.modelId, dimension: deps.dimension, outFile: out });
      this.#index = await loadHnswIndex(out, deps.dimension);
      this.#seq = built.seq;
      this.#deleted.clear();
      this.#status = 'ready';
      deps.logger.info({ vectors: built.count, ms: Math.round(performance.now() - started) }, 'vector index: rebuilt');
      if (this.#writing) {
        this.#dirty = true;
        await this.publish(out);
      }
    } finally {
      await rm(out, { force: true });
    }
    // Whatever was embedded while the worker built, and rows the worker could not decode (deleted here, so their
    // papers are pending again), before `ready` resolves.
    await this.reconcileNow().catch((error: unknown) => deps.logger.error({ err: error }, 'vector index: catch-up after the rebuild failed'));
  }

  private async writeFile(): Promise<void> {
    if (!this.#dirty || !this.#writing || this.#status !== 'ready') return;
    const temp = path.join(this.deps.dataDir, `.paperbot.${slug(this.deps.modelId)}.${randomUUID()}.hnsw.tmp`);
    try {
      await this.#index.save(temp);
      await this.publish(temp);
    } finally {
      await rm(temp, { force: true });
    }
  }

  /** Names a complete graph file by its checksum, records it in the store, then removes older graphs. */
  private async publish(temp: string): Promise<void> {
    const { deps } = this;
    const sha256 = await sha256File(temp);
    const file = `paperbot.${slug(deps.modelId)}.${sha256.slice(0, 16)}.hnsw`;
    await rename(temp, path.join(deps.dataDir, file));
    const meta: IndexMeta = { version: 1, file, sha256, dimension: deps.dimension, seq: this.#seq, deleted: [...this.#deleted] };
    await deps.store.meta.set(metaKey(deps.modelId), JSON.stringify(meta));
    this.#dirty = false;
    const prefix = `paperbot.${slug(deps.modelId)}.`;
    for (const name of await readdir(deps.dataDir)) {
      if (name.startsWith(prefix) && name.endsWith('.hnsw') && name !== file) await rm(path.join(deps.dataDir, name), { force: true, recursive: true });
    }
  }
}

/** The saved graph, if its meta row, file kind, checksum and dimension all agree; null (with the reason logged) otherwise. */
async function loadSaved(deps: PaperVectorIndexDeps): Promise<{ index: VectorIndex; meta: IndexMeta } | null> {
  const raw = await deps.store.meta.get(metaKey(deps.modelId));
  if (raw === undefined) return null;
  const reject = (reason: string): null => {
    deps.logger.warn({ reason }, 'vector index: saved graph unusable, rebuilding it from stored vectors');
    return null;
  };
  let meta: IndexMeta;
  try {
    meta = metaSchema.parse(JSON.parse(raw));
  } catch {
    return reject('its record in the store is not valid');
  }
  if (meta.dimension !== deps.dimension) return reject(`it holds ${meta.dimension}-d vectors, the model makes ${deps.dimension}-d`);
  const file = path.join(deps.dataDir, meta.file);
  try {
    const info = await stat(file);
    if (!info.isFile()) {
      // A directory (or worse) where the graph belongs: kept aside for a human, never read.
      const aside = `${file}.wrong-kind-${Date.now()}`;
      await rename(file, aside);
      return reject(`${meta.file} is not a file (moved to ${path.basename(aside)})`);
    }
  } catch (error) {
    return reject(errorCode(error) === 'ENOENT' ? `${meta.file} is missing` : `${meta.file} cannot be read (${errorCode(error) ?? String(error)})`);
  }
  if ((await sha256File(file)) !== meta.sha256) return reject(`${meta.file} fails its checksum`);
  try {
    return { index: await loadHnswIndex(file, deps.dimension, meta.deleted), meta };
  } catch (error) {
    return reject(`${meta.file} cannot be loaded (${error instanceof Error ? error.message : String(error)})`);
  }
}
