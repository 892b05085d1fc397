/**
 * The digest state, kept in the store (one row per digest, post and intent).
 * `update` applies a change to a copy, validates it, and writes only what
 * changed in one transaction; the copy becomes current only once written, so
 * a failed write changes nothing, in memory or on disk.
 *
 * A `digests.json` left by paperbot 0.1 is imported once, record by record
 * (posts and intents included), and renamed `digests.json.migrated`; an
 * unreadable one is renamed `digests.json.corrupt-<timestamp>` and reported.
 */
import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.js';
import type { Recovery } from '../store/open-store.js';
import type { DigestRepository } from '../store/store.js';
import { errorCode } from '../store/store-error.js';
import { migrateState, stateSchema, type DigestState } from './digest-state.js';

/** Where paperbot 0.1 kept the digest state. */
export const LEGACY_STATE_FILE = 'digests.json';

/** What opening the digest state found, for the log and `/digest list`. */
export type StoreLoadReport =
  | { readonly kind: 'fresh' }
  | { readonly kind: 'loaded'; readonly digests: number; readonly intents: number; readonly damaged: number }
  | { readonly kind: 'imported'; readonly digests: number; readonly posts: number; readonly intents: number }
  /** The old state file could not be read; it was kept aside and digests started from what the store has. */
  | { readonly kind: 'corrupt'; readonly reason: string; readonly backupPath: string }
  /** The store's database was damaged and replaced (from its backup when it had one). */
  | { readonly kind: 'recovered'; readonly recovery: Recovery; readonly digests: number };

export interface DigestStoreOptions {
  /** DATA_DIR, where an old `digests.json` may wait to be imported. */
  readonly dataDir: string;
  readonly logger: Logger;
  /** What opening the database found: a recovery is reported to the digests' managers. */
  readonly recovery?: Recovery | null;
  readonly now?: () => Date;
  /** Test hooks around each write: throwing in `beforeWrite` is a crash before the commit, in `afterWrite` one right after. */
  readonly beforeWrite?: () => void;
  readonly afterWrite?: () => void;
}

function byKey<T>(records: readonly T[], key: (record: T) => string, extra: readonly T[]): T[] {
  const seen = new Set(records.map(key));
  return [...records, ...extra.filter((record) => !seen.has(key(record)))];
}

async function importLegacy(repo: DigestRepository, state: DigestState, options: DigestStoreOptions): Promise<{ state: DigestState; report: StoreLoadReport } | null> {
  const file = path.join(options.dataDir, LEGACY_STATE_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
  let reason: string;
  try {
    const parsed = stateSchema.safeParse(migrateState(JSON.parse(text)));
    if (parsed.success) {
      const old = parsed.data;
      // Keyed merge: an import cut short by a crash is finished by the next one, never doubled.
      const merged: DigestState = {
        ...state,
        digests: byKey(state.digests, (d) => d.id, old.digests),
        posts: byKey(state.posts, (p) => p.nonce, old.posts),
        intents: byKey(state.intents, (i) => i.nonce, old.intents),
      };
      await repo.save(state, merged);
      await rename(file, `${file}.migrated`);
      options.logger.info({ file, digests: old.digests.length, posts: old.posts.length }, 'digest state imported from digests.json into the store');
      return { state: merged, report: { kind: 'imported', digests: old.digests.length, posts: old.posts.length, intents: old.intents.length } };
    }
    reason = `schema: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`;
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  const backupPath = `${file}.corrupt-${(options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, backupPath);
  options.logger.error({ file, reason, backup: backupPath }, 'old digest state file is corrupt: kept aside, not imported');
  return { state, report: { kind: 'corrupt', reason, backupPath } };
}

export class DigestStore {
  private current: DigestState;
  /** Serialises writes: each update sees the previous one's result. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly repo: DigestRepository,
    state: DigestState,
    readonly loadReport: StoreLoadReport,
    private readonly options: DigestStoreOptions,
  ) {
    this.current = state;
  }

  static async open(repo: DigestRepository, options: DigestStoreOptions): Promise<DigestStore> {
    const { state, damaged } = await repo.load();
    if (damaged > 0) options.logger.error({ damaged }, 'digest state: some stored records do not validate and were left out');
    const imported = await importLegacy(repo, state, options);
    const loaded = imported?.state ?? state;
    let report: StoreLoadReport =
      imported?.report ??
      (loaded.digests.length === 0 && damaged === 0 ? { kind: 'fresh' } : { kind: 'loaded', digests: loaded.digests.length, intents: loaded.intents.length, damaged });
    if (options.recovery) report = { kind: 'recovered', recovery: options.recovery, digests: loaded.digests.length };
    options.logger.info({ report }, 'digest state loaded');
    return new DigestStore(repo, loaded, report, options);
  }

  /** The last state that reached the store. Treat as read-only: change it through {@link update}. */
  get state(): DigestState {
    return this.current;
  }

  /**
   * Applies `change` to a copy of the state, writes what changed, and only
   * then makes it current. If the write fails nothing changes.
   */
  update<T>(change: (draft: DigestState) => T): Promise<T> {
    const run = async (): Promise<T> => {
      const draft = structuredClone(this.current);
      const result = change(draft);
      // Validating what we write catches a bug here rather than as a damaged record at the next start.
      const next = stateSchema.parse(draft);
      this.options.beforeWrite?.();
      await this.repo.save(this.current, next);
      this.current = next;
      this.options.afterWrite?.();
      return result;
    };
    const done = this.queue.then(run, run);
    this.queue = done.catch(() => undefined);
    return done;
  }
}
