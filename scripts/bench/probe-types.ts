/**
 * What the probe (a child process, start-probe.ts) is asked and what it
 * prints: one JSON argument in, one JSON line out. All `…SinceStartMs`
 * values count from the child's process start (performance.timeOrigin), so
 * they include Node and tsx booting.
 */
import type { TreeRss } from './process-rss.js';
import type { QueryLatency } from './query-workload.js';
import type { RepeatedSummary, Summary } from './stats.js';

/** `model`: a store embedded by the configured model. `hash`: the synthetic store (hash-embedder vectors), queries embedded by the model. */
export type StoreKind = 'model' | 'hash';

export interface ColdArgs {
  readonly dataDir: string;
  readonly seedsDir: string;
}

export interface WarmArgs {
  readonly dataDir: string;
  readonly seedsDir: string;
  readonly store: StoreKind;
  /** Run the query workload after the first answer (null: only time the start). */
  readonly workload: { readonly quick: boolean } | null;
  /** Papers to add (and remove again) through `refresh()` after the queries. */
  readonly refreshAdds: number;
}

export interface BreakdownArgs {
  readonly dataDir: string;
  readonly store: StoreKind;
}

export interface AddArgs {
  readonly dataDir: string;
  readonly reps: number;
}

/** Event-loop delay (perf_hooks.monitorEventLoopDelay) over one stretch, in ms. */
export interface LoopDelay {
  readonly samples: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

export interface AboutDuringCold {
  /** When the call started, since openEngine was called. */
  readonly atMs: number;
  readonly ms: number;
  /** `response.indexing`: papers with vectors so far (all of them once indexing is over). */
  readonly embedded: number;
  readonly papers: number;
}

export interface ColdProbe {
  readonly mode: 'cold';
  readonly papers: number;
  /** Texts embedded: each paper's whole text plus each abstract sentence. */
  readonly texts: number;
  /** Forward passes of bulk embedding (the model process plans each batch of papers into passes of similar length). */
  readonly bulkBatches: number;
  /** openEngine: store created, seeds parsed and stored, model loaded in its process. */
  readonly openMs: number;
  /** openEngine returned → every paper embedded (engine.indexed()). */
  readonly embedMs: number;
  /** openEngine called → indexed. */
  readonly totalMs: number;
  readonly readySinceStartMs: number;
  readonly loop: { readonly whole: LoopDelay; readonly open: LoopDelay; readonly embedding: LoopDelay; readonly resolutionMs: number };
  readonly abouts: readonly AboutDuringCold[];
  readonly closeMs: number;
  /** At the end of the embedding: this process and the model's. */
  readonly rss: TreeRss;
}

export interface RefreshAdd {
  /** A one-paper dump appears in SEEDS_DIR → `refresh()` resolved (stored, catalog and title index updated). */
  readonly storedMs: number;
  /** … → `indexed()` resolved (its vectors stored and in the HNSW graph; hash embedder, so model excluded). */
  readonly searchableMs: number;
  /** The main thread's longest event-loop delay from the refresh to searchable (what a query arriving meanwhile would wait). */
  readonly loopMaxMs: number;
  /** `suggest('')` right after (the popular-titles list is recomputed after a change). */
  readonly emptySuggestMs: number;
  /** The dump removed again → `refresh()` resolved. */
  readonly removeMs: number;
}

export interface WarmProbe {
  readonly mode: 'warm';
  readonly store: StoreKind;
  readonly papers: number;
  readonly embedded: number;
  /** Process start → the probe's first line ran (Node + tsx boot). */
  readonly enteredSinceStartMs: number;
  /** Importing the probe and the engine modules (the model is imported in its own process, not here). */
  readonly importMs: number;
  /** openEngine returned (for the `model` store this includes the model load; for `hash` the model loads beside it). */
  readonly openMs: number;
  /** openEngine returned and the query model loaded: the engine can answer. */
  readonly readyMs: number;
  /** The first `about` call (the model's first inference included). */
  readonly firstAboutMs: number;
  /** openEngine called → first `about` answered: the warm-start figure. */
  readonly answeredMs: number;
  readonly answeredSinceStartMs: number;
  readonly firstTopTitle: string | null;
  /** This process (the engine) and the model's process. */
  readonly rssAfterStart: TreeRss;
  /** With `embedQuery`: the model's share of `about`, the same queries embedded alone. */
  readonly queries: (QueryLatency & { readonly embedQuery: RepeatedSummary }) | null;
  readonly rssAfterQueries: TreeRss | null;
  readonly refreshAdds: readonly RefreshAdd[];
  readonly rssAtEnd: TreeRss;
  /** engine.close(): background work stopped, the vector index saved if it changed, the store released. */
  readonly closeMs: number;
}

export interface BreakdownProbe {
  readonly mode: 'breakdown';
  readonly importMs: number;
  /** The parts of a warm open, timed one by one in the order openEngine runs them (the model loads beside them). */
  readonly stepsMs: Readonly<Record<string, number>>;
}

export interface AddStep {
  readonly textsMs: number;
  readonly applyMs: number;
  readonly followMs: number;
  readonly findMs: number;
  readonly hashMs: number;
  readonly saveMs: number;
  readonly catchUpMs: number;
  /** Everything but the hash embedding (the model's stand-in). */
  readonly totalMs: number;
}

export interface AddProbe {
  readonly mode: 'add';
  readonly papers: number;
  readonly steps: readonly AddStep[];
  readonly medians: AddStep;
  readonly removeMs: Summary;
}

export type ProbeResult = ColdProbe | WarmProbe | BreakdownProbe | AddProbe;
export type ProbeMode = ProbeResult['mode'];
export interface ProbeArgs {
  readonly cold: ColdArgs;
  readonly warm: WarmArgs;
  readonly breakdown: BreakdownArgs;
  readonly add: AddArgs;
}
