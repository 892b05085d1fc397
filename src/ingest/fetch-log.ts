/**
 * The fetched-paper log, `DATA_DIR/fetched-papers.jsonl`: every paper a feed
 * returned, one JSON line each, appended and fsynced BEFORE it is stored or
 * embedded. Kept outside the database on purpose: a crash mid-fetch loses
 * nothing (the next start replays what the store has not applied: the store
 * records how many bytes of the log it holds), and a damaged database is
 * rebuilt from the dumps and this log without fetching anything again.
 */
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseFetched } from '../store/sqlite/paper-rows.js';
import { errorCode } from '../store/store-error.js';
import type { FetchedRecord } from './merge-sources.js';

export const FETCH_LOG_FILE = 'fetched-papers.jsonl';
/** The store's meta key for how many bytes of the log it has applied. */
export const FETCH_LOG_OFFSET_KEY = 'fetch-log-offset';

export interface LogTail {
  readonly records: FetchedRecord[];
  /** Where the next read starts: after the last complete line. */
  readonly offset: number;
  /** Complete lines that did not parse (a damaged log), skipped and counted. */
  readonly damaged: number;
}

export function fetchLogPath(dataDir: string): string {
  return path.join(dataDir, FETCH_LOG_FILE);
}

/**
 * Appends records and waits for them to reach the disk; returns the log's new
 * size. A last line a crash cut short is ended first, so it stays one damaged
 * line instead of swallowing the first new record.
 */
export async function appendToLog(dataDir: string, records: readonly FetchedRecord[]): Promise<number> {
  const handle = await open(fetchLogPath(dataDir), 'a+');
  try {
    const { size } = await handle.stat();
    let torn = false;
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      torn = last[0] !== 0x0a;
    }
    const text = (torn ? '\n' : '') + records.map((record) => `${JSON.stringify(record)}\n`).join('');
    if (text !== '') {
      await handle.writeFile(text);
      await handle.sync();
    }
    return size + Buffer.byteLength(text, 'utf8');
  } finally {
    await handle.close();
  }
}

/** The records after `offset`. A last line without its newline is a write cut short by a crash: left for later, not an error. */
export async function readLog(dataDir: string, offset: number): Promise<LogTail> {
  const file = fetchLogPath(dataDir);
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { records: [], offset: 0, damaged: 0 };
    throw error;
  }
  // A log shorter than the store thinks (replaced, truncated) is read again from the start: re-applying is idempotent.
  const from = offset > size ? 0 : offset;
  if (from === size) return { records: [], offset: from, damaged: 0 };
  const handle = await open(file, 'r');
  let text: string;
  try {
    const buffer = Buffer.alloc(size - from);
    await handle.read(buffer, 0, buffer.length, from);
    text = buffer.toString('utf8');
  } finally {
    await handle.close();
  }
  const end = text.lastIndexOf('\n') + 1;
  const records: FetchedRecord[] = [];
  let damaged = 0;
  for (const line of text.slice(0, end).split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value = JSON.parse(line) as { paper?: unknown; fetchedAt?: unknown };
      if (typeof value.fetchedAt !== 'string') throw new Error('no fetchedAt');
      records.push({ paper: parseFetched(JSON.stringify(value.paper)), fetchedAt: value.fetchedAt });
    } catch {
      damaged++;
    }
  }
  return { records, offset: from + Buffer.byteLength(text.slice(0, end), 'utf8'), damaged };
}
