/**
 * The seeds directory → the store. Only dumps whose content changed are
 * parsed (unchanged size and mtime are not even read; an unchanged hash is
 * not parsed). A changed dump replaces its own sources, and every paper it
 * touches is merged again from all of its sources, so a paper in two dumps
 * keeps what the other one says. Big dumps are written a chunk of papers per
 * transaction, yielding between chunks, so a running bot keeps answering.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../config.js';
import type { ListingIssue } from '../corpus/parse-listing.js';
import { paperId } from '../corpus/paper-id.js';
import type { CorpusChangeResult, DumpFileRecord, SourceRecord, Store } from '../store/store.js';
import { errorCode } from '../store/store-error.js';
import { yieldToLoop } from '../time-slice.js';
import { readDump } from './read-dump.js';
import { remerge } from './remerge.js';

/** Papers written per transaction: ~50 ms of work, so a huge dump never holds the event loop long. */
export const SYNC_CHUNK = 200;
const LISTING_FILE = /\.txt$/i;

export interface SkippedDump {
  readonly file: string;
  readonly reason: string;
}

export interface DumpIssues {
  readonly file: string;
  readonly issues: readonly ListingIssue[];
}

export interface DumpSyncReport {
  readonly changes: readonly CorpusChangeResult[];
  readonly skipped: readonly SkippedDump[];
  readonly issues: readonly DumpIssues[];
  /** Files that needed no work. */
  readonly unchanged: number;
}

export interface DumpSyncOptions {
  readonly now: () => Date;
  /** Called after each transaction, so the in-memory indexes follow the store chunk by chunk. */
  readonly onChange?: (change: CorpusChangeResult) => void;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

async function listDumps(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => LISTING_FILE.test(name)).sort(byName);
  } catch (error) {
    const code = errorCode(error) ?? String(error);
    throw new ConfigError(`SEEDS_DIR ${dir} cannot be read (${code}): point SEEDS_DIR at the folder of Daily Papers dumps.`);
  }
}

async function applyFile(store: Store, name: string, record: DumpFileRecord | null, sources: readonly SourceRecord[], options: DumpSyncOptions) {
  const { upsert, remove } = await remerge(store, { file: { name, sources } });
  const results: CorpusChangeResult[] = [];
  // The file's record is written with the last chunk: a sync cut short parses the file again next time (and its
  // sources with it), and papers it left with no source meanwhile are swept at the end of that sync.
  const chunks = Math.max(1, Math.ceil(upsert.length / SYNC_CHUNK), Math.ceil(sources.length / SYNC_CHUNK));
  for (let i = 0; i < chunks; i++) {
    const first = i === 0;
    const last = i === chunks - 1;
    const result = await store.papers.apply({
      replaceSourcesOf: first ? name : null,
      sources: sources.slice(i * SYNC_CHUNK, (i + 1) * SYNC_CHUNK),
      upsert: upsert.slice(i * SYNC_CHUNK, (i + 1) * SYNC_CHUNK),
      remove: last ? remove : [],
      dumpFile: last ? { name, record } : null,
      now: options.now(),
    });
    results.push(result);
    options.onChange?.(result);
    if (!last) await yieldToLoop();
  }
  return results;
}

/** Set while a sync applies files, cleared when it ends: found set by the next sync, one was cut short. */
export const SYNC_UNFINISHED_KEY = 'dump-sync-unfinished';

/**
 * Brings the store in line with `dir`. A dump that can no longer be read or
 * parsed keeps the papers it had (reported, not wiped); a dump deleted from
 * the directory takes its papers with it unless another source has them.
 */
export async function syncDumps(store: Store, dir: string, options: DumpSyncOptions): Promise<DumpSyncReport> {
  const names = await listDumps(dir);
  const known = new Map((await store.papers.dumpFiles()).map((record) => [record.name, record]));
  const changes: CorpusChangeResult[] = [];
  const skipped: SkippedDump[] = [];
  const issues: DumpIssues[] = [];
  let unchanged = 0;
  // Never set (a store older than the mark) counts as cut short: it is swept once.
  const cutShort = (await store.meta.get(SYNC_UNFINISHED_KEY)) !== '';
  let marked = false;
  const markUnfinished = async (): Promise<void> => {
    if (!marked) await store.meta.set(SYNC_UNFINISHED_KEY, options.now().toISOString());
    marked = true;
  };

  for (const name of names) {
    const file = path.join(dir, name);
    const before = known.get(name);
    let info;
    try {
      info = await stat(file);
    } catch (error) {
      skipped.push({ file: name, reason: `cannot be read (${errorCode(error) ?? String(error)})` });
      continue;
    }
    if (before !== undefined && info.isFile() && before.size === info.size && before.mtimeMs === Math.trunc(info.mtimeMs)) {
      unchanged++;
      continue;
    }
    const read = await readDump({ file, knownSha256: before?.sha256 ?? null });
    if (!read.ok) {
      skipped.push({ file: name, reason: before === undefined ? read.reason : `${read.reason}; keeping the ${before.entries} entries it had` });
      continue;
    }
    const record: DumpFileRecord = { name, sha256: read.sha256, size: info.size, mtimeMs: Math.trunc(info.mtimeMs), entries: 0 };
    if (read.unchanged) {
      await store.papers.touchDumpFile({ ...record, entries: before?.entries ?? 0 });
      unchanged++;
      continue;
    }
    const { parsed } = read;
    if (!parsed.ok) {
      skipped.push({ file: name, reason: before === undefined ? parsed.reason : `${parsed.reason}; keeping the ${before.entries} entries it had` });
      continue;
    }
    if (parsed.issues.length > 0) issues.push({ file: name, issues: parsed.issues });
    const sources = parsed.entries.map((entry) => ({ paperId: paperId(entry.title), file: name, entry }));
    await markUnfinished();
    changes.push(...(await applyFile(store, name, { ...record, entries: parsed.entries.length }, sources, options)));
  }

  const present = new Set(names);
  for (const name of known.keys()) {
    if (!present.has(name)) {
      await markUnfinished();
      changes.push(...(await applyFile(store, name, null, [], options)));
    }
  }
  // A file is synced in several transactions: one cut short by a crash (sources replaced, old papers not yet
  // removed) leaves papers with no source at all. A sync that ends removes its own (remerge's `remove`), so the
  // mark left by one that did not end is what calls for the sweep — it reads every paper, 0.4 s at 100,000.
  if (cutShort) {
    const orphans = await store.papers.orphans();
    if (orphans.length > 0) {
      const result = await store.papers.apply({ replaceSourcesOf: null, sources: [], dumpFile: null, upsert: [], remove: orphans, now: options.now() });
      changes.push(result);
      options.onChange?.(result);
    }
  }
  if (marked || cutShort) await store.meta.set(SYNC_UNFINISHED_KEY, '');
  return { changes, skipped, issues, unchanged };
}
