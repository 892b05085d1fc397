/**
 * The one-time import of a DATA_DIR laid out by paperbot 0.1: its embedding
 * cache (`embeddings/<model>/`) becomes rows of the store for every paper
 * whose texts are unchanged, with the date that version first saw each paper,
 * so nothing is embedded twice and digests still know what is new. The old
 * folder is then renamed `embeddings.imported/`: safe to delete.
 */
import { mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Embedder } from '../embedding/embedder.js';
import type { Logger } from '../logger.js';
import { legacyContentHash, paperTexts, textHash } from '../search/paper-texts.js';
import { legacyCacheDir, loadLegacyEmbeddings } from '../store/legacy/legacy-cache.js';
import { chunks } from '../store/sqlite/in-list.js';
import type { EmbeddingWrite, Store } from '../store/store.js';

const IMPORTED_DIR = 'embeddings.imported';

export async function importLegacyEmbeddings(store: Store, dataDir: string, embedder: Embedder, logger: Logger): Promise<number> {
  const dir = legacyCacheDir(dataDir, embedder.modelId);
  try {
    if (!(await stat(dir)).isDirectory()) return 0;
  } catch {
    return 0;
  }
  const loaded = await loadLegacyEmbeddings(dir, embedder.modelId, embedder.dimension);
  let count = 0;
  if (!loaded.ok) {
    logger.warn({ dir, reason: loaded.reason }, 'old embedding cache unusable: its papers will be embedded again');
  } else {
    count = 0;
    for (const ids of chunks([...loaded.embeddings.keys()])) {
      const writes: EmbeddingWrite[] = [];
      for (const paper of await store.papers.getMany(ids)) {
        const old = loaded.embeddings.get(paper.id);
        const texts = paperTexts(paper);
        if (old === undefined || old.hash !== legacyContentHash(embedder.modelId, texts)) continue;
        writes.push({ paperId: paper.id, textHash: textHash(texts), vectors: { document: old.document, sentences: old.sentences } });
        await store.papers.keepEarlierAddedAt(paper.id, old.addedAt);
      }
      count += await store.embeddings.save(embedder.modelId, writes);
    }
    logger.info({ dir, imported: count, cached: loaded.embeddings.size }, 'imported the embeddings of the old cache into the store');
  }
  // Moved, not deleted: what was imported can be checked; the README says it may be removed.
  const imported = path.join(dataDir, IMPORTED_DIR);
  try {
    await mkdir(imported, { recursive: true });
    await rename(dir, path.join(imported, `${path.basename(dir)}-${Date.now()}`));
  } catch (error) {
    // What was imported is in the store; an old cache left in place is only imported again (the same vectors).
    logger.warn({ err: error, dir, imported }, `could not move the old embedding cache into ${imported}: move it (or whatever is in its way) aside by hand`);
  }
  return count;
}
