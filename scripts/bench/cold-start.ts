/**
 * Section 1: the cold start of the bundled corpus in a fresh process (an
 * empty DATA_DIR: store the seeds, embed every paper and sentence with the
 * real model), with the main thread's event-loop delay and `about` calls
 * made meanwhile. The store it leaves is the warm store of later sections.
 */
import { mkdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DB_FILE } from '../../src/store/data-dir.js';
import { SEEDS_DIR } from './bench-env.js';
import type { AboutDuringCold, ColdProbe } from './probe-types.js';
import { runProbe } from './run-probe.js';
import { median, round, type Summary, summarise } from './stats.js';

export interface ColdStart extends Omit<ColdProbe, 'abouts'> {
  /** Spawn → the probe's result, as the parent saw it. */
  readonly wallMs: number;
  readonly textsPerSecond: number;
  readonly papersPerSecond: number;
  /** embedMs / bulkBatches: how long one bulk forward pass takes on average (what an interactive query may wait behind). */
  readonly meanBatchMs: number;
  readonly abouts: readonly AboutDuringCold[];
  readonly aboutMs: Summary;
}

export async function measureColdStart(dataDir: string): Promise<ColdStart> {
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  const { wallMs, result } = await runProbe('cold', { dataDir, seedsDir: SEEDS_DIR });
  const { abouts, ...rest } = result;
  return {
    ...rest,
    wallMs,
    textsPerSecond: round(result.texts / (result.embedMs / 1000), 1),
    papersPerSecond: round(result.papers / (result.embedMs / 1000), 2),
    meanBatchMs: round(result.embedMs / result.bulkBatches, 0),
    abouts,
    aboutMs: summarise(abouts.map((a) => a.ms)),
  };
}

/** For --skip-cold: reuses the store of an earlier run, building it (untimed) when there is none. Returns true if it had to build. */
export async function ensureStore(dataDir: string): Promise<boolean> {
  if (existsSync(path.join(dataDir, DB_FILE))) return false;
  await mkdir(dataDir, { recursive: true });
  await runProbe('cold', { dataDir, seedsDir: SEEDS_DIR });
  return true;
}

export function printColdStart(cold: ColdStart): void {
  const { whole, open, embedding, resolutionMs } = cold.loop;
  console.log(`  ${cold.papers} papers, ${cold.texts} texts: open ${cold.openMs} ms, then embedded in ${cold.embedMs} ms (open → indexed ${cold.totalMs} ms; spawn → done ${cold.wallMs} ms)`);
  console.log(`  model throughput ${cold.textsPerSecond} texts/s, ${cold.papersPerSecond} papers/s; ${cold.bulkBatches} bulk passes of ~${cold.meanBatchMs} ms`);
  console.log(`  event-loop delay (resolution ${resolutionMs} ms, ${whole.samples} samples): p50 ${whole.p50} ms, p99 ${whole.p99} ms, max ${whole.max} ms`);
  console.log(`    while opening: p99 ${open.p99}, max ${open.max} ms; while embedding: p99 ${embedding.p99}, max ${embedding.max} ms`);
  const calls = cold.abouts.map((a) => `${Math.round(a.ms)} ms (${a.embedded}/${a.papers})`).join(', ');
  console.log(`  \`about\` during the embedding: p50 ${cold.aboutMs.p50} ms, max ${cold.aboutMs.max} ms over ${cold.aboutMs.n} calls; each (embedded so far): ${calls}`);
  console.log(`  RSS ${cold.rss.selfMib} MiB + model process ${cold.rss.childrenMib} MiB; close ${cold.closeMs} ms; median about wait vs one bulk pass: ${round(median(cold.abouts.map((a) => a.ms)) / cold.meanBatchMs, 2)}×`);
}
