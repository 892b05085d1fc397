/**
 * Keeps the fetched-paper log from growing without end. Today's listing is
 * fetched every hour and its upvotes change, so the log would gain megabytes
 * a day of records the store has long replaced. Once the log is twice the
 * size it had after the last rewrite (and past a floor), it is rewritten
 * from the store's own feed records — the latest per paper and source, which
 * is all a rebuilt store needs — through a temp file, fsync and rename.
 *
 * A crash before the rename leaves the old log; after it, the store's offset
 * is past the new end, which the next start's replay reads as "read it all
 * again" (re-applying is idempotent).
 */
import { randomUUID } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import { errorCode } from '../store/store-error.js';
import { yieldToLoop } from '../time-slice.js';
import { FETCH_LOG_FILE, FETCH_LOG_OFFSET_KEY, fetchLogPath } from './fetch-log.js';
import type { FetchedRecord } from './merge-sources.js';

/** Below this the log is left alone whatever its history: a few months of fetching. */
export const COMPACT_MIN_BYTES = 16 * 1024 * 1024;
const COMPACTED_KEY = 'fetch-log-compacted-bytes';
const PAGE = 1_000;

async function sizeOf(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

/** Rewrites the log when it has grown past twice its last rewritten size; returns the new size, or null when left alone. */
export async function compactFetchLog(store: Store, dataDir: string, logger: Logger, minBytes = COMPACT_MIN_BYTES): Promise<number | null> {
  const file = fetchLogPath(dataDir);
  const size = await sizeOf(file);
  if (size === null) return null;
  // Only a log the store has applied to its end: the records past the offset exist nowhere else.
  if (Number(await store.meta.get(FETCH_LOG_OFFSET_KEY)) !== size) return null;
  const last = Number((await store.meta.get(COMPACTED_KEY)) ?? 0) || 0;
  if (size < Math.max(minBytes, 2 * last)) return null;

  const temp = path.join(dataDir, `.${FETCH_LOG_FILE}.${randomUUID()}.tmp`);
  const handle = await open(temp, 'w');
  let written = 0;
  try {
    for (let cursor = 0; ; ) {
      const page = await store.papers.fetchedPage(cursor, PAGE);
      const text = page.rows.map((row) => `${JSON.stringify({ paper: row.paper, fetchedAt: row.fetchedAt } satisfies FetchedRecord)}\n`).join('');
      await handle.writeFile(text);
      written += Buffer.byteLength(text, 'utf8');
      if (page.cursor === cursor) break;
      cursor = page.cursor;
      await yieldToLoop();
    }
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, file);
  await store.meta.set(FETCH_LOG_OFFSET_KEY, String(written));
  await store.meta.set(COMPACTED_KEY, String(written));
  logger.info({ before: size, after: written }, 'fetched-paper log rewritten from the store (the latest record per paper)');
  return written;
}
