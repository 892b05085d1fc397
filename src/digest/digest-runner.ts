/**
 * One digest run, crash-safe: choose → record an intent (chosen papers, the
 * exact message, a nonce) → post with that nonce → record the post. Killed at
 * any point, the next start either never chose (the slot is still due), or
 * finds the intent and reconciles it: looks for the nonce in the channel,
 * re-posts with the same nonce only if absent. Never a second, different post.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { Clock } from '../clock.js';
import { cardFor } from './digest-cards.js';
import type { DigestCard, DigestMessage } from './digest-message.js';
import type { DigestPoster, FindOutcome, PostOutcome } from './digest-poster.js';
import { postedInChannel, type Digest, type Intent, type LastRun } from './digest-state.js';
import { recordOutcome, type RunOutcome } from './record-outcome.js';
import type { DigestStore } from './digest-store.js';
import { dateLabel, nextSlot } from './schedule.js';
import { selectPapers } from './select-papers.js';
import { rankTopic, type DigestEngine } from './topic-ranking.js';

/** A post this long after its slot (downtime, not a busy minute) is marked late. */
export const LATE_AFTER_MS = 5 * 60_000;

export type { RunOutcome } from './record-outcome.js';
export type RunTrigger = { readonly kind: 'scheduled'; readonly dueAt: Date } | { readonly kind: 'manual' };

export interface DigestRunnerDeps {
  readonly store: DigestStore;
  readonly poster: DigestPoster;
  /** The engine, or a throw while it is not ready. */
  readonly engine: () => DigestEngine;
  readonly clock: Clock;
  readonly logger: Logger;
}

export class DigestRunner {
  constructor(private readonly deps: DigestRunnerDeps) {}

  /** What `digest` would post at `now`, without posting or recording anything. */
  async compose(digest: Digest, now: Date, lateFor: Date | null = null): Promise<DigestMessage> {
    const engine = this.deps.engine();
    const hits = digest.topic === null ? null : await rankTopic(engine, digest.topic);
    const selection = selectPapers({
      papers: engine.papers,
      addedAt: (id) => engine.addedAt(id),
      posted: postedInChannel(this.deps.store.state, digest.channelId),
      since: new Date(digest.lastPostedAt ?? digest.createdAt),
      count: digest.count,
      topicRanking: hits === null ? null : hits.map((hit) => hit.id),
    });
    const header = { dateLabel: dateLabel(now, digest.timezone), topic: digest.topic, lateFor: lateFor?.toISOString() ?? null };
    if (selection.kind === 'exhausted') return { kind: 'exhausted', ...header };
    const topicHits = new Map(hits?.map((hit) => [hit.id, hit]));
    const cards: DigestCard[] = [];
    for (const { id, fresh } of selection.picks) {
      // A topic digest shows the summary chosen for its topic; a general one what the paper is about.
      const hit = topicHits.get(id) ?? (await engine.hit(id));
      if (hit !== undefined) cards.push(cardFor(hit, fresh));
    }
    return cards.length === 0 ? { kind: 'exhausted', ...header } : { kind: 'papers', ...header, cards };
  }

  /** Runs a digest now: for its scheduled slot (which then moves to the next one) or on demand. */
  async run(digestId: string, trigger: RunTrigger): Promise<RunOutcome> {
    const digest = this.deps.store.state.digests.find((d) => d.id === digestId);
    if (digest === undefined) return { kind: 'missing' };
    const now = this.deps.clock.now();
    const scheduled = trigger.kind === 'scheduled';
    const lateFor = scheduled && now.getTime() - trigger.dueAt.getTime() > LATE_AFTER_MS ? trigger.dueAt : null;
    // From "now", not from the slot: after days offline this skips to the next future slot, so one late post, not one per missed day.
    const nextDueAt = scheduled ? nextSlot(digest.time, digest.timezone, now).toISOString() : null;

    let message: DigestMessage;
    try {
      message = await this.compose(digest, now, lateFor);
    } catch (error) {
      this.deps.logger.error({ err: error, digestId }, 'digest: choosing papers failed');
      const reason = error instanceof Error ? error.message : String(error);
      await this.recordRun(digestId, nextDueAt, { at: now.toISOString(), outcome: 'failed', late: false, papers: 0, detail: reason });
      return { kind: 'failed', reason, willRetry: false };
    }
    if (message.kind === 'exhausted' && digest.status.kind === 'exhausted' && scheduled) {
      await this.recordRun(digestId, nextDueAt, { at: now.toISOString(), outcome: 'quiet', late: false, papers: 0, detail: null });
      return { kind: 'quiet' };
    }

    const intent: Intent = {
      nonce: randomBytes(12).toString('base64url'),
      digestId,
      channelId: digest.channelId,
      trigger: trigger.kind,
      late: lateFor !== null,
      message,
      createdAt: now.toISOString(),
      attempts: 0,
      retryAt: now.toISOString(),
    };
    // The intent and the slot move in one write: after this, a restart reconciles this post instead of choosing again.
    await this.deps.store.update((state) => {
      state.intents.push(intent);
      const stored = state.digests.find((d) => d.id === digestId);
      if (stored !== undefined && nextDueAt !== null) stored.nextDueAt = nextDueAt;
    });
    return this.deliver(intent);
  }

  /**
   * Finishes an intent left by a crash or a failed attempt: if the channel
   * already has the message, only record it; otherwise post it (same nonce).
   */
  async resume(intent: Intent): Promise<RunOutcome> {
    let found: FindOutcome;
    try {
      found = await this.deps.poster.find(intent.channelId, intent.nonce, new Date(intent.createdAt));
    } catch (error) {
      found = { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
    }
    this.deps.logger.info({ digestId: intent.digestId, nonce: intent.nonce, found: found.kind }, 'digest: reconciling unfinished post');
    // Not knowing whether the first attempt landed, posting again could duplicate once Discord's nonce window has passed: wait.
    if (found.kind === 'failed' || found.kind === 'paused') return this.finish(intent, found);
    if (found.kind === 'found') return this.finish(intent, { kind: 'posted', messageId: found.messageId });
    return this.deliver(intent);
  }

  private async deliver(intent: Intent): Promise<RunOutcome> {
    let outcome: PostOutcome;
    try {
      outcome = await this.deps.poster.post(intent.channelId, intent.message, intent.nonce);
    } catch (error) {
      this.deps.logger.error({ err: error, digestId: intent.digestId }, 'digest: posting threw');
      outcome = { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
    }
    return this.finish(intent, outcome);
  }

  private async finish(intent: Intent, outcome: PostOutcome): Promise<RunOutcome> {
    const now = this.deps.clock.now();
    const result = await this.deps.store.update((state) => recordOutcome(state, intent, outcome, now));
    const log = result.kind === 'posted' ? 'info' : 'warn';
    this.deps.logger[log]({ digestId: intent.digestId, channelId: intent.channelId, trigger: intent.trigger, outcome: result }, 'digest run');
    return result;
  }

  private async recordRun(digestId: string, nextDueAt: string | null, lastRun: LastRun): Promise<void> {
    await this.deps.store.update((state) => {
      const digest = state.digests.find((d) => d.id === digestId);
      if (digest === undefined) return;
      digest.lastRun = lastRun;
      if (nextDueAt !== null) digest.nextDueAt = nextDueAt;
    });
  }
}
