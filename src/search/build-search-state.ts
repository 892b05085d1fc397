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
interface PaperTexts {
  readonly paper: Paper;
  readonly document: string;
  readonly sentences: readonly string[];
  /** Changes whenever the texts (or the model) do: the cache key. */
  readonly hash: string;
}

function textsOf(paper: Paper, modelId: string): PaperTexts {
  const document = `${paper.title}. ${paper.abstract}`;
  const sentences = splitSentences(paper.abstract);
  return { paper, document, sentences, hash: contentHash(modelId, document, sentences) };
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

  const texts = corpus.papers.map((paper) => textsOf(paper, embedder.modelId));
  const vectors = new Map<string, PaperVectors>();
  const missing: PaperTexts[] = [];
  for (const t of texts) {
    const old = previous.get(t.paper.id);
    if (old !== undefined && old.hash === t.hash) vectors.set(t.paper.id, old);
    else missing.push(t);
  }

  if (missing.length > 0) {
    const batch = missing.flatMap((t) => [t.document, ...t.sentences]);
    logger.info({ papers: missing.length, texts: batch.length, model: embedder.modelId }, 'embedding new papers');
    const embedded = await embedder.embedDocuments(batch, inputs.onProgress);
    let offset = 0;
    for (const t of missing) {
      const [document, ...sentences] = embedded.slice(offset, (offset += 1 + t.sentences.length));
      if (document === undefined) throw new Error(`The model returned no embedding for paper ${t.paper.id}`);
      vectors.set(t.paper.id, {
        hash: t.hash,
        // A paper whose text changed is not new to the corpus: keep when it first arrived.
        addedAt: previous.get(t.paper.id)?.addedAt ?? inputs.now(),
        document,
        sentences,
      });
    }
  }
  const removed = [...previous.keys()].filter((id) => !vectors.has(id));
  if (missing.length > 0 || removed.length > 0 || !cached.ok) {
    await saveEmbeddings(dir, embedder.modelId, embedder.dimension, vectors);
  }

  const ids = corpus.papers.map((paper) => paper.id);
  const { index, loaded } = await loadOrBuildPaperIndex(dir, ids, (id) => vectors.get(id)!.document, embedder.dimension);
  logger.debug({ papers: ids.length, indexFromDisk: loaded }, 'vector index ready');

  const state: SearchState = {
    papers: corpus.papers,
    byId: new Map(corpus.papers.map((paper) => [paper.id, paper])),
    sentences: new Map(texts.map((t) => [t.paper.id, t.sentences])),
    vectors,
    vectorIndex: index,
    labels: ids,
    terms: new Map(corpus.papers.map((paper) => [paper.id, termSet(`${paper.title} ${paper.abstract}`)])),
    lexical: createLexicalIndex(corpus.papers),
    titles: createTitleIndex(corpus.papers),
    corpusUpdatedAt: corpus.updatedAt,
  };
  return { state, skipped: corpus.skipped, embedded: missing.map((t) => t.paper.id) };
}
