/**
 * At start, the part of the fetched-paper log the store has not applied: the
 * papers of a fetch that a crash interrupted after they were logged, or all
 * of them when the store was rebuilt empty after damage. Applying a record
 * twice changes nothing, so replaying too much is harmless.
 */
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import { FETCH_LOG_OFFSET_KEY, readLog } from './fetch-log.js';
import { ingestFetched } from './ingest-fetched.js';

export async function replayFetchLog(store: Store, dataDir: string, now: () => Date, logger: Logger): Promise<number> {
  const applied = Number((await store.meta.get(FETCH_LOG_OFFSET_KEY)) ?? 0);
  const tail = await readLog(dataDir, Number.isFinite(applied) ? applied : 0);
  if (tail.damaged > 0) logger.error({ damaged: tail.damaged }, 'fetched-paper log: some lines are damaged and were skipped');
  if (tail.records.length > 0) {
    await ingestFetched(store, tail.records, { now });
    logger.info({ papers: tail.records.length }, 'fetched-paper log: stored what an earlier run had fetched but not stored');
  }
  await store.meta.set(FETCH_LOG_OFFSET_KEY, String(tail.offset));
  return tail.records.length;
}
