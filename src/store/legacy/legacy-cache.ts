/**
 * Reads the embedding cache of paperbot 0.1 (before the SQLite store), so a
 * DATA_DIR of that layout is imported once instead of re-embedded. Read-only:
 * nothing writes this layout any more.
 *
 * Layout under `<DATA_DIR>/embeddings/<model slug>/`:
 *   manifest.json          versioned; names the vectors file and its checksum
 *   vectors-<sha>.f32      every vector: per paper its document, then each sentence
 * Anything that does not validate is reported and skipped, never trusted.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Vector } from '../../embedding/embedder.js';

const STORE_VERSION = 1;

/** The vectors of one paper as that cache held them: its whole text, then each abstract sentence. */
export interface LegacyPaperVectors {
  readonly hash: string;
  readonly addedAt: Date;
  readonly document: Vector;
  readonly sentences: readonly Vector[];
}

export type LegacyEmbeddings = ReadonlyMap<string, LegacyPaperVectors>;

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
export type StoreLoad = { readonly ok: true; readonly embeddings: LegacyEmbeddings } | { readonly ok: false; readonly reason: string };

export function legacyCacheDir(dataDir: string, modelId: string): string {
  return path.join(dataDir, 'embeddings', modelId.replace(/[^A-Za-z0-9._-]+/g, '__'));
}

const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

export async function loadLegacyEmbeddings(dir: string, modelId: string, dimension: number): Promise<StoreLoad> {
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
  const embeddings = new Map<string, LegacyPaperVectors>();
  let offset = 0;
  const next = (): Vector => floats.slice(offset, (offset += dimension));
  for (const paper of manifest.papers) {
    const document = next();
    const sentences = Array.from({ length: paper.sentences }, next);
    embeddings.set(paper.id, { hash: paper.hash, addedAt: new Date(paper.addedAt), document, sentences });
  }
  return { ok: true, embeddings };
}
