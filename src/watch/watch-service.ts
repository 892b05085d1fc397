/**
 * Per-user topic watches: create, list and remove them (at most
 * {@link MAX_WATCHES_PER_USER} each), and tell their owners about new papers.
 * Engine-level: Discord is behind the {@link WatchNotifier} port.
 *
 * Changes to a user's watches run one at a time, so two quick `/papers
 * watch` cannot both pass the limit and a pause cannot bring back a watch
 * removed meanwhile. Notices run one batch at a time, so a paper can never be
 * sent twice because two batches raced to record it.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import { UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { WatchRepository } from '../store/store.js';
import type { WatchEngine } from './collect-matches.js';
import { deliverNotices, type UserNotice } from './deliver-notices.js';
import type { WatchNotifier } from './watch-notifier.js';
import { MAX_WATCHES_PER_USER, parseWatchRows, sameTopic, watchBodySchema, watchRow, type Watch } from './watch-record.js';
import { collapseText } from '../feeds/clean-text.js';
import { hasWords, TOPIC_WITHOUT_WORDS } from '../search/query.js';

/** A failed batch kept for the next one at most (a first fetch of a busy backfill is a few hundred papers). */
const MAX_UNSETTLED = 2_000;

export interface WatchServiceDeps {
  readonly repository: WatchRepository;
  /** The engine, or a throw while it is not open. */
  readonly engine: () => WatchEngine;
  readonly notifier: WatchNotifier;
  /** "Now" for watch creation, the daily cap and notices: the bot's clock. */
  readonly clock: Clock;
  readonly logger: Logger;
  readonly maxDmsPerDay: number;
}

export type CreateOutcome =
  | { readonly kind: 'created' | 'exists'; readonly watch: Watch }
  /** The user already watched the topic but it was paused (closed DMs): watching it again resumes it. */
  | { readonly kind: 'resumed'; readonly watch: Watch }
  | { readonly kind: 'limit'; readonly max: number };

export class WatchService {
  private changes: Promise<unknown> = Promise.resolve();
  private notices: Promise<unknown> = Promise.resolve();
  /** Papers matched but not yet delivered (the daily cap, a failed DM), per user: offered again with the next batch. */
  private readonly carried = new Map<string, ReadonlySet<string>>();
  /** A batch no user could be served from (the engine failed): offered to everyone with the next one. */
  private readonly unsettled = new Set<string>();

  constructor(private readonly deps: WatchServiceDeps) {}

  /** The user's watches, oldest first. */
  async list(userId: string): Promise<Watch[]> {
    return this.valid(await this.deps.repository.ofUser(userId));
  }

  /** DMs sent to the user by their watches in the last 24 hours, and the cap. */
  async dmsToday(userId: string): Promise<{ readonly sent: number; readonly max: number }> {
    return { sent: await this.deps.repository.dmsSince(userId, this.dayAgo()), max: this.deps.maxDmsPerDay };
  }

  /** Starts watching `topic`; the same topic again (any case) resumes a paused watch instead of adding one. */
  create(userId: string, topic: string): Promise<CreateOutcome> {
    // Cleaned like fetched text: a topic of zero-width spaces or control characters is an empty topic.
    const cleaned = collapseText(topic);
    const parsed = watchBodySchema.shape.topic.safeParse(cleaned);
    if (!parsed.success) return Promise.reject(new UserError(cleaned === '' ? 'EMPTY_QUERY' : 'INVALID_OPTION'));
    // "!!!" could never match a paper and would hold one of the user's watches for good (a digest refuses it too).
    if (!hasWords(parsed.data)) return Promise.reject(new UserError('INVALID_OPTION', TOPIC_WITHOUT_WORDS));
    return this.change(async () => {
      const mine = await this.list(userId);
      const same = mine.find((watch) => sameTopic(watch.topic, parsed.data));
      if (same?.status.kind === 'active') return { kind: 'exists', watch: same };
      if (same !== undefined) {
        const resumed: Watch = { ...same, status: { kind: 'active' } };
        await this.deps.repository.save(watchRow(resumed));
        return { kind: 'resumed', watch: resumed };
      }
      if (mine.length >= MAX_WATCHES_PER_USER) return { kind: 'limit', max: MAX_WATCHES_PER_USER };
      const watch: Watch = {
        id: randomBytes(5).toString('hex'),
        userId,
        topic: parsed.data,
        createdAt: this.deps.clock.now().toISOString(),
        status: { kind: 'active' },
      };
      await this.deps.repository.save(watchRow(watch));
      return { kind: 'created', watch };
    });
  }

  /** Removes the user's watch with this id, else the one on this topic; `undefined` when neither exists. */
  remove(userId: string, idOrTopic: string): Promise<Watch | undefined> {
    return this.change(async () => {
      const mine = await this.list(userId);
      const watch = mine.find((w) => w.id === idOrTopic) ?? mine.find((w) => sameTopic(w.topic, idOrTopic));
      if (watch !== undefined) await this.deps.repository.remove(watch.id);
      return watch;
    });
  }

  /**
   * Tells each user whose watches match some of these newly embedded papers,
   * in one DM per user: never a paper they were sent before, never beyond
   * the daily cap. Resolves with what happened per user.
   */
  notify(paperIds: readonly string[]): Promise<readonly UserNotice[]> {
    const run = async () => {
      const fresh = new Set([...this.unsettled, ...paperIds]);
      this.unsettled.clear();
      try {
        return await this.deliver(fresh);
      } catch (error) {
        // The engine or the store failed before any user was served: the whole batch is offered again next time.
        for (const id of [...fresh].slice(0, MAX_UNSETTLED)) this.unsettled.add(id);
        throw error;
      }
    };
    const done = this.notices.then(run, run);
    this.notices = done.catch(() => undefined);
    return done;
  }

  private async deliver(fresh: ReadonlySet<string>): Promise<UserNotice[]> {
    const watches = this.valid(await this.deps.repository.all());
    return deliverNotices({
      engine: this.deps.engine(),
      repository: this.deps.repository,
      notifier: this.deps.notifier,
      logger: this.deps.logger,
      watches,
      now: this.deps.clock.now(),
      since: this.dayAgo(),
      maxDmsPerDay: this.deps.maxDmsPerDay,
      candidatesOf: (userId) => new Set([...fresh, ...(this.carried.get(userId) ?? [])]),
      carry: (userId, ids) => (ids.size === 0 ? this.carried.delete(userId) : this.carried.set(userId, ids)),
      pause: (userId, watchIds, reason) => this.pause(userId, watchIds, reason),
    });
  }

  private pause(userId: string, watchIds: ReadonlySet<string>, reason: string): Promise<void> {
    return this.change(async () => {
      const since = this.deps.clock.now().toISOString();
      // Read again inside the change: a watch removed since the notice was sent stays removed.
      for (const watch of await this.list(userId)) {
        if (watchIds.has(watch.id) && watch.status.kind === 'active') await this.deps.repository.save(watchRow({ ...watch, status: { kind: 'paused', reason, since } }));
      }
    });
  }

  private change<T>(work: () => Promise<T>): Promise<T> {
    const done = this.changes.then(work, work);
    this.changes = done.catch(() => undefined);
    return done;
  }

  private valid(rows: Parameters<typeof parseWatchRows>[0]): Watch[] {
    const { watches, damaged } = parseWatchRows(rows);
    if (damaged > 0) this.deps.logger.warn({ damaged }, 'watches: stored watches that do not validate are left out');
    return watches.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  private dayAgo(): Date {
    return new Date(this.deps.clock.now().getTime() - 24 * 60 * 60_000);
  }
}
