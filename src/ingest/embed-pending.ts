/**
 * Embeds every stored paper that has no current vectors, in the background:
 * a batch of papers goes to the model worker, comes back as vectors, is
 * committed in one transaction and added to the vector index. A kill -9
 * loses at most the batch in flight; the next start resumes where the store
 * stops. A full or read-only disk stops the loop with the real cause (the
 * engine keeps answering from what is stored) and it retries later.
 *
 * A pass reads the store a range of labels at a time (a query over 100,000
 * papers would hold the event loop for a third of a second), and a kick
 * names the lowest label that changed: adding one paper to a full store
 * looks at that paper, not at every paper before it.
 */
import type { Embedder } from '../embedding/embedder.js';
import type { PaperVectorIndex } from '../index/paper-vector-index.js';
import type { Logger } from '../logger.js';
import { paperTexts } from '../search/paper-texts.js';
import type { CorpusChangeResult, EmbeddingJob, EmbeddingWrite, Store } from '../store/store.js';
import { diskFailure, isDiskFailure } from '../store/store-error.js';
import { systemClock, type Clock, type Timer } from '../clock.js';
import { yieldToLoop } from '../time-slice.js';

/** Papers per batch: ~170 texts, a few seconds of model time — what a crash can lose. */
export const BATCH_PAPERS = 16;
/** After a failure (a full disk, a dead model worker), try again this much later. */
export const RETRY_MS = 60_000;
/** Labels per store read: a few milliseconds each at 100,000 papers. */
export const SCAN_RANGE = 5_000;

export interface IngestProgress {
  /** Papers embedded in this pass so far, and papers this pass found to embed. */
  readonly done: number;
  readonly total: number;
}

export interface EmbedPendingDeps {
  readonly store: Store;
  readonly embedder: Embedder;
  readonly vectors: PaperVectorIndex;
  readonly logger: Logger;
  readonly onProgress?: (progress: IngestProgress) => void;
  /** Called with the ids of each committed batch (digests and watches look at new papers). */
  readonly onEmbedded?: (paperIds: readonly string[]) => void;
  readonly batchPapers?: number;
  readonly clock?: Clock;
}

function split(job: EmbeddingJob, vectors: readonly Float32Array[]): EmbeddingWrite {
  const [document, ...sentences] = vectors;
  if (document === undefined) throw new Error(`the model returned no embedding for paper ${job.paperId}`);
  return { paperId: job.paperId, textHash: job.textHash, vectors: { document, sentences } };
}

export class EmbedPending {
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;
  #problem: { readonly message: string; readonly disk: boolean } | null = null;
  #retry: Timer | null = null;
  #idle: (() => void)[] = [];
  /** The lowest label a kick asked about since the running pass started (null: none asked). */
  #from: number | null = null;

  constructor(private readonly deps: EmbedPendingDeps) {}

  /** Why embedding stopped because of the disk (full, read-only), or null. */
  get diskProblem(): string | null {
    return this.#problem?.disk === true ? this.#problem.message : null;
  }

  /** Why embedding stopped because of the model (its process failed, or an input it could not embed), or null. */
  get embeddingProblem(): string | null {
    return this.#problem?.disk === false ? this.#problem.message : null;
  }

  /**
   * Starts a pass over the papers above `afterLabel` (all of them by default), or asks the running one to look
   * again when it ends: new papers were stored (their labels are the highest), or papers changed.
   */
  kick(afterLabel = 0): void {
    if (this.#stopped) return;
    this.#from = Math.min(this.#from ?? afterLabel, afterLabel);
    if (this.#running !== null) {
      this.#again = true;
      return;
    }
    this.#running = this.run()
      .catch((error: unknown) => this.pause(error))
      .finally(() => {
        this.#running = null;
        if (this.#again && !this.#stopped && this.#problem === null) {
          this.#again = false;
          this.kick(this.#from ?? 0);
        } else {
          for (const resolve of this.#idle.splice(0)) resolve();
        }
      });
  }

  /** Resolves when nothing is left to embed, or embedding stopped on a problem (see `problem`). */
  idle(): Promise<void> {
    if (this.#running === null) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /**
   * Embeds these papers now, at interactive priority (the one paper of a
   * `/papers add`): the model serves it between two batches of any bulk work,
   * and the bulk loop then finds it current and skips it.
   */
  async embedNow(paperIds: readonly string[]): Promise<void> {
    const { store, embedder, vectors } = this.deps;
    const papers = await store.papers.getMany(paperIds);
    const jobs = papers.map((paper) => ({ paperId: paper.id, label: paper.label, textHash: paper.textHash, title: paper.title, abstract: paper.abstract }));
    const texts = jobs.map((job) => paperTexts(job));
    const embedded = await embedder.embedDocuments(
      texts.flatMap((t) => [t.document, ...t.sentences]),
      { priority: 'interactive' },
    );
    let offset = 0;
    await store.embeddings.save(embedder.modelId, jobs.map((job, i) => split(job, embedded.slice(offset, (offset += 1 + texts[i]!.sentences.length)))));
    await vectors.catchUp();
    this.deps.onEmbedded?.(paperIds);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#retry?.cancel();
    await this.#running;
  }

  private async run(): Promise<void> {
    const { store, embedder, vectors, logger } = this.deps;
    const modelId = embedder.modelId;
    const from = this.#from ?? 0;
    this.#from = null;
    // Not a synchronous line before the first await: kick() is called from the engine's own start.
    await yieldToLoop();
    const { total, highest } = await countPending(store, modelId, from, () => this.#stopped);
    if (total === 0) return;
    logger.info({ papers: total, model: modelId }, 'embedding papers in the background');
    const started = performance.now();
    let done = 0;
    let cursor = from;
    this.deps.onProgress?.({ done, total });
    while (!this.#stopped) {
      const jobs = await store.embeddings.pending(modelId, cursor, this.deps.batchPapers ?? BATCH_PAPERS, cursor + SCAN_RANGE);
      if (jobs.length === 0) {
        // Nothing in this range; papers stored after the pass began are a kick of their own.
        if (cursor + SCAN_RANGE >= highest) break;
        cursor += SCAN_RANGE;
        await yieldToLoop();
        continue;
      }
      const texts = jobs.map((job) => paperTexts(job));
      const flat = texts.flatMap((t) => [t.document, ...t.sentences]);
      const embedded = await embedder.embedDocuments(flat, { priority: 'bulk' });
      let offset = 0;
      const writes = jobs.map((job, i) => split(job, embedded.slice(offset, (offset += 1 + texts[i]!.sentences.length))));
      await store.embeddings.save(modelId, writes);
      cursor = jobs.at(-1)!.label;
      done += jobs.length;
      await vectors.catchUp();
      this.deps.onEmbedded?.(jobs.map((job) => job.paperId));
      this.deps.onProgress?.({ done: Math.min(done, total), total: Math.max(done, total) });
    }
    logger.info({ papers: done, ms: Math.round(performance.now() - started) }, 'embedding done');
  }

  /** Stops on a failure (the model worker died, the disk is full) and tries again later, so it never spins. */
  private pause(error: unknown): void {
    const failure = isDiskFailure(error) ? diskFailure(error, 'storing embeddings') : null;
    this.#problem = { message: failure?.message ?? `embedding failed: ${error instanceof Error ? error.message : String(error)}`, disk: failure !== null };
    this.deps.logger.error({ err: error, cause: failure?.code }, `embedding paused, retrying in ${RETRY_MS / 1000} s: ${this.#problem.message}`);
    const clock = this.deps.clock ?? systemClock;
    this.#retry = clock.setTimer(() => {
      this.#problem = null;
      this.kick();
    }, RETRY_MS);
  }
}

/** How many papers above label `from` need embedding, counted a range at a time with the loop free between ranges. */
export async function countPending(
  store: Store,
  modelId: string,
  from: number,
  stopped: () => boolean = () => false,
): Promise<{ readonly total: number; readonly highest: number }> {
  const highest = await store.papers.maxLabel();
  let total = 0;
  for (let at = from; at < highest && !stopped(); at += SCAN_RANGE) {
    total += await store.embeddings.pendingCount(modelId, at, at + SCAN_RANGE);
    await yieldToLoop();
  }
  return { total, highest };
}

/** The label after which a pass must look for these changes' papers (added or updated), or null when none. */
export function lowestChangedAfter(changes: readonly Pick<CorpusChangeResult, 'added' | 'updated'>[]): number | null {
  let lowest: number | null = null;
  for (const change of changes) for (const paper of [...change.added, ...change.updated]) lowest = Math.min(lowest ?? paper.label, paper.label);
  return lowest === null ? null : lowest - 1;
}
