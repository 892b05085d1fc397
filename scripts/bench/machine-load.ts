/**
 * How busy the machine was while a section ran. The load average says how
 * many threads wanted a core, but the benchmark's own work is part of it; so
 * the CPU time of everything else is measured too: all CPU time the kernel
 * counted (/proc/stat) minus this process's and its finished children's
 * (/proc/self/stat). Other engineers run tests on this 2-core machine: a
 * section during which they used a clear share of it is run again.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { round } from './stats.js';

/** Other processes using more than this many cores on average make a section "contended". */
export const CONTENDED_CORES = 0.5;

interface CpuTicks {
  readonly busy: number;
  readonly all: number;
  readonly ours: number;
}

function ticks(): CpuTicks | null {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number) as number[];
    const busy = user! + nice! + system! + irq! + softirq! + (steal ?? 0);
    // /proc/self/stat: after the command name in parentheses, field 3 onwards; utime, stime, cutime, cstime are fields 14–17.
    const self = readFileSync('/proc/self/stat', 'utf8');
    const rest = self.slice(self.lastIndexOf(')') + 2).split(' ').map(Number);
    const ours = rest[11]! + rest[12]! + rest[13]! + rest[14]!;
    return { busy, all: busy + idle! + iowait!, ours };
  } catch {
    return null;
  }
}

export interface SectionLoad {
  /** 1, 5 and 15-minute load averages when the section started and ended. */
  readonly loadAverageStart: readonly number[];
  readonly loadAverageEnd: readonly number[];
  /** Cores' worth of CPU other processes used on average during the section; null where /proc is missing. */
  readonly othersCores: number | null;
  readonly seconds: number;
}

export const loadAverage = (): number[] => os.loadavg().map((x) => round(x, 2));

/** Starts watching; call the result when the section is over (after its child processes have exited). */
export function watchLoad(): () => SectionLoad {
  const loadAverageStart = loadAverage();
  const before = ticks();
  const started = performance.now();
  return () => {
    const after = ticks();
    const elapsed = after === null || before === null ? null : after.all - before.all;
    const others = after === null || before === null ? null : after.busy - before.busy - (after.ours - before.ours);
    return {
      loadAverageStart,
      loadAverageEnd: loadAverage(),
      othersCores: elapsed === null || others === null || elapsed === 0 ? null : round(Math.max(0, others) / (elapsed / os.cpus().length), 2),
      seconds: round((performance.now() - started) / 1000, 1),
    };
  };
}

export const isContended = (load: SectionLoad): boolean => (load.othersCores ?? 0) > CONTENDED_CORES;

export function describeLoad(load: SectionLoad): string {
  const others = load.othersCores === null ? '' : `, other processes used ${load.othersCores} cores`;
  return `load ${load.loadAverageStart[0]} → ${load.loadAverageEnd[0]}${others} over ${load.seconds} s`;
}
