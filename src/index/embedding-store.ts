/**
 * The on-disk cache of embeddings, keyed by model id and each paper's content
 * hash, so a restart re-embeds nothing and a new dump embeds only its papers.
 *
 * Layout under `<DATA_DIR>/embeddings/<model slug>/`:
 *   manifest.json          versioned, validated on load; written last (the commit point)
 *   vectors-<sha>.f32      every vector, named by its own checksum so a manifest
 *                          can never point at a half-written file
 * Anything that does not validate is reported and rebuilt, never trusted.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Vector } from '../embedding/embedder.js';
import { writeFileAtomic } from '../storage/atomic-write.js';

export const STORE_VERSION = 1;

/** The vectors of one paper: its whole text, then each abstract sentence. */
export interface PaperVectors {
  readonly hash: string;
  readonly addedAt: Date;
  readonly document: Vector;
  readonly sentences: readonly Vector[];
}

export type StoredEmbeddings = ReadonlyMap<string, PaperVectors>;

const manifestSchema = z.object({
  version: z.literal(STORE_VERSION),
  modelId: z.string(),
  dimension: z.number().int().positive(),
  vectorsFile: z.string().regex(/^vectors-[0-9a-f]{16}\.f32$/),
  vectorsSha256: z.string().regex(/^[0-9a-f]{64}$/),
  papers: z.array(
    z.object({ id: z.string(), hash: z.string(), addedAt: z.iso.datetime(), sentences: z.number().int().nonnegative() }),
  ),
});

/** Why a cache could not be used, for the log. */
export type StoreLoad = { readonly ok: true; readonly embeddings: StoredEmbeddings } | { readonly ok: false; readonly reason: string };

export function storeDir(dataDir: string, modelId: string): string {
  return path.join(dataDir, 'embeddings', modelId.replace(/[^A-Za-z0-9._-]+/g, '__'));
}

const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/** Content hash of what gets embedded for a paper; a change in text means re-embedding. */
export function contentHash(modelId: string, document: string, sentences: readonly string[]): string {
  return sha256(JSON.stringify([modelId, document, sentences]));
}

export async function loadEmbeddings(dir: string, modelId: string, dimension: number): Promise<StoreLoad> {
  let raw: string;
  try {
    raw = await readFile(path.join(dir, 'manifest.json'), 'utf8');
  } catch {
    return { ok: false, reason: 'no cache yet' };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'manifest.json is not valid JSON (truncated or corrupt)' };
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: `manifest.json does not match schema v${STORE_VERSION}` };
  const manifest = parsed.data;
  if (manifest.modelId !== modelId) return { ok: false, reason: `cache is for model ${manifest.modelId}` };
  if (manifest.dimension !== dimension) return { ok: false, reason: `cache has ${manifest.dimension}-d vectors, model has ${dimension}` };
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(dir, manifest.vectorsFile));
  } catch {
    return { ok: false, reason: `${manifest.vectorsFile} is missing` };
  }
  const expectedFloats = manifest.papers.reduce((sum, paper) => sum + (1 + paper.sentences) * dimension, 0);
  if (bytes.byteLength !== expectedFloats * 4) return { ok: false, reason: `${manifest.vectorsFile} has the wrong size (truncated?)` };
  if (sha256(bytes) !== manifest.vectorsSha256) return { ok: false, reason: `${manifest.vectorsFile} fails its checksum` };

  const floats = new Float32Array(bytes.buffer, bytes.byteOffset, expectedFloats);
  const embeddings = new Map<string, PaperVectors>();
  let offset = 0;
  const next = (): Vector => floats.slice(offset, (offset += dimension));
  for (const paper of manifest.papers) {
    const document = next();
    const sentences = Array.from({ length: paper.sentences }, next);
    embeddings.set(paper.id, { hash: paper.hash, addedAt: new Date(paper.addedAt), document, sentences });
  }
  return { ok: true, embeddings };
}

/** Writes the store atomically: vectors file first, then the manifest that names it; old vectors files are removed after. */
export async function saveEmbeddings(dir: string, modelId: string, dimension: number, embeddings: StoredEmbeddings): Promise<void> {
  await mkdir(dir, { recursive: true });
  const entries = [...embeddings.entries()];
  const floats = new Float32Array(entries.reduce((sum, [, v]) => sum + (1 + v.sentences.length) * dimension, 0));
  let offset = 0;
  for (const [, { document, sentences }] of entries) {
    for (const vector of [document, ...sentences]) {
      floats.set(vector, offset);
      offset += dimension;
    }
  }
  const bytes = new Uint8Array(floats.buffer);
  const checksum = sha256(bytes);
  const vectorsFile = `vectors-${checksum.slice(0, 16)}.f32`;
  await writeFileAtomic(path.join(dir, vectorsFile), bytes);
  const manifest: z.infer<typeof manifestSchema> = {
    version: STORE_VERSION,
    modelId,
    dimension,
    vectorsFile,
    vectorsSha256: checksum,
    papers: entries.map(([id, v]) => ({ id, hash: v.hash, addedAt: v.addedAt.toISOString(), sentences: v.sentences.length })),
  };
  await writeFileAtomic(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  for (const file of await readdir(dir)) {
    if (/^vectors-[0-9a-f]{16}\.f32$/.test(file) && file !== vectorsFile) await rm(path.join(dir, file), { force: true });
  }
}
