/**
 * Background embedding: batches committed one transaction each, so a crash
 * loses at most the batch in flight and the next run resumes; a full disk
 * pauses it with the real cause and it tries again later.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/embedding/embedder.js';
import { createHashEmbedder } from '../../src/embedding/hash-embedder.js';
import { PaperVectorIndex } from '../../src/index/paper-vector-index.js';
import { EmbedPending, RETRY_MS } from '../../src/ingest/embed-pending.js';
import { syncDumps } from '../../src/ingest/sync-dumps.js';
import { silentLogger } from '../../src/logger.js';
import { DB_FILE } from '../../src/store/data-dir.js';
import type { Store } from '../../src/store/store.js';
import { ManualClock } from '../support/manual-clock.js';
import { SEEDS_DIR } from '../support/test-engine.js';
import { openTempStore } from '../store/store-fixture.js';

/** The hash embedder, dying after `batches` successful calls, as a process killed mid-run would. */
function dyingAfter(batches: number, inner: Embedder = createHashEmbedder()): Embedder & { calls: number } {
  const embedder = {
    ...inner,
    calls: 0,
    async embedDocuments(texts: readonly string[]) {
      if (embedder.calls++ >= batches) throw new Error('killed');
      return inner.embedDocuments(texts);
    },
  };
  return embedder;
}

async function seeded(): Promise<{ store: Store; dataDir: string }> {
  const opened = await openTempStore();
  await syncDumps(opened.store, SEEDS_DIR, { now: () => new Date() });
  return opened;
}

async function run(store: Store, dataDir: string, embedder: Embedder, clock = new ManualClock('2026-05-01T00:00:00Z')) {
  const vectors = await PaperVectorIndex.open({ store, dbFile: path.join(dataDir, DB_FILE), dataDir, modelId: embedder.modelId, dimension: embedder.dimension, logger: silentLogger, writer: true });
  const progress: [number, number][] = [];
  const ingest = new EmbedPending({ store, embedder, vectors, logger: silentLogger, batchPapers: 16, clock, onProgress: ({ done, total }) => progress.push([done, total]) });
  ingest.kick();
  await ingest.idle();
  return { ingest, vectors, progress, clock };
}

describe('EmbedPending on the 210 seed papers', () => {
  it('GIVEN a clean run THEN every paper is embedded in batches of 16, committed as it goes, and the vector index holds them all', async () => {
    const { store, dataDir } = await seeded();
    const { vectors, progress, ingest } = await run(store, dataDir, createHashEmbedder());
    expect(await store.embeddings.count(createHashEmbedder().modelId)).toBe(210);
    expect(vectors.size).toBe(210);
    expect(progress[0]).toEqual([0, 210]);
    expect(progress.at(-1)).toEqual([210, 210]);
    expect(progress).toHaveLength(1 + Math.ceil(210 / 16));
    expect([ingest.diskProblem, ingest.embeddingProblem]).toEqual([null, null]);
  });

  // kill -9 at 50 % or 90 % of a cold start saved nothing: the rerun embedded all 210 papers again.
  it('regression: killed after 8 of 14 batches THEN 128 papers are stored, and the next run embeds only the other 82', async () => {
    const { store, dataDir } = await seeded();
    const dying = dyingAfter(8);
    const first = await run(store, dataDir, dying);
    expect(first.ingest.embeddingProblem).toMatch(/killed/);
    expect(first.ingest.diskProblem).toBeNull();
    expect(await store.embeddings.count(dying.modelId)).toBe(128);
    await first.vectors.close();
    const counting = dyingAfter(Infinity);
    const second = await run(store, dataDir, counting);
    expect(second.progress[0]).toEqual([0, 82]);
    expect(counting.calls).toBe(Math.ceil(82 / 16));
    expect(await store.embeddings.count(counting.modelId)).toBe(210);
  });

  it('GIVEN the disk fills while vectors are stored THEN embedding pauses with the real cause, and resumes on its own once writes work', async () => {
    const { store, dataDir } = await seeded();
    let full = true;
    const save = store.embeddings.save.bind(store.embeddings);
    const failingStore: Store = {
      ...store,
      embeddings: {
        ...store.embeddings,
        save: async (modelId, rows) => {
          if (full) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
          return save(modelId, rows);
        },
      },
    };
    const { ingest, clock } = await run(failingStore, dataDir, createHashEmbedder());
    expect(ingest.diskProblem).toMatch(/disk is full \(SQLITE_FULL\)/);
    expect(ingest.embeddingProblem).toBeNull();
    expect(await store.embeddings.count(createHashEmbedder().modelId)).toBe(0);
    full = false;
    await clock.advanceBy(RETRY_MS);
    await ingest.idle();
    expect(ingest.diskProblem).toBeNull();
    expect(await store.embeddings.count(createHashEmbedder().modelId)).toBe(210);
  });

  it('GIVEN stop() while embedding THEN it ends after the batch in flight, and what was committed stays', async () => {
    const { store, dataDir } = await seeded();
    const embedder = createHashEmbedder();
    const vectors = await PaperVectorIndex.open({ store, dbFile: path.join(dataDir, DB_FILE), dataDir, modelId: embedder.modelId, dimension: embedder.dimension, logger: silentLogger, writer: true });
    let batches = 0;
    const ingest: EmbedPending = new EmbedPending({ store, embedder, vectors, logger: silentLogger, batchPapers: 16, onEmbedded: () => void (++batches === 3 && ingest.stop()) });
    ingest.kick();
    await ingest.idle();
    expect(await store.embeddings.count(embedder.modelId)).toBe(48);
  });

  // Adding one paper to a 100,000-paper store re-counted and re-scanned every paper before it (0.3 s of blocked loop).
  it('regression: a kick after a label looks only at the papers above it, and a plain kick at all of them', async () => {
    const { store, dataDir } = await seeded();
    const embedder = createHashEmbedder();
    const { ingest } = await run(store, dataDir, embedder);
    const labels = (await store.papers.summaries()).map((p) => p.label);
    const [low, high] = [labels[9]!, labels[199]!];
    const db = new Database(path.join(dataDir, DB_FILE));
    db.prepare("UPDATE embeddings SET text_hash = 'stale' WHERE paper_id IN (SELECT id FROM papers WHERE label IN (?, ?))").run(low, high);
    db.close();
    const asked: number[] = [];
    const pending = store.embeddings.pending.bind(store.embeddings);
    store.embeddings.pending = async (modelId, after, limit, through) => (asked.push(after), pending(modelId, after, limit, through));
    expect(await store.embeddings.count(embedder.modelId)).toBe(208);

    ingest.kick(high - 1);
    await ingest.idle();
    expect(await store.embeddings.count(embedder.modelId)).toBe(209);
    expect(Math.min(...asked)).toBe(high - 1);

    ingest.kick();
    await ingest.idle();
    expect(await store.embeddings.count(embedder.modelId)).toBe(210);
    expect(Math.min(...asked)).toBe(0);
  });
});
