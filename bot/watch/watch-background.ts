/**
 * Topic watches as a background service of the bot: the watch service on the
 * engine's store, DMing through Discord, fed by the engine's newly embedded
 * papers (batched, so one fetch round is one DM per user). Started before the
 * feeds, so no embedded batch of the first fetch is missed; stopped after
 * them, sending the batch still pending while the bot is connected.
 */
import type { Client } from 'discord.js';
import { WatchBatcher } from '../../src/watch/watch-batcher.js';
import type { UserNotice } from '../../src/watch/deliver-notices.js';
import { WatchService } from '../../src/watch/watch-service.js';
import type { BackgroundService } from '../background-service.js';
import type { CommandContext } from '../command.js';
import { DiscordWatchNotifier } from './discord-notifier.js';

/** What tests (and only tests) change about watches: the batching delays, and a look at each batch's outcome. */
export interface WatchBackgroundOptions {
  readonly debounceMs?: number;
  readonly maxWaitMs?: number;
  readonly onBatch?: (batch: WatchBatch) => void;
}

/** One batch as tests see it: the newly embedded papers it was for, and what each user got. */
export interface WatchBatch {
  readonly paperIds: readonly string[];
  readonly notices: readonly UserNotice[];
}

/** How far back a start looks for papers a restart may have kept from their watchers. */
const RECHECK_MS = 2 * 24 * 60 * 60_000;

export function watchBackground(ctx: CommandContext, client: Client, options: WatchBackgroundOptions = {}): BackgroundService {
  const { config, logger } = ctx;
  let batcher: WatchBatcher | undefined;
  let unsubscribe: (() => void) | undefined;
  return {
    name: 'watches',
    start() {
      const opened = ctx.engine.opened;
      if (opened === undefined) throw new Error('the watch service starts after the engine is open');
      const service = new WatchService({
        repository: opened.store.watches,
        engine: () => ctx.engine.get(),
        notifier: new DiscordWatchNotifier(client, logger),
        clock: ctx.clock,
        logger,
        maxDmsPerDay: config.WATCH_MAX_DMS_PER_DAY,
      });
      batcher = new WatchBatcher({
        notify: async (paperIds) => {
          const notices = await service.notify(paperIds);
          options.onBatch?.({ paperIds, notices });
        },
        logger,
        ...(options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs }),
        ...(options.maxWaitMs === undefined ? {} : { maxWaitMs: options.maxWaitMs }),
      });
      const papers = batcher;
      unsubscribe = opened.engine.onEmbedded((ids) => papers.add(ids));
      // What a restart kept from its watchers (held back by the daily cap, a DM that failed, a batch still waiting)
      // lives only in memory: the papers of the last two days are offered again. Nothing is ever sent twice.
      const since = ctx.clock.now().getTime() - RECHECK_MS;
      const recent = opened.engine.papers.filter((paper) => paper.addedAt.getTime() >= since).map((paper) => paper.id);
      if (recent.length > 0) papers.add(recent);
      ctx.watches.set(service);
    },
    async stop() {
      unsubscribe?.();
      await batcher?.stop();
      ctx.watches.set(undefined);
    },
  };
}
