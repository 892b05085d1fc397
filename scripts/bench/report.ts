/**
 * The benchmark's results as one JSON-able object, and the closing table:
 * each target with its measured value and PASS/MISS, plus the machine it
 * ran on. Targets live here, never in timed tests.
 */
import os from 'node:os';
import { DEFAULT_HNSW_PARAMS } from '../../src/index/hnsw-index.js';
import type { BotRoundTrip } from './bot-round-trip.js';
import type { FeedDay } from './feed-day.js';
import type { ColdStart } from './cold-start.js';
import type { CorpusResults } from './corpus-section.js';
import { loadAverage } from './machine-load.js';
import type { BenchOptions } from './options.js';
import type { WarmProbe } from './probe-types.js';
import type { EfRow, ScaleRun } from './scale.js';
import type { Measured } from './section-runner.js';
import { fmt, type RepeatedSummary } from './stats.js';
import type { WarmStart } from './warm-start.js';

export interface Machine {
  readonly cores: number;
  readonly cpu: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
  /** 1, 5 and 15-minute load averages: above `cores` means the numbers were measured on a busy machine. */
  readonly loadAverageStart: readonly number[];
  loadAverageEnd?: readonly number[];
}

export interface BenchResults {
  readonly startedAt: string;
  readonly machine: Machine;
  readonly options: BenchOptions;
  coldStart?: Measured<ColdStart> | { readonly skipped: true; readonly builtStoreUntimed: boolean };
  warmStart?: Measured<WarmStart> & { readonly breakdownMs: Readonly<Record<string, number>> };
  queries?: Measured<WarmProbe>;
  botRoundTrip?: Measured<BotRoundTrip>;
  feedDay?: Measured<FeedDay>;
  corpus?: CorpusResults;
  scale?: ScaleRun;
  targets?: readonly TargetRow[];
}

export interface TargetRow {
  readonly target: string;
  readonly measured: string;
  /** null: shown for information, no target. */
  readonly pass: boolean | null;
}

export function machineInfo(): Machine {
  return {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageStart: loadAverage(),
  };
}

export const SCALE_P99_MS = 5;
export const SCALE_RECALL = 0.95;
export const meetsScaleTargets = (row: EfRow): boolean => row.p99Ms <= SCALE_P99_MS && row.recallAt10 >= SCALE_RECALL;

const MIB_PER_GB = 1000 ** 3 / 2 ** 20;

export function targetRows(r: BenchResults): TargetRow[] {
  const rows: TargetRow[] = [];
  const add = (target: string, measured: string, pass: boolean | null) => rows.push({ target, measured, pass });
  const latency = (name: string, s: RepeatedSummary, p50: number | null, p99: number, at: string) => {
    if (p50 !== null) add(`${name} p50 ≤ ${p50} ms ${at}`, `${fmt(s.itemMedianP50)} ms (all calls ${fmt(s.p50)})`, s.itemMedianP50 <= p50);
    add(`${name} p99 ≤ ${p99} ms ${at}`, `${fmt(s.itemMedianP99)} ms (all calls ${fmt(s.p99)})`, s.itemMedianP99 <= p99);
  };

  if (r.coldStart !== undefined && 'result' in r.coldStart) {
    const { loop, aboutMs } = r.coldStart.result;
    add('cold embed: event-loop delay p99 ≤ 50 ms', `${loop.whole.p99} ms`, loop.whole.p99 <= 50);
    add('cold embed: event-loop delay max ≤ 200 ms', `${loop.whole.max} ms`, loop.whole.max <= 200);
    add('cold embed: `about` meanwhile (no target)', `p50 ${aboutMs.p50} ms, max ${aboutMs.max} ms`, null);
  }
  if (r.warmStart) add('warm start, 210 papers: open → first answer ≤ 1000 ms', `${r.warmStart.result.answeredMs} ms`, r.warmStart.result.answeredMs <= 1000);
  const q = r.queries?.result.queries;
  if (q) {
    latency('about', q.about, 30, 80, '(210)');
    latency('suggest', q.suggest, null, 5, '(210)');
  }
  if (r.warmStart) {
    const ms = r.warmStart.result.processStartToAnsweredMs;
    add('CLI-like process start → first about < 2000 ms (210)', `${ms} ms`, ms < 2000);
  }
  if (r.botRoundTrip) {
    const { firstMs, later } = r.botRoundTrip.result;
    add('bot: /papers about answered < 2000 ms (warm)', `first ${fmt(firstMs)} ms, then p50 ${fmt(later.p50)}, p99 ${fmt(later.p99)}`, firstMs < 2000 && later.p99 < 2000);
  }
  if (r.feedDay) {
    const f = r.feedDay.result;
    add(`one day of Daily Papers (${f.papers}): request → stored / → searchable with vectors (no target)`, `${fmt(f.storedMs)} ms / ${fmt(f.searchableMs)} ms`, null);
  }
  const c = r.corpus;
  if (c) {
    const n = `(${Math.round(c.papers / 1000)}k)`;
    add(`warm start ${n}: open → first answer ≤ 3000 ms`, `${c.warm.result.answeredMs} ms (process start → answer ${c.warm.result.processStartToAnsweredMs})`, c.warm.result.answeredMs <= 3000);
    const serve = c.serve.result;
    const rss = Math.max(serve.rssAfterStart.totalMib, serve.rssAfterQueries?.totalMib ?? 0);
    const after = serve.rssAfterQueries ?? serve.rssAfterStart;
    add(`RSS ${n} ≤ 1.5 GB (engine + model process)`, `${serve.rssAfterStart.totalMib} MiB after start, ${after.totalMib} after queries (engine ${after.selfMib} + model ${after.childrenMib})`, rss <= 1.5 * MIB_PER_GB);
    if (serve.queries) {
      latency('about (query embedding included)', serve.queries.about, 30, 80, n);
      latency('suggest', serve.queries.suggest, null, 5, n);
      add(`similar p50 ${n} (no target)`, `${fmt(serve.queries.similar.itemMedianP50)} ms`, null);
    }
    const step = c.add.result.medians.totalMs;
    add(`add one paper ${n}: apply + save + catchUp + catalog/titles ≤ 50 ms`, `${step} ms (median)`, step <= 50);
    const adds = serve.refreshAdds.map((a) => a.searchableMs).sort((a, b) => a - b);
    if (adds.length > 0) add(`add one paper ${n} through refresh(), end to end (no target)`, `${adds[Math.floor(adds.length / 2)]} ms (median)`, null);
  }
  const row = r.scale?.sweep.find((s) => s.efSearch === DEFAULT_HNSW_PARAMS.efSearch);
  if (r.scale && row) {
    const at = `(${r.scale.vectors} vectors, efSearch ${row.efSearch})`;
    add(`raw HNSW k=10 p99 ≤ ${SCALE_P99_MS} ms ${at}`, `${row.p99Ms} ms (raw ${row.rawP99Ms})`, row.p99Ms <= SCALE_P99_MS);
    add(`raw HNSW recall@10 ≥ ${SCALE_RECALL} ${at}`, `${row.recallAt10}`, row.recallAt10 >= SCALE_RECALL);
  }
  return rows;
}

export function printTable(r: BenchResults): void {
  const rows = r.targets ?? [];
  const width = Math.max(...rows.map((row) => row.target.length), 10);
  console.log('\n== Targets ==');
  for (const row of rows) console.log(`${row.pass === null ? '    ' : row.pass ? 'PASS' : 'MISS'}  ${row.target.padEnd(width)}  ${row.measured}`);
  const m = r.machine;
  console.log(`\nMachine: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}`);
  console.log(`Load average (1/5/15 min): ${m.loadAverageStart.join(' ')} at start, ${(m.loadAverageEnd ?? []).join(' ')} at end`);
  if ((m.loadAverageEnd?.[0] ?? 0) > m.cores || (m.loadAverageStart[0] ?? 0) > m.cores) {
    console.log('Note: the load average was above the core count at the start or the end; see each section\'s own load line.');
  }
}
