/**
 * The digest feature's background work, as one BackgroundService: read the
 * state file, start the scheduler (which first reconciles unfinished posts,
 * then posts what was missed), and watch the seeds directory for new dumps.
 * createBot starts it once connected with the engine loaded.
 */
import type { Client } from 'discord.js';
import { DigestService } from '../../src/digest/digest-service.js';
import { watchSeeds, type SeedsWatcher } from '../../src/digest/seeds-watcher.js';
import type { RefreshReport } from '../../src/search/engine-types.js';
import type { BackgroundService } from '../background-service.js';
import type { CommandContext } from '../command.js';
import { DiscordDigestPoster } from './discord-poster.js';

/** What tests (and only tests) change about the digest feature; its clock is the bot's (`ctx.clock`). */
export interface DigestBackgroundOptions {
  readonly spreadMs?: number;
  readonly seedsDebounceMs?: number;
  /** Called after each refresh triggered by a new dump. */
  readonly onSeedsRefresh?: (report: RefreshReport) => void;
}

export function digestBackground(ctx: CommandContext, client: Client, settings: DigestBackgroundOptions = {}): BackgroundService {
  const { config, logger } = ctx;
  let watcher: SeedsWatcher | undefined;
  return {
    name: 'digest',
    async start() {
      const opened = ctx.engine.opened;
      if (opened === undefined) throw new Error('the digest service starts after the engine is open');
      const service = await DigestService.open({
        repository: opened.store.digests,
        dataDir: config.DATA_DIR,
        recovery: opened.report.recovery,
        poster: new DiscordDigestPoster(client, logger),
        engine: () => ctx.engine.get(),
        logger,
        clock: ctx.clock,
        ...(settings.spreadMs === undefined ? {} : { spreadMs: settings.spreadMs }),
      });
      ctx.digests.set(service);
      service.start();
      watcher = watchSeeds({
        dir: config.SEEDS_DIR,
        refresh: () => ctx.engine.get().refresh(),
        logger,
        ...(settings.seedsDebounceMs === undefined ? {} : { debounceMs: settings.seedsDebounceMs }),
        ...(settings.onSeedsRefresh === undefined ? {} : { onRefresh: settings.onSeedsRefresh }),
      });
    },
    async stop() {
      watcher?.close();
      await ctx.digests.current?.stop();
      ctx.digests.set(undefined);
    },
  };
}
