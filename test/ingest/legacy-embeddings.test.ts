/**
 * A DATA_DIR laid out by paperbot 0.1 (an embedding cache of manifest.json +
 * vectors-<sha>.f32) is imported once into the store: nothing is embedded
 * again, each paper keeps the date that version first saw it.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHashEmbedder, hashVector } from '../../src/embedding/hash-embedder.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { silentLogger } from '../../src/logger.js';
import { createEngine } from '../../src/search/create-engine.js';
import { legacyContentHash, paperTexts } from '../../src/search/paper-texts.js';
import { legacyCacheDir } from '../../src/store/legacy/legacy-cache.js';
import { countingEmbedder, fixtureConfig, fixtureSeeds, FIRST_FILE, PAPER, removeTemps, tempDir } from '../search/fixture-seeds.js';
import { afterAll } from 'vitest';

afterAll(removeTemps);

const OLD_START = new Date('2024-12-01T08:00:00.000Z');

/** Writes the 0.1 cache for the papers of `seedsDir`, as that version's saveEmbeddings did; `stale` papers get a hash of other text. */
async function writeLegacyCache(dataDir: string, seedsDir: string, modelId: string, stale: readonly string[] = []): Promise<string> {
  const dir = legacyCacheDir(dataDir, modelId);
  await mkdir(dir, { recursive: true });
  const papers = (await loadCorpus(seedsDir)).papers;
  const floats: number[] = [];
  const entries = papers.map((paper) => {
    const texts = paperTexts(paper);
    for (const text of [texts.document, ...texts.sentences]) floats.push(...hashVector(text, 384));
    const hash = stale.includes(paper.id) ? 'f'.repeat(64) : legacyContentHash(modelId, texts);
    return { id: paper.id, hash, addedAt: OLD_START.toISOString(), sentences: texts.sentences.length };
  });
  const bytes = new Uint8Array(Float32Array.from(floats).buffer);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const vectorsFile = `vectors-${sha.slice(0, 16)}.f32`;
  await writeFile(path.join(dir, vectorsFile), bytes);
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ version: 1, modelId, dimension: 384, vectorsFile, vectorsSha256: sha, papers: entries }));
  return dir;
}

describe('importing the embedding cache of paperbot 0.1', () => {
  it('GIVEN a valid old cache THEN nothing is embedded, papers keep the old first-seen date, and the old folder is moved to embeddings.imported', async () => {
    const seedsDir = await fixtureSeeds(FIRST_FILE);
    const dataDir = await tempDir('legacy');
    const embedder = countingEmbedder(createHashEmbedder());
    await writeLegacyCache(dataDir, seedsDir, embedder.modelId);
    const engine = await createEngine(fixtureConfig(seedsDir, dataDir), silentLogger, { embedder, now: () => new Date('2026-05-01T00:00:00Z') });
    expect(embedder.documents).toEqual([]);
    expect(engine.status()).toMatchObject({ papers: 3, embedded: 3 });
    expect(engine.addedAt(PAPER.sfprompt)).toEqual(OLD_START);
    expect(await readdir(path.join(dataDir, 'embeddings.imported'))).toHaveLength(1);
    expect(await readdir(path.join(dataDir, 'embeddings'))).toEqual([]);
    await engine.close();
    // A second start finds nothing to import and embeds nothing.
    const again = await createEngine(fixtureConfig(seedsDir, dataDir), silentLogger, { embedder });
    expect(embedder.documents).toEqual([]);
    await again.close();
  });

  it('regression: GIVEN a file named embeddings.imported in the way THEN the start still imports (nothing embedded) and the old cache stays where it was', async () => {
    const seedsDir = await fixtureSeeds(FIRST_FILE);
    const dataDir = await tempDir('legacy');
    const embedder = countingEmbedder(createHashEmbedder());
    const cache = await writeLegacyCache(dataDir, seedsDir, embedder.modelId);
    await writeFile(path.join(dataDir, 'embeddings.imported'), 'in the way');
    const engine = await createEngine(fixtureConfig(seedsDir, dataDir), silentLogger, { embedder });
    expect(embedder.documents).toEqual([]);
    expect(engine.status()).toMatchObject({ papers: 3, embedded: 3, storeProblem: null });
    expect(await readdir(cache)).toContain('manifest.json');
    await engine.close();
  });

  it('GIVEN an old cache whose entry for one paper is stale (its text changed) THEN only that paper is embedded again', async () => {
    const seedsDir = await fixtureSeeds(FIRST_FILE);
    const dataDir = await tempDir('legacy');
    const embedder = countingEmbedder(createHashEmbedder());
    await writeLegacyCache(dataDir, seedsDir, embedder.modelId, [PAPER.twinMerging]);
    const engine = await createEngine(fixtureConfig(seedsDir, dataDir), silentLogger, { embedder });
    expect(embedder.documents[0]).toMatch(/^Twin-Merging/);
    expect(engine.status().embedded).toBe(3);
    await engine.close();
  });

  it('GIVEN an old cache whose vectors file fails its checksum THEN it is skipped (reported), the papers are embedded, nothing crashes', async () => {
    const seedsDir = await fixtureSeeds(FIRST_FILE);
    const dataDir = await tempDir('legacy');
    const embedder = countingEmbedder(createHashEmbedder());
    const dir = await writeLegacyCache(dataDir, seedsDir, embedder.modelId);
    const [vectors] = (await readdir(dir)).filter((name) => name.endsWith('.f32'));
    await writeFile(path.join(dir, vectors!), Buffer.alloc(16));
    const engine = await createEngine(fixtureConfig(seedsDir, dataDir), silentLogger, { embedder });
    expect(engine.status().embedded).toBe(3);
    expect(embedder.calls).toBe(1);
    await engine.close();
  });
});
