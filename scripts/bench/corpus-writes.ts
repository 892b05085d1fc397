/**
 * The three timed parts of building the synthetic store, each through the
 * engine's own write path: papers (as sync-dumps writes a dump), embeddings
 * (as background embedding commits them) and the HNSW graph (as the vector
 * index rebuilds it from stored vectors).
 */
import path from 'node:path';
import { mergePapers } from '../../src/corpus/merge-papers.js';
import type { ListingEntry } from '../../src/corpus/parse-listing.js';
import { paperId } from '../../src/corpus/paper-id.js';
import type { Embedder, Vector } from '../../src/embedding/embedder.js';
import { PaperVectorIndex } from '../../src/index/paper-vector-index.js';
import { BATCH_PAPERS } from '../../src/ingest/embed-pending.js';
import { SYNC_CHUNK } from '../../src/ingest/sync-dumps.js';
import type { Logger } from '../../src/logger.js';
import { paperTexts, paperWrite, type PaperTexts } from '../../src/search/paper-texts.js';
import { DB_FILE } from '../../src/store/data-dir.js';
import type { EmbeddingJob, EmbeddingWrite, Store } from '../../src/store/store.js';

/**
 * Entries per synthetic dump file. No dump_files row is written: there is
 * no such file in the store's SEEDS_DIR, and a recorded file that is gone
 * would take its papers with it at the next sync.
 */
const FILE_ENTRIES = 1_000;
const NOW = new Date('2025-06-11T00:00:00Z');

/** A line each tenth of the way: the build takes minutes. */
function progress(what: string, total: number): (done: number) => void {
  const started = performance.now();
  let lastTenth = 0;
  return (done) => {
    const tenth = Math.floor((done / total) * 10);
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    console.log(`    ${what}: ${done}/${total} (${Math.round(performance.now() - started)} ms)`);
  };
}

/** Papers and their FTS rows: `texts` is paperWrite (hash and lexical terms), `apply` the transactions. */
export async function writePapers(store: Store, entries: readonly ListingEntry[]): Promise<{ texts: number; apply: number; total: number }> {
  let texts = 0;
  let apply = 0;
  const report = progress('papers', entries.length);
  for (let start = 0; start < entries.length; start += FILE_ENTRIES) {
    const file = `synthetic-${String(start / FILE_ENTRIES).padStart(4, '0')}.txt`;
    const slice = entries.slice(start, start + FILE_ENTRIES);
    let t = performance.now();
    const writes = mergePapers([{ file, entries: slice }]).map(paperWrite);
    const sources = slice.map((entry) => ({ paperId: paperId(entry.title), file, entry }));
    texts += performance.now() - t;
    t = performance.now();
    for (let i = 0; i < writes.length; i += SYNC_CHUNK) {
      await store.papers.apply({
        replaceSourcesOf: i === 0 ? file : null,
        sources: i === 0 ? sources : [],
        dumpFile: null,
        upsert: writes.slice(i, i + SYNC_CHUNK),
        remove: [],
        now: NOW,
      });
    }
    apply += performance.now() - t;
    report(start + slice.length);
  }
  return { texts: Math.round(texts), apply: Math.round(apply), total: Math.round(texts + apply) };
}

/** The vectors of a batch (each paper's document, then its sentences, in order) as the rows `embeddings.save` takes. */
export function embeddingWrites(jobs: readonly EmbeddingJob[], texts: readonly PaperTexts[], vectors: readonly Vector[]): EmbeddingWrite[] {
  let offset = 0;
  return jobs.map((job, i) => {
    const [document, ...sentences] = vectors.slice(offset, (offset += 1 + texts[i]!.sentences.length));
    if (document === undefined) throw new Error(`No vector for paper ${job.paperId}`);
    return { paperId: job.paperId, textHash: job.textHash, vectors: { document, sentences } };
  });
}

/** Background embedding's loop, without the model: pending → texts → (hash) vectors → one transaction per batch. */
export async function writeEmbeddings(store: Store, hash: Embedder) {
  const ms = { pending: 0, texts: 0, hash: 0, save: 0 };
  const report = progress('embeddings', await store.papers.count());
  let cursor = 0;
  let done = 0;
  let textCount = 0;
  for (;;) {
    let t = performance.now();
    const jobs = await store.embeddings.pending(hash.modelId, cursor, BATCH_PAPERS);
    ms.pending += performance.now() - t;
    if (jobs.length === 0) break;
    t = performance.now();
    const texts = jobs.map((job) => paperTexts(job));
    const flat = texts.flatMap((x) => [x.document, ...x.sentences]);
    ms.texts += performance.now() - t;
    t = performance.now();
    const vectors = await hash.embedDocuments(flat);
    ms.hash += performance.now() - t;
    t = performance.now();
    await store.embeddings.save(hash.modelId, embeddingWrites(jobs, texts, vectors));
    ms.save += performance.now() - t;
    cursor = jobs.at(-1)!.label;
    done += jobs.length;
    textCount += flat.length;
    report(done);
  }
  const r = Math.round;
  return { ms: { pending: r(ms.pending), texts: r(ms.texts), hash: r(ms.hash), save: r(ms.save), storeTotal: r(ms.pending + ms.texts + ms.save) }, texts: textCount };
}

/** The HNSW graph, as the vector index builds it when it finds none saved: in a worker, from the stored vectors. */
export async function buildVectorIndex(store: Store, hash: Embedder, dataDir: string, logger: Logger): Promise<number> {
  const started = performance.now();
  const vectors = await PaperVectorIndex.open({
    store, dbFile: path.join(dataDir, DB_FILE), dataDir, modelId: hash.modelId, dimension: hash.dimension, logger, writer: true,
  });
  await vectors.ready;
  const ms = Math.round(performance.now() - started);
  if (vectors.status !== 'ready') throw new Error('The vector index did not finish building');
  await vectors.close();
  return ms;
}
