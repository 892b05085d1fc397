/**
 * Sections 1, 2 and 4: cold start, warm start (with a breakdown) and
 * "process start → first `about` result", each measured in fresh child
 * processes by the start-up probe.
 */
import { mkdir, rm } from 'node:fs/promises';
import { benchConfig, hasEmbeddingCache } from './bench-env.js';
import type { BreakdownProbe, FirstAboutProbe, WarmProbe } from './probe-types.js';
import { runProbe, type ProbeRun } from './run-probe.js';
import { median, round } from './stats.js';

export interface ColdStart {
  /** Spawn → ready, as the parent saw it. */
  readonly wallMs: number;
  readonly modelLoadMs: number;
  /** Model load + createEngine: what a first start costs beyond booting Node. */
  readonly readyMs: number;
  readonly embedMs: number;
  readonly texts: number;
  readonly textsPerSecond: number;
  readonly papers: number;
  readonly rssMib: number;
}

export interface WarmStart {
  readonly runs: number;
  /** Median createEngine time from the cache (the ≤ 1 s target). */
  readonly createEngineMs: number;
  readonly createEngineRunsMs: readonly number[];
  readonly processStartToReadyMs: number;
  /** Median spawn → ready line, seen from the parent. */
  readonly wallMs: number;
  readonly nodeAndTsxBootMs: number;
  readonly importMs: number;
  readonly rssMib: number;
  /** Median of each step of a warm createEngine, timed one by one in separate runs. */
  readonly breakdownMs: Readonly<Record<string, number>>;
}

export interface FirstAbout {
  readonly runs: number;
  readonly query: string;
  /** Median spawn → first `about` response (the < 2 s target). */
  readonly wallMs: number;
  readonly wallRunsMs: readonly number[];
  readonly resultSinceStartMs: number;
  readonly nodeAndTsxBootMs: number;
  readonly importMs: number;
  readonly createEngineMs: number;
  readonly aboutMs: number;
  readonly topTitle: string | null;
}

/** Empties `dataDir` and times a first start that must embed the whole corpus. */
export async function measureColdStart(dataDir: string): Promise<ColdStart> {
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  const { wallMs, result } = await runProbe('cold', dataDir);
  const readyMs = round(result.modelLoadMs + result.buildMs, 1);
  return {
    wallMs,
    modelLoadMs: result.modelLoadMs,
    readyMs,
    embedMs: result.embedMs,
    texts: result.texts,
    textsPerSecond: round(result.texts / (result.embedMs / 1000), 1),
    papers: result.papers,
    rssMib: result.rssMib,
  };
}

/** For --skip-cold: reuses the cache of an earlier run, building it (untimed) when there is none. Returns true if it had to build. */
export async function ensureCache(dataDir: string): Promise<boolean> {
  if (hasEmbeddingCache(benchConfig(dataDir))) return false;
  await mkdir(dataDir, { recursive: true });
  await runProbe('cold', dataDir);
  return true;
}

const medianOf = <T>(items: readonly T[], value: (item: T) => number): number => round(median(items.map(value)), 1);

export async function measureWarmStart(dataDir: string, runs: number): Promise<WarmStart> {
  const warm: ProbeRun<WarmProbe>[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await runProbe('warm', dataDir);
    if (run.result.embedded > 0) throw new Error(`The warm start embedded ${run.result.embedded} texts: the cache in ${dataDir} was not used`);
    warm.push(run);
    console.log(`  warm run ${i + 1}/${runs}: createEngine ${run.result.createEngineMs} ms, spawn → ready ${run.wallMs} ms`);
  }
  const steps: BreakdownProbe[] = [];
  for (let i = 0; i < runs; i++) steps.push((await runProbe('breakdown', dataDir)).result);
  const names = Object.keys(steps[0]?.stepsMs ?? {});
  const breakdownMs = Object.fromEntries(names.map((name) => [name, medianOf(steps, (s) => s.stepsMs[name] ?? Number.NaN)]));
  return {
    runs,
    createEngineMs: medianOf(warm, (r) => r.result.createEngineMs),
    createEngineRunsMs: warm.map((r) => r.result.createEngineMs),
    processStartToReadyMs: medianOf(warm, (r) => r.result.readySinceStartMs),
    wallMs: medianOf(warm, (r) => r.wallMs),
    nodeAndTsxBootMs: medianOf(warm, (r) => r.result.enteredSinceStartMs),
    importMs: medianOf(warm, (r) => r.result.importMs),
    rssMib: medianOf(warm, (r) => r.result.rssMib),
    breakdownMs: { 'engine module imports': medianOf(steps, (s) => s.importMs), ...breakdownMs },
  };
}

export async function measureFirstAbout(dataDir: string, runs: number): Promise<FirstAbout> {
  const all: ProbeRun<FirstAboutProbe>[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await runProbe('first-about', dataDir);
    all.push(run);
    console.log(`  run ${i + 1}/${runs}: spawn → first result ${run.wallMs} ms`);
  }
  return {
    runs,
    query: all[0]?.result.query ?? '',
    wallMs: medianOf(all, (r) => r.wallMs),
    wallRunsMs: all.map((r) => r.wallMs),
    resultSinceStartMs: medianOf(all, (r) => r.result.resultSinceStartMs),
    nodeAndTsxBootMs: medianOf(all, (r) => r.result.enteredSinceStartMs),
    importMs: medianOf(all, (r) => r.result.importMs),
    createEngineMs: medianOf(all, (r) => r.result.createEngineMs),
    aboutMs: medianOf(all, (r) => r.result.aboutMs),
    topTitle: all[0]?.result.topTitle ?? null,
  };
}
