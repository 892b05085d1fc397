/**
 * The digest state on disk: `DATA_DIR/digests.json`. Every change is one
 * atomic file replacement (temp file + fsync + rename), so a crash leaves the
 * previous state or the new one. A file that fails to parse is renamed aside
 * with a timestamp and reported — never silently overwritten.
 */
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.js';
import { writeFileAtomic } from '../storage/atomic-write.js';
import { emptyState, migrateState, stateSchema, type DigestState } from './digest-state.js';

export const STATE_FILE = 'digests.json';

/** What opening the store found. */
export type StoreLoadReport =
  | { readonly kind: 'fresh' }
  | { readonly kind: 'loaded'; readonly digests: number; readonly intents: number }
  | { readonly kind: 'corrupt'; readonly reason: string; readonly backupPath: string };

export interface DigestStoreOptions {
  /** Replaces the file atomically; injectable so tests can simulate a crash mid-write. */
  readonly writeFile?: (file: string, data: string) => Promise<void>;
  /** For the backup's timestamp. */
  readonly now?: () => Date;
}

export class DigestStore {
  private current: DigestState;
  /** Serialises writes: each update sees the previous one's result. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly file: string,
    state: DigestState,
    readonly loadReport: StoreLoadReport,
    private readonly writeFile: (file: string, data: string) => Promise<void>,
  ) {
    this.current = state;
  }

  /** Reads (or starts) the state in `dataDir`, backing up and reporting a corrupt file. */
  static async open(dataDir: string, logger: Logger, options: DigestStoreOptions = {}): Promise<DigestStore> {
    await mkdir(dataDir, { recursive: true });
    const file = path.join(dataDir, STATE_FILE);
    await removeLeftoverTemps(dataDir);
    const { state, report } = await readState(file, options.now?.() ?? new Date());
    if (report.kind === 'corrupt') {
      logger.error({ file, reason: report.reason, backup: report.backupPath }, 'digest state file is corrupt: backed up, starting empty');
    } else {
      logger.info({ file, ...report }, 'digest state loaded');
    }
    return new DigestStore(file, state, report, options.writeFile ?? writeFileAtomic);
  }

  /** The last state that reached the disk. Treat as read-only: change it through {@link update}. */
  get state(): DigestState {
    return this.current;
  }

  /**
   * Applies `change` to a copy of the state, writes it, and only then makes it
   * current. If the write fails nothing changes, in memory or on disk.
   */
  update<T>(change: (draft: DigestState) => T): Promise<T> {
    const run = async (): Promise<T> => {
      const draft = structuredClone(this.current);
      const result = change(draft);
      // Validating what we write catches a bug here rather than as a "corrupt" file at the next start.
      const next = stateSchema.parse(draft);
      await this.writeFile(this.file, `${JSON.stringify(next, null, 2)}\n`);
      this.current = next;
      return result;
    };
    const done = this.queue.then(run, run);
    this.queue = done.catch(() => undefined);
    return done;
  }
}

async function readState(file: string, now: Date): Promise<{ state: DigestState; report: StoreLoadReport }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return { state: emptyState(), report: { kind: 'fresh' } };
    throw error;
  }
  let reason: string;
  try {
    const parsed = stateSchema.safeParse(migrateState(JSON.parse(text)));
    if (parsed.success) {
      const state = parsed.data;
      return { state, report: { kind: 'loaded', digests: state.digests.length, intents: state.intents.length } };
    }
    reason = `schema: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`;
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  const backupPath = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, backupPath);
  return { state: emptyState(), report: { kind: 'corrupt', reason, backupPath } };
}

/** A crash between writing the temp file and renaming it leaves the temp behind; it is never the truth. */
async function removeLeftoverTemps(dataDir: string): Promise<void> {
  const prefix = `.${STATE_FILE}.`;
  for (const name of await readdir(dataDir)) {
    if (name.startsWith(prefix) && name.endsWith('.tmp')) await rm(path.join(dataDir, name), { force: true });
  }
}

function isErrnoCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}
