/**
 * Is an upstream up? One record per source, and one log line per outage:
 * the first failure warns with its real cause, failures while still down
 * go to debug, and the first success afterwards says it is back and for how
 * long it was gone. A flapping host therefore costs two lines per outage,
 * not one per attempt.
 */
import type { Logger } from '../logger.js';
import type { FeedError, FeedErrorCode } from './feed-error.js';

/** Plain data: safe to log, serialise or show in a status command. */
export interface SourceHealth {
  readonly source: string;
  readonly lastSuccessAt: string | null;
  readonly lastError: { readonly code: FeedErrorCode; readonly message: string; readonly at: string } | null;
  readonly consecutiveFailures: number;
  /** When the current outage began; null while the source is up. */
  readonly downSince: string | null;
}

export interface HealthTracker {
  success(source: string, url: string): void;
  failure(source: string, error: FeedError): void;
  /** Every source seen so far. */
  snapshot(): SourceHealth[];
  of(source: string): SourceHealth | undefined;
}

function hostOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

export function createHealthTracker(logger: Logger, now: () => number): HealthTracker {
  const records = new Map<string, SourceHealth>();
  const iso = (): string => new Date(now()).toISOString();
  const current = (source: string): SourceHealth =>
    records.get(source) ?? { source, lastSuccessAt: null, lastError: null, consecutiveFailures: 0, downSince: null };

  return {
    success(source, url) {
      const before = current(source);
      if (before.downSince !== null) {
        const downForMs = now() - Date.parse(before.downSince);
        logger.info(
          { source, host: hostOf(url), downForMs, failedAttempts: before.consecutiveFailures },
          `${source} is back after ${Math.round(downForMs / 1000)} s down`,
        );
      }
      records.set(source, { ...before, lastSuccessAt: iso(), consecutiveFailures: 0, downSince: null });
    },

    failure(source, error) {
      const before = current(source);
      const at = iso();
      const fields = { source, host: hostOf(error.url), code: error.code, status: error.status, url: error.url };
      // An upstream failing is expected, not a bug: its code and message say all at warn; the stack only at debug.
      if (before.downSince === null) logger.warn(fields, `${source} failed: ${error.message}`);
      logger.debug({ ...fields, err: error }, `${source} ${before.downSince === null ? 'failed' : 'still failing'}: ${error.message}`);
      records.set(source, {
        ...before,
        lastError: { code: error.code, message: error.message, at },
        consecutiveFailures: before.consecutiveFailures + 1,
        downSince: before.downSince ?? at,
      });
    },

    snapshot: () => [...records.values()],
    of: (source) => records.get(source),
  };
}
