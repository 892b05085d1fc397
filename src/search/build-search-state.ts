/**
 * Builds a SearchState from the seeds directory: parse, reuse cached
 * embeddings whose content is unchanged, embed only what is new, index.
 */
import type { Logger } from 'pino';
import { loadCorpus } from '../corpus/load-corpus.js';
import type { Paper } from '../corpus/paper.js';
import type { Embedder } from '../embedding/embedder.js';
import { contentHash, loadEmbeddings, saveEmbeddings, storeDir, type PaperVectors } from '../index/embedding-store.js';
import { loadOrBuildPaperIndex } from '../index/persisted-index.js';
import { createLexicalIndex } from './lexical-index.js';
import type { SearchState } from './search-state.js';
import { splitSentences } from './sentences.js';
import { termSet } from './text-terms.js';
import { createTitleIndex } from './title-index.js';

export interface BuildInputs {
  readonly seedsDir: string;
  readonly dataDir: string;
  readonly embedder: Embedder;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Called while new texts are embedded: texts done so far and in all. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface BuildResult {
  readonly state: SearchState;
  readonly skipped: readonly { readonly file: string; readonly reason: string }[];
  /** Papers that had no usable cached embedding and were embedded now. */
  readonly embedded: readonly string[];
}

/** What gets embedded for a paper: the whole text for retrieval, each sentence for summaries and answers. */
function textsOf(paper: Paper): { document: string; sentences: string[] } {
  return { document: `${paper.title}. ${paper.abstract}`, sentences: splitSentences(paper.abstract) };
}

export async function buildSearchState(inputs: BuildInputs): Promise<BuildResult> {
  const { embedder, logger } = inputs;
  const corpus = await loadCorpus(inputs.seedsDir);
  for (const { file, reason } of corpus.skipped) logger.warn({ file, reason }, 'skipped a seeds file');
  if (corpus.papers.length === 0) logger.warn({ seedsDir: inputs.seedsDir }, 'no papers loaded: the corpus is empty');

  const dir = storeDir(inputs.dataDir, embedder.modelId);
  const cached = await loadEmbeddings(dir, embedder.modelId, embedder.dimension);
  if (!cached.ok && cached.reason !== 'no cache yet') logger.warn({ dir, reason: cached.reason }, 'embedding cache unusable: rebuilding it');
  const previous = cached.ok ? cached.embeddings : new Map<string, PaperVectors>();

  const texts = new Map(corpus.papers.map((paper) => [paper.id, textsOf(paper)]));
  const vectors = new Map<string, PaperVectors>();
  const missing: Paper[] = [];
  for (const paper of corpus.papers) {
    const { document, sentences } = texts.get(paper.id)!;
    const old = previous.get(paper.id);
    if (old !== undefined && old.hash === contentHash(embedder.modelId, document, sentences)) vectors.set(paper.id, old);
    else missing.push(paper);
  }

  if (missing.length > 0) {
    const batch = missing.flatMap((paper) => {
      const { document, sentences } = texts.get(paper.id)!;
      return [document, ...sentences];
    });
    logger.info({ papers: missing.length, texts: batch.length, model: embedder.modelId }, 'embedding new papers');
    const embedded = await embedder.embedDocuments(batch, inputs.onProgress);
    let offset = 0;
    for (const paper of missing) {
      const { document, sentences } = texts.get(paper.id)!;
      const own = embedded.slice(offset, (offset += 1 + sentences.length));
      vectors.set(paper.id, {
        hash: contentHash(embedder.modelId, document, sentences),
        // A paper whose text changed is not new to the corpus: keep when it first arrived.
        addedAt: previous.get(paper.id)?.addedAt ?? inputs.now(),
        document: own[0]!,
        sentences: own.slice(1),
      });
    }
  }
  const removed = [...previous.keys()].filter((id) => !texts.has(id));
  if (missing.length > 0 || removed.length > 0 || !cached.ok) {
    await saveEmbeddings(dir, embedder.modelId, embedder.dimension, vectors);
  }

  const ids = corpus.papers.map((paper) => paper.id);
  const { index, loaded } = await loadOrBuildPaperIndex(dir, ids, (id) => vectors.get(id)!.document, embedder.dimension);
  logger.debug({ papers: ids.length, indexFromDisk: loaded }, 'vector index ready');

  const state: SearchState = {
    papers: corpus.papers,
    byId: new Map(corpus.papers.map((paper) => [paper.id, paper])),
    sentences: new Map([...texts].map(([id, t]) => [id, t.sentences])),
    vectors,
    vectorIndex: index,
    labels: ids,
    terms: new Map(corpus.papers.map((paper) => [paper.id, termSet(`${paper.title} ${paper.abstract}`)])),
    lexical: createLexicalIndex(corpus.papers),
    titles: createTitleIndex(corpus.papers),
    corpusUpdatedAt: corpus.updatedAt,
  };
  return { state, skipped: corpus.skipped, embedded: missing.map((paper) => paper.id) };
}
