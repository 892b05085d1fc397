/**
 * Warm starts, each in a fresh process (the probe): the engine opened on an
 * embedded store and timed until it answers its first `about`; medians over
 * the runs. Plus the same open split into its parts, each timed alone.
 */
import type { BreakdownProbe, StoreKind, WarmProbe } from './probe-types.js';
import { runProbe } from './run-probe.js';
import { median, round } from './stats.js';

export interface WarmStart {
  readonly runs: number;
  readonly papers: number;
  /** openEngine called → first `about` answered: the warm-start figure (median). */
  readonly answeredMs: number;
  readonly answeredRunsMs: readonly number[];
  /** openEngine returned / the engine open and the query model loaded / the first about alone. */
  readonly openMs: number;
  readonly readyMs: number;
  readonly firstAboutMs: number;
  /** Process start → first `about` answered (Node + tsx boot and imports included). */
  readonly processStartToAnsweredMs: number;
  readonly nodeAndTsxBootMs: number;
  readonly importMs: number;
  /** This process + the model's, after the first answer (medians). */
  readonly rssAfterStartMib: number;
  readonly rssSelfMib: number;
  readonly rssModelMib: number;
  readonly closeMs: number;
  readonly firstTopTitle: string | null;
}

const medianOf = <T>(items: readonly T[], value: (item: T) => number): number => round(median(items.map(value)), 1);

export async function measureWarmStart(dataDir: string, seedsDir: string, store: StoreKind, runs: number): Promise<WarmStart> {
  const all: WarmProbe[] = [];
  for (let i = 0; i < runs; i++) {
    const { result } = await runProbe('warm', { dataDir, seedsDir, store, workload: null, refreshAdds: 0 });
    all.push(result);
    console.log(`  run ${i + 1}/${runs}: open → first answer ${result.answeredMs} ms (open ${result.openMs}, ready ${result.readyMs}); process start → answer ${result.answeredSinceStartMs} ms`);
  }
  return {
    runs,
    papers: all[0]?.papers ?? 0,
    answeredMs: medianOf(all, (r) => r.answeredMs),
    answeredRunsMs: all.map((r) => r.answeredMs),
    openMs: medianOf(all, (r) => r.openMs),
    readyMs: medianOf(all, (r) => r.readyMs),
    firstAboutMs: medianOf(all, (r) => r.firstAboutMs),
    processStartToAnsweredMs: medianOf(all, (r) => r.answeredSinceStartMs),
    nodeAndTsxBootMs: medianOf(all, (r) => r.enteredSinceStartMs),
    importMs: medianOf(all, (r) => r.importMs),
    rssAfterStartMib: medianOf(all, (r) => r.rssAfterStart.totalMib),
    rssSelfMib: medianOf(all, (r) => r.rssAfterStart.selfMib),
    rssModelMib: medianOf(all, (r) => r.rssAfterStart.childrenMib),
    closeMs: medianOf(all, (r) => r.closeMs),
    firstTopTitle: all[0]?.firstTopTitle ?? null,
  };
}

/** Median of each step of a warm open over `runs` probes. */
export async function measureBreakdown(dataDir: string, store: StoreKind, runs: number): Promise<Record<string, number>> {
  const all: BreakdownProbe[] = [];
  for (let i = 0; i < runs; i++) all.push((await runProbe('breakdown', { dataDir, store })).result);
  const names = Object.keys(all[0]?.stepsMs ?? {});
  return {
    'engine module imports': medianOf(all, (r) => r.importMs),
    ...Object.fromEntries(names.map((name) => [name, medianOf(all, (r) => r.stepsMs[name] ?? Number.NaN)])),
  };
}

export function printWarmStart(warm: WarmStart, breakdown: Readonly<Record<string, number>>): void {
  console.log(`  open → first \`about\` answered: ${warm.answeredMs} ms median (runs ${warm.answeredRunsMs.join(', ')})`);
  console.log(`    = openEngine ${warm.openMs} ms, ready (model loaded too) ${warm.readyMs} ms, then the first about ${warm.firstAboutMs} ms`);
  console.log(`  process start → first answer ${warm.processStartToAnsweredMs} ms = Node+tsx boot ${warm.nodeAndTsxBootMs} + imports ${warm.importMs} + the above`);
  console.log(`  RSS after the first answer ${warm.rssAfterStartMib} MiB (engine ${warm.rssSelfMib} + model process ${warm.rssModelMib}); close ${warm.closeMs} ms`);
  console.log('  breakdown (medians, each step timed alone):');
  for (const [step, ms] of Object.entries(breakdown)) console.log(`    ${step.padEnd(64)} ${ms} ms`);
}
