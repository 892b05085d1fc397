/**
 * What the start-up probe (a child process) prints: one JSON line per run.
 * All `…SinceStartMs` values are measured from the child's process start
 * (performance.timeOrigin), so they include Node and tsx booting.
 */

export type ProbeMode = 'cold' | 'warm' | 'breakdown' | 'first-about';

export interface ColdProbe {
  readonly mode: 'cold';
  readonly modelLoadMs: number;
  /** createEngine with the loaded model: parse, embed everything, save the cache, build the index. */
  readonly buildMs: number;
  /** Time spent inside embedDocuments. */
  readonly embedMs: number;
  readonly texts: number;
  readonly papers: number;
  readonly rssMib: number;
}

export interface WarmProbe {
  readonly mode: 'warm';
  /** Process start → the probe's first line ran (Node + tsx boot). */
  readonly enteredSinceStartMs: number;
  /** Importing the engine modules (transformers.js, onnxruntime, hnswlib, …). */
  readonly importMs: number;
  /** createEngine from the cache: model load + corpus + cache + index. The warm-start number. */
  readonly createEngineMs: number;
  readonly readySinceStartMs: number;
  readonly embedded: number;
  readonly papers: number;
  readonly rssMib: number;
}

export interface BreakdownProbe {
  readonly mode: 'breakdown';
  readonly importMs: number;
  /** The parts of a warm createEngine, timed one by one, in the order it runs them. */
  readonly stepsMs: Readonly<Record<string, number>>;
}

export interface FirstAboutProbe {
  readonly mode: 'first-about';
  readonly query: string;
  readonly enteredSinceStartMs: number;
  readonly importMs: number;
  readonly createEngineMs: number;
  readonly aboutMs: number;
  /** Process start → the first `about` response in hand. */
  readonly resultSinceStartMs: number;
  readonly results: number;
  readonly topTitle: string | null;
}

export type ProbeResult = ColdProbe | WarmProbe | BreakdownProbe | FirstAboutProbe;
