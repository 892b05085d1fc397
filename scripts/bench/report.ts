/**
 * The benchmark's results as one JSON-able object, and the closing table:
 * each target with its measured value and PASS/MISS, plus the machine it ran on.
 */
import type { BotRoundTrip } from './bot-round-trip.js';
import os from 'node:os';
import { DEFAULT_HNSW_PARAMS } from '../../src/index/hnsw-index.js';
import type { BenchOptions } from './options.js';
import type { QueryLatency } from './query-latency.js';
import type { EfRow, ScaleRun } from './scale.js';
import type { ColdStart, FirstAbout, WarmStart } from './start-up.js';

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
  readonly dataDir: string;
  coldStart?: ColdStart | { readonly skipped: true; readonly builtCacheUntimed: boolean };
  warmStart?: WarmStart;
  firstAbout?: FirstAbout;
  botRoundTrip?: BotRoundTrip;
  queries?: QueryLatency;
  scale?: ScaleRun;
  /** The efSearch values of the sweep that meet both scale targets. */
  scaleEfMeetingTargets?: readonly number[];
  targets?: readonly TargetRow[];
}

export interface TargetRow {
  readonly target: string;
  readonly measured: string;
  readonly pass: boolean;
}

const loads = (): number[] => os.loadavg().map((x) => Math.round(x * 100) / 100);

export function machineInfo(): Machine {
  return {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageStart: loads(),
  };
}

export function finishMachine(machine: Machine): void {
  machine.loadAverageEnd = loads();
}

export const SCALE_P99_MS = 5;
export const SCALE_RECALL = 0.95;

export const meetsScaleTargets = (row: EfRow): boolean => row.p99Ms <= SCALE_P99_MS && row.recallAt10 >= SCALE_RECALL;

export function targetRows(r: BenchResults): TargetRow[] {
  const rows: TargetRow[] = [];
  const add = (target: string, value: number, unit: string, pass: boolean, extra = '') =>
    rows.push({ target, measured: `${value} ${unit}${extra}`, pass });
  if (r.warmStart) add('warm start (createEngine, median) ≤ 1000 ms', r.warmStart.createEngineMs, 'ms', r.warmStart.createEngineMs <= 1000);
  if (r.queries) {
    const { about, suggest } = r.queries;
    add('about p50 ≤ 30 ms', about.itemMedianP50, 'ms', about.itemMedianP50 <= 30, ` (all calls ${about.p50})`);
    add('about p99 ≤ 80 ms', about.itemMedianP99, 'ms', about.itemMedianP99 <= 80, ` (all calls ${about.p99})`);
    add('suggest p99 ≤ 5 ms', suggest.itemMedianP99, 'ms', suggest.itemMedianP99 <= 5, ` (all calls ${suggest.p99})`);
  }
  if (r.firstAbout) add('CLI process start → first about < 2000 ms', r.firstAbout.wallMs, 'ms', r.firstAbout.wallMs < 2000);
  if (r.botRoundTrip) {
    const { firstMs, later } = r.botRoundTrip;
    add('bot: /papers about answered < 2000 ms (warm)', firstMs, 'ms', firstMs < 2000 && later.p99 < 2000, ` first command (later p50 ${later.p50}, p99 ${later.p99})`);
  }
  const row = r.scale?.sweep.find((s) => s.efSearch === DEFAULT_HNSW_PARAMS.efSearch);
  if (r.scale && row) {
    const at = ` (${r.scale.vectors} vectors, efSearch ${row.efSearch})`;
    add(`HNSW k=10 p99 ≤ ${SCALE_P99_MS} ms`, row.p99Ms, 'ms', row.p99Ms <= SCALE_P99_MS, `${at}, raw ${row.rawP99Ms}`);
    add(`HNSW recall@10 ≥ ${SCALE_RECALL}`, row.recallAt10, '', row.recallAt10 >= SCALE_RECALL, at);
  }
  return rows;
}

export function printTable(r: BenchResults): void {
  const rows = r.targets ?? [];
  const width = Math.max(...rows.map((row) => row.target.length), 10);
  console.log('\n== Targets ==');
  for (const row of rows) console.log(`${row.pass ? 'PASS' : 'MISS'}  ${row.target.padEnd(width)}  ${row.measured}`);
  if (r.scaleEfMeetingTargets) {
    const ok = r.scaleEfMeetingTargets;
    console.log(`      efSearch values meeting both HNSW targets: ${ok.length > 0 ? ok.join(', ') : 'none in the sweep'}`);
  }
  const m = r.machine;
  console.log(`\nMachine: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}`);
  console.log(`Load average (1/5/15 min): ${m.loadAverageStart.join(' ')} at start, ${(m.loadAverageEnd ?? []).join(' ')} at end`);
  if ((m.loadAverageEnd?.[0] ?? 0) > m.cores || (m.loadAverageStart[0] ?? 0) > m.cores) {
    console.log('Note: the machine was busier than its core count; absolute times are inflated.');
  }
}
