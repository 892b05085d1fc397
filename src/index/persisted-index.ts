/**
 * The HNSW index over paper vectors, persisted beside the embeddings so a
 * restart loads the graph instead of rebuilding it. `index.json` records which
 * papers (in label order) the graph holds and the file's checksum: hnswlib
 * trusts whatever it reads, so nothing is handed to it unverified.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Vector } from '../embedding/embedder.js';
import { writeFileAtomic } from '../storage/atomic-write.js';
import { createHnswIndex, loadHnswIndex } from './hnsw-index.js';
import type { VectorIndex } from './vector-index.js';

const INDEX_VERSION = 1;
const INDEX_FILE = 'papers.hnsw';
const META_FILE = 'index.json';

const metaSchema = z.object({
  version: z.literal(INDEX_VERSION),
  dimension: z.number().int().positive(),
  ids: z.array(z.string()),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export interface PaperVectorIndex {
  readonly index: VectorIndex;
  /** `ids[label]` is the paper id stored under that label. */
  readonly ids: readonly string[];
  /** True when the graph came from disk rather than being rebuilt. */
  readonly loaded: boolean;
}

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Loads the persisted graph when it holds exactly `ids` in that order and passes its checksum; else builds and saves one. */
export async function loadOrBuildPaperIndex(
  dir: string,
  ids: readonly string[],
  vectorOf: (id: string) => Vector,
  dimension: number,
): Promise<PaperVectorIndex> {
  const loaded = await tryLoad(dir, ids, dimension);
  if (loaded !== null) return { index: loaded, ids, loaded: true };
  const index = createHnswIndex(dimension, ids.length);
  ids.forEach((id, label) => index.add(label, vectorOf(id)));
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, INDEX_FILE);
  // hnswlib writes in place, so write to a temp name and publish it with an atomic rename.
  const temp = `${file}.${process.pid}.tmp`;
  await index.save(temp);
  const bytes = await readFile(temp);
  await rename(temp, file);
  const meta: z.infer<typeof metaSchema> = { version: INDEX_VERSION, dimension, ids: [...ids], sha256: sha256(bytes) };
  await writeFileAtomic(path.join(dir, META_FILE), JSON.stringify(meta));
  return { index, ids, loaded: false };
}

async function tryLoad(dir: string, ids: readonly string[], dimension: number): Promise<VectorIndex | null> {
  try {
    const meta = metaSchema.safeParse(JSON.parse(await readFile(path.join(dir, META_FILE), 'utf8')));
    if (!meta.success || meta.data.dimension !== dimension) return null;
    if (meta.data.ids.length !== ids.length || meta.data.ids.some((id, i) => id !== ids[i])) return null;
    const file = path.join(dir, INDEX_FILE);
    if (sha256(await readFile(file)) !== meta.data.sha256) return null;
    const index = await loadHnswIndex(file, dimension);
    return index.size === ids.length ? index : null;
  } catch {
    return null;
  }
}
