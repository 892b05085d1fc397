/**
 * Picks up new listing dumps while the bot runs: watches the seeds directory
 * and, once changes have settled, asks the engine to refresh (it embeds only
 * the new papers and swaps its index atomically). Their `addedAt` then makes
 * them lead the next digests.
 */
import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from '../logger.js';
import type { RefreshReport } from '../search/engine-types.js';
import { systemClock, type Clock, type Timer } from '../clock.js';

/** A copy lands as several write events; wait this long after the last one so the file is read whole. */
export const SEEDS_DEBOUNCE_MS = 1_500;

export interface SeedsWatcherDeps {
  readonly dir: string;
  readonly refresh: () => Promise<RefreshReport>;
  readonly logger: Logger;
  readonly debounceMs?: number;
  readonly clock?: Clock;
  /** Called after each refresh (tests wait on it). */
  readonly onRefresh?: (report: RefreshReport) => void;
}

export interface SeedsWatcher {
  close(): void;
}

export function watchSeeds(deps: SeedsWatcherDeps): SeedsWatcher {
  const clock = deps.clock ?? systemClock;
  let timer: Timer | null = null;
  let refreshing: Promise<void> | null = null;
  let again = false;
  let closed = false;

  const refresh = async (): Promise<void> => {
    try {
      const report = await deps.refresh();
      for (const { file, reason } of report.skipped) deps.logger.warn({ file, reason }, 'seeds: listing file skipped');
      deps.logger.info({ added: report.added.length, removed: report.removed.length, skipped: report.skipped.length }, 'seeds: corpus refreshed');
      deps.onRefresh?.(report);
    } catch (error) {
      deps.logger.error({ err: error, dir: deps.dir }, 'seeds: refresh failed');
    }
  };

  const settle = (): void => {
    timer = null;
    if (closed) return;
    // A change during a refresh gets one more refresh afterwards, never two refreshes at once.
    if (refreshing !== null) {
      again = true;
      return;
    }
    refreshing = refresh().finally(() => {
      refreshing = null;
      if (again && !closed) {
        again = false;
        settle();
      }
    });
  };

  let watcher: FSWatcher;
  try {
    watcher = watch(deps.dir, (_event, name) => {
      // Editors' swap files and partial downloads are not listings; loadCorpus would ignore them anyway.
      if (closed || (name !== null && !/\.txt$/i.test(name))) return;
      timer?.cancel();
      timer = clock.setTimer(settle, deps.debounceMs ?? SEEDS_DEBOUNCE_MS);
    });
  } catch (error) {
    deps.logger.error({ err: error, dir: deps.dir }, 'seeds: cannot watch the directory; new dumps need a restart');
    return { close: () => undefined };
  }
  watcher.on('error', (error) => deps.logger.error({ err: error, dir: deps.dir }, 'seeds: watcher failed'));
  watcher.unref();

  return {
    close() {
      closed = true;
      timer?.cancel();
      watcher.close();
    },
  };
}
