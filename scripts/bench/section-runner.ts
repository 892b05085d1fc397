/**
 * Runs one section of the benchmark and notes how busy the machine was. A
 * section during which other processes used a clear share of the CPU is run
 * once more after waiting (bounded) for a quieter moment; the less
 * contended run is kept and both loads are reported.
 */
import os from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { describeLoad, isContended, loadAverage, watchLoad, type SectionLoad } from './machine-load.js';

/** How long to wait for the 1-minute load to drop below the core count before a rerun. */
const QUIET_WAIT_MS = 60_000;
const QUIET_POLL_MS = 5_000;

export interface Measured<T> {
  readonly result: T;
  readonly load: SectionLoad;
  /** The load of the run that was discarded for a quieter one, if the section ran twice. */
  readonly discardedLoad?: SectionLoad;
}

async function quieter(): Promise<void> {
  const until = performance.now() + QUIET_WAIT_MS;
  // Polling the load average: there is no event for "the machine got quieter".
  while ((loadAverage()[0] ?? 0) >= os.cpus().length && performance.now() < until) await delay(QUIET_POLL_MS);
}

async function once<T>(run: () => Promise<T>): Promise<Measured<T>> {
  const finish = watchLoad();
  const result = await run();
  return { result, load: finish() };
}

/** `rerunnable: false` for work too long to repeat (the store build): its load is still reported. */
export async function runSection<T>(run: () => Promise<T>, rerunnable = true): Promise<Measured<T>> {
  const first = await once(run);
  console.log(`  (${describeLoad(first.load)})`);
  if (!rerunnable || !isContended(first.load)) return first;
  console.log('  other processes were busy during this section: running it again after waiting for a quieter moment');
  await quieter();
  const second = await once(run);
  console.log(`  (rerun: ${describeLoad(second.load)})`);
  const [kept, dropped] = (second.load.othersCores ?? 0) <= (first.load.othersCores ?? 0) ? [second, first] : [first, second];
  console.log(`  keeping the ${kept === second ? 'rerun' : 'first run'} (less contended)`);
  return { ...kept, discardedLoad: dropped.load };
}
