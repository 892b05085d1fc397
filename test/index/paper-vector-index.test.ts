/**
 * The vector index checkpointed beside the store: loaded when its file
 * checks out, caught up from the store by seq, rebuilt from stored vectors
 * (in a worker, never re-embedded) when it does not.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { PaperVectorIndex } from '../../src/index/paper-vector-index.js';
import { sha256File } from '../../src/storage/file-hash.js';
import { silentLogger } from '../../src/logger.js';
import { DB_FILE } from '../../src/store/data-dir.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { privateDataDir } from '../support/test-engine.js';
import { DIMENSION, MODEL_ID, sharedDocumentVectors } from './shared-vectors.js';

const opened: { store: Store; index?: PaperVectorIndex }[] = [];
afterEach(async () => {
  for (const { store, index } of opened.splice(0)) {
    await index?.close();
    await store.close();
  }
});

const hnswFiles = async (dir: string) => (await readdir(dir)).filter((name) => name.endsWith('.hnsw'));

async function open(dataDir: string, writer = true, saveDelayMs = 60_000) {
  const { store } = await openStore({ dataDir, logger: silentLogger, kind: 'test' });
  const index = await PaperVectorIndex.open({ store, dbFile: path.join(dataDir, DB_FILE), dataDir, modelId: MODEL_ID, dimension: DIMENSION, logger: silentLogger, writer, saveDelayMs });
  opened.push({ store, index });
  return { store, index };
}

const vectors = sharedDocumentVectors();
const query = [...vectors.values()][42]!;

describe('GIVEN a store with 210 embedded papers and its saved graph', () => {
  it('THEN the graph loads ready at once, holding every paper, and answers like an exact search at the top', async () => {
    const { index } = await open(await privateDataDir());
    expect(index.status).toBe('ready');
    expect(index.size).toBe(210);
    const [first] = index.search(query, 1);
    expect(first?.similarity).toBeCloseTo(1, 4);
  });

  it('WHEN the graph file is deleted THEN it is rebuilt from the stored vectors in the background, saved, and answers the same', async () => {
    const dataDir = await privateDataDir();
    const reference = (await open(dataDir)).index.search(query, 10).map((n) => n.label);
    await opened.at(-1)!.index!.close();
    for (const file of await hnswFiles(dataDir)) await rm(path.join(dataDir, file));
    const { index } = await open(dataDir);
    expect(index.status).toBe('rebuilding');
    expect(index.search(query, 10)).toEqual([]);
    await index.ready;
    expect(index.status).toBe('ready');
    expect(index.size).toBe(210);
    expect(index.search(query, 10).map((n) => n.label)).toEqual(reference);
    expect(await hnswFiles(dataDir)).toHaveLength(1);
  });

  it('WHEN one byte of the graph file is flipped THEN it fails its checksum, is never handed to hnswlib, and is rebuilt', async () => {
    const dataDir = await privateDataDir();
    const [name] = await hnswFiles(dataDir);
    const bytes = await readFile(path.join(dataDir, name!));
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    await writeFile(path.join(dataDir, name!), bytes);
    const { index } = await open(dataDir);
    expect(index.status).toBe('rebuilding');
    await index.ready;
    expect(index.size).toBe(210);
    // The rebuilt graph is the same graph (fixed seed, same order), so it may take the same name: its bytes now match it.
    const [rebuilt] = await hnswFiles(dataDir);
    expect(rebuilt!.split('.').at(-2)).toBe((await sha256File(path.join(dataDir, rebuilt!))).slice(0, 16));
  });

  // A cache file replaced by a directory failed every run with EISDIR, after re-embedding: a crash loop.
  it('regression: WHEN the graph file is replaced by a directory THEN it is moved aside for a human and the graph is rebuilt', async () => {
    const dataDir = await privateDataDir();
    const [name] = await hnswFiles(dataDir);
    await rm(path.join(dataDir, name!));
    await mkdir(path.join(dataDir, name!));
    const { index } = await open(dataDir);
    await index.ready;
    expect(index.size).toBe(210);
    expect((await readdir(dataDir)).some((entry) => entry.startsWith(`${name}.wrong-kind-`))).toBe(true);
  });

  it('WHEN the store record points at another (valid) graph file THEN the checksum does not match and it is rebuilt', async () => {
    const dataDir = await privateDataDir();
    const first = await open(dataDir);
    const meta = JSON.parse((await first.store.meta.get(`vector-index:${MODEL_ID}`))!) as { sha256: string };
    await first.store.meta.set(`vector-index:${MODEL_ID}`, JSON.stringify({ ...meta, sha256: 'f'.repeat(64) }));
    const { index } = await open(dataDir);
    expect(index.status).toBe('rebuilding');
    await index.ready;
    expect(index.size).toBe(210);
  });

  it('WHEN papers are embedded after the graph was saved THEN reopening adds exactly those (caught up by seq), without a rebuild', async () => {
    const dataDir = await privateDataDir();
    const { store } = await open(dataDir);
    // Re-save two papers' vectors: they get new seqs after the checkpoint, as if embedded after it.
    const [a, b] = (await store.papers.summaries()).slice(0, 2);
    for (const paper of [a!, b!]) {
      const document = (await store.embeddings.document(MODEL_ID, paper.id))!;
      const sentences = (await store.embeddings.sentences(MODEL_ID, [paper.id])).get(paper.id)!;
      await store.embeddings.save(MODEL_ID, [{ paperId: paper.id, textHash: paper.textHash, vectors: { document: document.map((x) => -x), sentences } }]);
    }
    const { index } = await open(dataDir);
    expect(index.status).toBe('ready');
    // The caught-up vector (negated) is the one served now: the paper is the farthest from its old self.
    const old = vectors.get(a!.id)!;
    expect(index.search(old, 210).at(-1)?.label).toBeOneOf([a!.label, b!.label]);
  });

  it('WHEN papers were removed from the store since the graph was saved THEN reopening drops them', async () => {
    const dataDir = await privateDataDir();
    const { store } = await open(dataDir);
    const [victim] = await store.papers.summaries();
    await store.papers.apply({ replaceSourcesOf: null, sources: [], upsert: [], remove: [victim!.id], dumpFile: null, now: new Date() });
    const { index } = await open(dataDir);
    expect(index.size).toBe(209);
    expect(index.has(victim!.label)).toBe(false);
  });

  it('WHEN a reader (not the lease holder) rebuilds THEN it writes nothing into DATA_DIR', async () => {
    const dataDir = await privateDataDir();
    for (const file of await hnswFiles(dataDir)) await rm(path.join(dataDir, file));
    const before = (await readdir(dataDir)).sort();
    const { index } = await open(dataDir, false);
    await index.ready;
    expect(index.size).toBe(210);
    await index.close();
    expect((await readdir(dataDir)).filter((name) => !name.startsWith(`${DB_FILE}-`)).sort()).toEqual(before.filter((name) => !name.startsWith(`${DB_FILE}-`)));
  });

  it('WHEN a writer changes the graph and closes THEN the new graph is saved and the next open loads it without a rebuild', async () => {
    const dataDir = await privateDataDir();
    const { store, index } = await open(dataDir);
    const [victim] = await store.papers.summaries();
    // As the engine does: the paper leaves the store, then the graph.
    await store.papers.apply({ replaceSourcesOf: null, sources: [], upsert: [], remove: [victim!.id], dumpFile: null, now: new Date() });
    await index.remove([victim!.label]);
    const [before] = await hnswFiles(dataDir);
    await index.close();
    const [after] = await hnswFiles(dataDir);
    expect(after).not.toBe(before);
    const again = await open(dataDir);
    expect(again.index.status).toBe('ready');
    expect(again.index.has(victim!.label)).toBe(false);
  });

  it('regression: a label the store has embedded but the saved graph lacks is added back at open, not left out of dense search', async () => {
    const dataDir = await privateDataDir();
    const { store, index } = await open(dataDir);
    const [victim] = await store.papers.summaries();
    await index.remove([victim!.label]);
    await index.close();
    const again = await open(dataDir);
    expect(again.index.status).toBe('ready');
    expect(again.index.has(victim!.label)).toBe(true);
    expect(again.index.size).toBe(210);
  });

  it('regression: a rebuild that meets a damaged vector BLOB leaves that paper out and pending again, and the rest ready', async () => {
    const dataDir = await privateDataDir();
    const first = await open(dataDir);
    const [victim] = await first.store.papers.summaries();
    await first.index.close();
    await first.store.close();
    for (const file of await hnswFiles(dataDir)) await rm(path.join(dataDir, file));
    const db = new Database(path.join(dataDir, DB_FILE));
    db.prepare("UPDATE embeddings SET document = x'00' WHERE paper_id = ?").run(victim!.id);
    db.close();
    const { store, index } = await open(dataDir);
    await index.ready;
    expect(index.status).toBe('ready');
    expect(index.size).toBe(209);
    expect(index.has(victim!.label)).toBe(false);
    expect((await store.embeddings.pending(MODEL_ID, 0, 10)).map((job) => job.paperId)).toEqual([victim!.id]);
  });
});
