/**
 * Wires the engine from configuration: the store in DATA_DIR, the model in
 * its worker, the seeds directory, the indexes. The CLI, the bot and the
 * benchmark all start here.
 *
 * `openEngine` answers as soon as the store is open and the in-memory indexes
 * are loaded (seconds, even at 100,000 papers); embedding what is missing
 * goes on in the background. `createEngine` also waits for that to finish.
 */
import path from 'node:path';
import type { EngineConfig } from '../config.js';
import type { Embedder } from '../embedding/embedder.js';
import { isBundledModel } from '../embedding/bundled-model.js';
import { createEnsembleEmbedder, ensembleModelIds } from '../embedding/ensemble-embedder.js';
import { createWorkerEmbedder } from '../embedding/worker-embedder.js';
import { PaperVectorIndex } from '../index/paper-vector-index.js';
import { EmbedPending, lowestChangedAfter, type IngestProgress } from '../ingest/embed-pending.js';
import { importLegacyEmbeddings } from '../ingest/legacy-embeddings.js';
import { compactFetchLog } from '../ingest/compact-fetch-log.js';
import { appendToLog, FETCH_LOG_OFFSET_KEY } from '../ingest/fetch-log.js';
import { ingestFetched } from '../ingest/ingest-fetched.js';
import { replayFetchLog } from '../ingest/replay-fetch-log.js';
import { remerge } from '../ingest/remerge.js';
import { timeSlicer, yieldToLoop } from '../time-slice.js';
import { syncDumps, type DumpSyncReport } from '../ingest/sync-dumps.js';
import type { Logger } from '../logger.js';
import { DB_FILE, MODEL_CACHE_DIR } from '../store/data-dir.js';
import { openStore, type StoreOpenReport } from '../store/open-store.js';
import { diskFailure, isDiskFailure, StoreError } from '../store/store-error.js';
import type { CorpusChangeResult, PaperSummary, Store } from '../store/store.js';
import { Catalog } from './catalog.js';
import { createSearchEngine } from './engine.js';
import type { EngineStatus, RefreshableEngine, RefreshReport } from './engine-types.js';
import { createLexicalSearch } from './lexical-search.js';
import { paperWrite, TEXT_VERSION } from './paper-texts.js';
import type { FusionWeights, RankMode } from './rank.js';
import type { SearchContext } from './search-context.js';
import { createTitleIndex } from './title-index.js';

/** The writer lease is renewed this often (it expires after a minute without). */
const LEASE_RENEW_MS = 15_000;
const TEXT_VERSION_KEY = 'text-version';

export interface EngineOptions {
  /** Papers embedded so far and to embed, as background embedding goes on. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Defaults to the model named by EMBEDDING_MODEL, in a worker thread. */
  readonly embedder?: Embedder;
  readonly now?: () => Date;
  /** How the writer lease names this process to others (`bot`, `cli`…). */
  readonly processKind?: string;
  /** For evaluation: rank with one side only, or other fusion weights. */
  readonly mode?: RankMode;
  readonly weights?: FusionWeights;
  /** Called with the ids of papers as they get their vectors (digests, watches). */
  readonly onEmbedded?: (paperIds: readonly string[]) => void;
  /** How often the writer lease is renewed (tests shorten it). */
  readonly leaseRenewMs?: number;
}

/** What an opened engine found when it opened its store (for the bot's start-up log, the CLI's notices). */
export interface OpenedEngine {
  readonly engine: RefreshableEngine;
  readonly store: Store;
  readonly report: StoreOpenReport;
}

/** The model EMBEDDING_MODEL names, or the ensemble of the models it joins with `+`, each in its own process. */
export async function createEmbedder(config: EngineConfig, logger: Logger, queryInstruction = true): Promise<Embedder> {
  const one = (modelId: string) =>
    createWorkerEmbedder({ modelId, modelsDir: config.MODELS_DIR, cacheDir: path.join(config.DATA_DIR, MODEL_CACHE_DIR), queryInstruction }, logger);
  const ids = ensembleModelIds(config.EMBEDDING_MODEL);
  if (ids.length === 1) return one(ids[0]!);
  // All at once: a start waits for the slowest model, not for the sum (1.75 s one after the other, two 0.8 s loads).
  const loads = await Promise.allSettled(ids.map(one));
  const parts = loads.flatMap((load) => (load.status === 'fulfilled' ? [load.value] : []));
  const failed = loads.find((load): load is PromiseRejectedResult => load.status === 'rejected');
  if (failed !== undefined) {
    await Promise.all(parts.map((part) => part.close()));
    throw failed.reason;
  }
  return createEnsembleEmbedder(parts);
}

function logSync(logger: Logger, report: DumpSyncReport): void {
  for (const { file, reason } of report.skipped) logger.warn({ file, reason }, 'skipped a seeds file');
  for (const { file, issues } of report.issues) {
    logger.warn({ file, problems: issues.length, first: issues.slice(0, 5) }, 'seeds file has entries that could not be read in full');
  }
}

export async function openEngine(config: EngineConfig, logger: Logger, options: EngineOptions = {}): Promise<OpenedEngine> {
  const started = performance.now();
  const now = options.now ?? (() => new Date());
  // The model loads in its own process while the store opens.
  const ownsEmbedder = options.embedder === undefined;
  const embedding = options.embedder === undefined ? createEmbedder(config, logger) : Promise.resolve(options.embedder);
  embedding.catch(() => undefined);
  /** On a failed open: stop the model only if this engine started it (a caller's embedder is the caller's). */
  const releaseEmbedder = async (): Promise<void> => {
    if (ownsEmbedder) await (await embedding.catch(() => null))?.close();
  };
  let opened;
  try {
    const modelCache = options.embedder === undefined && !ensembleModelIds(config.EMBEDDING_MODEL).every((id) => isBundledModel(config.MODELS_DIR, id));
    opened = await openStore({ dataDir: config.DATA_DIR, logger, kind: options.processKind ?? 'cli', now, modelCache });
  } catch (error) {
    await releaseEmbedder();
    throw error;
  }
  const { store, report } = opened;
  const writer = report.lease?.acquired === true;
  let syncProblem: string | null = null;

  const catalog = new Catalog();
  const titles = createTitleIndex();
  /**
   * The title index of every stored paper is built after the engine opens, in slices (2.7 s of work at 100,000
   * papers, which would otherwise hold up the start): title lookups wait for it (SearchContext.titlesComplete),
   * autocomplete sees the papers added so far. A paper changed or removed since the list was read is the catalog's
   * business, not this list's.
   */
  let titlesBuilt: Promise<void> = Promise.resolve();
  let storedPapers: readonly PaperSummary[] = [];
  const buildTitles = async (papers: readonly PaperSummary[]): Promise<void> => {
    // Never on the open's own turn of the loop, whatever the corpus' size: the first answers come first.
    await yieldToLoop();
    const slice = timeSlicer();
    for (const paper of papers) {
      if (catalog.get(paper.id) === paper) titles.add(paper);
      await slice();
    }
  };
  const follow = (change: Pick<CorpusChangeResult, 'removed'> & { readonly added: readonly PaperSummary[]; readonly updated: readonly PaperSummary[] }): void => {
    for (const paper of [...change.added, ...change.updated]) {
      catalog.upsert(paper);
      titles.add(paper);
    }
    for (const { id } of change.removed) {
      catalog.remove(id);
      titles.remove(id);
    }
  };

  /**
   * Start-up's writes. A disk that fills (or turns read-only) meanwhile stops them, not the start: every
   * transaction that failed rolled back, so the store answers with what it held, and status says why.
   */
  const startupWrites = async (work: () => Promise<void>): Promise<void> => {
    if (!writer || syncProblem !== null) return;
    try {
      await work();
    } catch (error) {
      if (!isDiskFailure(error)) throw error;
      syncProblem = diskFailure(error, 'storing new papers').message;
      logger.error({ err: error }, 'store: the disk failed during start-up; answering from what is stored');
    }
  };
  let embedder: Embedder;
  try {
    await startupWrites(async () => {
      if ((await store.meta.get(TEXT_VERSION_KEY)) === String(TEXT_VERSION)) return;
      const rewritten = await store.papers.rewriteTexts(paperWrite);
      await store.meta.set(TEXT_VERSION_KEY, String(TEXT_VERSION));
      if (rewritten > 0) logger.info({ papers: rewritten }, 'text processing changed: lexical terms and text hashes derived again');
    });
    await startupWrites(async () => logSync(logger, await syncDumps(store, config.SEEDS_DIR, { now })));
    embedder = await embedding;
    // Before the catalog is read: the import also restores when each paper was first seen.
    await startupWrites(async () => void (await importLegacyEmbeddings(store, config.DATA_DIR, embedder, logger)));
    // Papers a feed returned that a crash kept out of the store (or that a rebuilt store lost) come back from the log.
    await startupWrites(async () => void (await replayFetchLog(store, config.DATA_DIR, now, logger)));
    await startupWrites(async () => void (await compactFetchLog(store, config.DATA_DIR, logger)));
    // Reading the summaries is also where damaged rows show; they are repaired before the catalog is filled.
    let summaries = await store.papers.summaries();
    let repaired = false;
    await startupWrites(async () => void (repaired = await repairDamagedRows(store, config, logger, now)));
    if (repaired) summaries = await store.papers.summaries();
    for (const paper of summaries) catalog.upsert(paper);
    storedPapers = summaries;
  } catch (error) {
    await store.close();
    await releaseEmbedder();
    throw error;
  }

  const vectors = await PaperVectorIndex.open({
    store,
    dbFile: path.join(config.DATA_DIR, DB_FILE),
    dataDir: config.DATA_DIR,
    modelId: embedder.modelId,
    dimension: embedder.dimension,
    logger,
    writer,
  });
  const ctx: SearchContext = { store, embedder, catalog, vectors, lexical: createLexicalSearch(store.lexical), titles, titlesComplete: () => titlesBuilt };
  const embeddedListeners = new Set<(ids: readonly string[]) => void>();
  const embedded = (ids: readonly string[]): void => {
    options.onEmbedded?.(ids);
    for (const listener of embeddedListeners) {
      try {
        listener(ids);
      } catch (error) {
        logger.error({ err: error }, 'a listener for newly embedded papers failed');
      }
    }
  };
  const background = writer
    ? new EmbedPending({
        store,
        embedder,
        vectors,
        logger,
        onEmbedded: embedded,
        onProgress: ({ done, total }: IngestProgress) => options.onProgress?.(done, total),
      })
    : null;
  background?.kick();
  // A rebuilt graph may have met damaged vectors (deleted, so their papers are pending again): embed them.
  void vectors.ready.then(() => background?.kick(), () => undefined);

  let dumpFiles = await store.papers.dumpFiles();
  let leaseLost = false;
  const writerLostListeners = new Set<() => void>();
  const loseWriter = (): void => {
    leaseLost = true;
    logger.error('store: the writer lease was taken over by another process (this one stalled); no longer writing');
    // Everything that writes stops here: embedding, graph saves; refresh and ingest refuse from now on.
    void background?.stop();
    vectors.stopWriting();
    for (const listener of writerLostListeners) {
      try {
        listener();
      } catch (error) {
        logger.error({ err: error }, 'a listener for the lost writer lease failed');
      }
    }
  };
  const heartbeat = writer
    ? setInterval(() => {
        store.lease
          .renew()
          .then((held) => {
            if (!held && !leaseLost) loseWriter();
          })
          .catch((error: unknown) => logger.warn({ err: error }, 'store: could not renew the writer lease'));
      }, options.leaseRenewMs ?? LEASE_RENEW_MS)
    : null;
  heartbeat?.unref();

  const holder = report.lease?.acquired === false ? report.lease.holder : null;
  const status = (): EngineStatus => ({
    papers: catalog.size,
    embedded: vectors.status === 'ready' ? vectors.size : 0,
    vectorIndex: vectors.status,
    writer: writer && !leaseLost,
    writerElsewhere: holder === null ? null : `${holder.kind} (pid ${holder.pid} on ${holder.host}, since ${holder.since.toISOString()})`,
    storeProblem: report.readOnlyCause !== null ? `DATA_DIR is read-only (${report.readOnlyCause})` : (background?.diskProblem ?? syncProblem),
    embeddingProblem: background?.embeddingProblem ?? null,
  });

  let refreshing: Promise<RefreshReport> | null = null;
  const refresh = (): Promise<RefreshReport> => {
    if (!writer || leaseLost) return Promise.resolve({ added: [], removed: [], skipped: [] });
    refreshing ??= syncDumps(store, config.SEEDS_DIR, { now, onChange: follow })
      .catch((error: unknown) => {
        if (isDiskFailure(error)) syncProblem = diskFailure(error, 'storing new papers').message;
        throw error;
      })
      .then(async (sync) => {
        logSync(logger, sync);
        syncProblem = null;
        const removed = sync.changes.flatMap((change) => change.removed);
        await vectors.remove(removed.map((r) => r.label));
        dumpFiles = await store.papers.dumpFiles();
        const after = lowestChangedAfter(sync.changes);
        if (after !== null) background?.kick(after);
        return { added: sync.changes.flatMap((c) => c.added.map((p) => p.id)), removed: removed.map((r) => r.id), skipped: sync.skipped };
      })
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  };

  /** Feed batches are stored one at a time, so the log offset the store records is always the end of what it applied. */
  let ingesting: Promise<unknown> = Promise.resolve();
  const ingest: RefreshableEngine['ingest'] = (records, ingestOptions = {}) => {
    const run = async () => {
      if (!writer || leaseLost) {
        throw new StoreError(report.readOnlyCause !== null ? 'EROFS' : 'HELD', 'this process does not write the store, so it cannot store new papers');
      }
      try {
        // A record identical to the stored one (the hourly refetch of a day nothing changed in) is not logged again.
        const stored = await store.papers.fetchedBodies(records.map(({ paper }) => ({ arxivId: paper.arxivId, source: paper.source })));
        const changed = records.filter(({ paper }) => stored.get(`${paper.source}\u0000${paper.arxivId}`) !== JSON.stringify(paper));
        const logged = await appendToLog(config.DATA_DIR, changed);
        const result = await ingestFetched(store, records, { now, onChange: follow });
        await store.meta.set(FETCH_LOG_OFFSET_KEY, String(logged));
        const after = lowestChangedAfter(result.changes);
        if (ingestOptions.interactive === true) await background?.embedNow(result.ids);
        else if (after !== null) background?.kick(after);
        return {
          ids: result.ids,
          added: result.changes.flatMap((c) => c.added.map((p) => p.id)),
          updated: result.changes.flatMap((c) => c.updated.map((p) => p.id)),
        };
      } catch (error) {
        if (isDiskFailure(error)) syncProblem = diskFailure(error, 'storing new papers').message;
        throw error;
      }
    };
    const done = ingesting.then(run, run);
    ingesting = done.catch(() => undefined);
    return done;
  };

  let closing: Promise<void> | null = null;
  const engine = createSearchEngine(ctx, {
    status,
    corpusUpdatedAt: () => (dumpFiles.length === 0 ? null : new Date(Math.max(...dumpFiles.map((f) => f.mtimeMs)))),
    refresh,
    ingest,
    onEmbedded(listener) {
      embeddedListeners.add(listener);
      return () => void embeddedListeners.delete(listener);
    },
    onWriterLost(listener) {
      writerLostListeners.add(listener);
      return () => void writerLostListeners.delete(listener);
    },
    async indexed() {
      await titlesBuilt;
      await vectors.ready;
      await background?.idle();
    },
    close: () =>
      (closing ??= (async () => {
        if (heartbeat !== null) clearInterval(heartbeat);
        await background?.stop();
        await vectors.close();
        await store.close();
        if (ownsEmbedder) await embedder.close();
      })()),
    mode: options.mode,
    weights: options.weights,
  });
  // Started last: its slices would otherwise run between the open's own steps and delay the first answer.
  titlesBuilt = buildTitles(storedPapers);
  logger.info(
    { papers: catalog.size, embedded: vectors.size, writer, model: embedder.modelId, ms: Math.round(performance.now() - started) },
    'paper engine open',
  );
  return { engine, store, report };
}

/**
 * Paper rows found damaged when read are merged again from their sources, never trusted and never a crash. A
 * damaged source row is dropped and its dump forgotten, a damaged feed record dropped and the fetch log rewound:
 * syncing and replaying again reads those back. Damage met later, while running, is repaired at the next start.
 */
async function repairDamagedRows(store: Store, config: EngineConfig, logger: Logger, now: () => Date): Promise<boolean> {
  const damaged = await store.papers.damaged();
  if (damaged.length === 0) return false;
  const { upsert, remove, fetched } = await remerge(store, { ids: damaged });
  await store.papers.apply({ replaceSourcesOf: null, sources: [], dumpFile: null, fetched, upsert, remove, now: now() });
  await syncDumps(store, config.SEEDS_DIR, { now });
  await replayFetchLog(store, config.DATA_DIR, now, logger);
  logger.error({ papers: damaged.length }, 'store: damaged paper rows were merged again from their dumps and the fetch log');
  return true;
}

/** Opens the engine and waits until every paper has its vectors (the CLI, the tests). */
export async function createEngine(config: EngineConfig, logger: Logger, options: EngineOptions = {}): Promise<RefreshableEngine> {
  const { engine } = await openEngine(config, logger, options);
  await engine.indexed();
  return engine;
}
