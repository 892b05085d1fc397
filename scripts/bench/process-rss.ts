/**
 * Resident memory of this process and of the processes it started: the
 * model runs in a child process of its own, so what serving costs is the
 * sum. Read from /proc (Linux); elsewhere only this process is counted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { round } from './stats.js';

export interface TreeRss {
  /** This process (the engine: store, catalog, title index, HNSW graph). */
  readonly selfMib: number;
  /** Its descendants (the model process). */
  readonly childrenMib: number;
  readonly totalMib: number;
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 4 (ppid), after the command name in parentheses.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function rssKib(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? 0 : Number(match[1]);
  } catch {
    return 0;
  }
}

function descendants(root: number): number[] {
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const pid of pids) {
    const parent = parentOf(pid);
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const out: number[] = [];
  const visit = (pid: number): void => {
    for (const child of children.get(pid) ?? []) {
      out.push(child);
      visit(child);
    }
  };
  visit(root);
  return out;
}

export function treeRss(): TreeRss {
  const selfMib = round(process.memoryUsage().rss / 2 ** 20, 1);
  const childrenMib = round(descendants(process.pid).reduce((sum, pid) => sum + rssKib(pid), 0) / 1024, 1);
  return { selfMib, childrenMib, totalMib: round(selfMib + childrenMib, 1) };
}
