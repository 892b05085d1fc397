/**
 * The digest feature as the commands see it: configure, list, remove,
 * preview and post now. Owns the store, the run protocol and the scheduler.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger.js';
import { systemClock, type Clock } from '../clock.js';
import type { DigestMessage } from './digest-message.js';
import type { DigestPoster } from './digest-poster.js';
import { DigestRunner, type RunOutcome } from './digest-runner.js';
import { DigestScheduler } from './digest-scheduler.js';
import type { Digest } from './digest-state.js';
import { DigestStore, type DigestStoreOptions, type StoreLoadReport } from './digest-store.js';
import { invalid, parseSettings, type DigestSettings } from './digest-settings.js';
import { nextSlot, type Checked } from './schedule.js';
import type { DigestEngine } from './topic-ranking.js';
import type { Recovery } from '../store/open-store.js';
import type { DigestRepository } from '../store/store.js';

/** Keeps a guild's digests within one autocomplete list (Discord shows at most 25 choices). */
export const MAX_DIGESTS_PER_GUILD = 25;

export interface DigestServiceDeps {
  /** Where the digest state is kept (the store's digest tables). */
  readonly repository: DigestRepository;
  /** DATA_DIR, for importing the state file of paperbot 0.1. */
  readonly dataDir: string;
  /** What opening the store found (a damaged database is reported in `/digest list`). */
  readonly recovery?: Recovery | null;
  readonly poster: DigestPoster;
  /** The engine, or a throw while it is not ready. */
  readonly engine: () => DigestEngine;
  /** The real clock unless a test drives time. */
  readonly clock?: Clock;
  readonly logger: Logger;
  /** Gap between posts that fall due together (tests shorten it). */
  readonly spreadMs?: number;
  /** Passed to the digest store: lets tests simulate a crash around a write. */
  readonly hooks?: Pick<DigestStoreOptions, 'beforeWrite' | 'afterWrite'>;
}

export class DigestService {
  private constructor(
    private readonly store: DigestStore,
    private readonly runner: DigestRunner,
    private readonly scheduler: DigestScheduler,
    private readonly clock: Clock,
  ) {}

  static async open(deps: DigestServiceDeps): Promise<DigestService> {
    const clock = deps.clock ?? systemClock;
    const { logger } = deps;
    const store = await DigestStore.open(deps.repository, {
      dataDir: deps.dataDir,
      logger,
      recovery: deps.recovery ?? null,
      now: () => clock.now(),
      ...deps.hooks,
    });
    const runner = new DigestRunner({ store, poster: deps.poster, engine: deps.engine, clock, logger });
    const scheduler = new DigestScheduler({ store, runner, clock, logger, ...(deps.spreadMs === undefined ? {} : { spreadMs: deps.spreadMs }) });
    return new DigestService(store, runner, scheduler, clock);
  }

  /** What opening the digest state found (a damaged store or old state file is reported here and in the log). */
  get loadReport(): StoreLoadReport {
    return this.store.loadReport;
  }

  /** Starts scheduling: first reconciles unfinished posts, then posts what was missed while down. Call once the engine is ready. */
  start(): void {
    this.scheduler.start();
  }

  stop(): Promise<void> {
    return this.scheduler.stop();
  }

  /** The guild's digests, by channel then time. */
  list(guildId: string): Digest[] {
    return this.store.state.digests
      .filter((d) => d.guildId === guildId)
      .sort((a, b) => a.channelId.localeCompare(b.channelId) || a.time.localeCompare(b.time) || a.id.localeCompare(b.id));
  }

  /**
   * Creates a digest, or updates the one with the same channel and topic
   * (which also resumes it if it was paused).
   */
  async set(settings: DigestSettings): Promise<Checked<{ digest: Digest; created: boolean }>> {
    const parsed = parseSettings(settings);
    if (!parsed.ok) return parsed;
    const { time, timezone, topic, count } = parsed.value;

    const now = this.clock.now();
    const nextDueAt = nextSlot(time, timezone, now).toISOString();
    const sameTopic = (d: Digest) => (d.topic ?? '').toLowerCase() === (topic ?? '').toLowerCase();
    // Looked up inside the update, which runs one at a time: two quick `set`s for one channel cannot both create.
    const outcome = await this.store.update((state): Checked<{ digest: Digest; created: boolean }> => {
      const inGuild = state.digests.filter((d) => d.guildId === settings.guildId);
      const stored = inGuild.find((d) => d.channelId === settings.channelId && sameTopic(d));
      if (stored !== undefined) {
        Object.assign(stored, { time, timezone, count, topic, nextDueAt });
        if (stored.status.kind === 'paused') stored.status = { kind: 'active' };
        return { ok: true, value: { digest: structuredClone(stored), created: false } };
      }
      if (inGuild.length >= MAX_DIGESTS_PER_GUILD) return invalid(`This server already has ${MAX_DIGESTS_PER_GUILD} digests: remove one first.`);
      const created: Digest = {
        id: randomBytes(5).toString('hex'),
        guildId: settings.guildId,
        channelId: settings.channelId,
        time,
        timezone,
        topic,
        count,
        createdAt: now.toISOString(),
        createdBy: settings.userId,
        nextDueAt,
        lastPostedAt: null,
        lastRun: null,
        status: { kind: 'active' },
      };
      state.digests.push(created);
      return { ok: true, value: { digest: structuredClone(created), created: true } };
    });
    if (outcome.ok) this.scheduler.reschedule();
    return outcome;
  }

  /** Removes a digest; what it posted stays recorded, so a new digest in that channel still skips those papers. */
  async remove(guildId: string, digestId: string): Promise<Checked<Digest>> {
    const found = this.resolve(guildId, digestId, null);
    if (!found.ok) return found;
    await this.store.update((state) => {
      state.digests = state.digests.filter((d) => d.id !== found.value.id);
    });
    this.scheduler.reschedule();
    return found;
  }

  /** What the digest would post right now; nothing is recorded. */
  async preview(digest: Digest): Promise<DigestMessage> {
    return this.runner.compose(digest, this.clock.now());
  }

  /** Posts the digest now (also resumes a paused one if the post succeeds); its schedule is unchanged. */
  async postNow(digest: Digest): Promise<RunOutcome> {
    const outcome = await this.scheduler.exclusive(() => this.runner.run(digest.id, { kind: 'manual' }));
    if (outcome.kind === 'posted') this.scheduler.reschedule();
    return outcome;
  }

  /**
   * The digest a command means: the one picked (by id), else the only digest
   * in the invoking channel, else the only one in the guild.
   */
  resolve(guildId: string, digestId: string | null, channelId: string | null): Checked<Digest> {
    const digests = this.list(guildId);
    if (digests.length === 0) return invalid('This server has no digests yet: create one with /digest set.');
    if (digestId !== null) {
      const match = digests.find((d) => d.id === digestId);
      return match ? { ok: true, value: match } : invalid('No digest with that id here: pick one from the list.');
    }
    const inChannel = digests.filter((d) => d.channelId === channelId);
    const only = inChannel.length === 1 ? inChannel[0] : digests.length === 1 ? digests[0] : undefined;
    return only ? { ok: true, value: only } : invalid('This server has several digests: pick one with the digest option.');
  }
}
