/**
 * Papers that arrive by themselves, as a background service of the bot: the
 * feed service on the engine's store, started after the engine is open and
 * stopped (letting a fetch in progress finish) before the bot disconnects.
 * It fetches on the bot's clock (`ctx.clock`) only when FEED_ENABLED and this
 * process writes the store; otherwise it is still there for `/papers add`.
 */
import { FeedService, storedValidators, type FeedSettings } from '../../src/feeds/feed-service.js';
import { createHttpClient, type HttpClientOptions } from '../../src/feeds/http-client.js';
import type { BackgroundService } from '../background-service.js';
import type { CommandContext } from '../command.js';

/** What tests (and only tests) change about the feeds: shorter HTTP timeouts and retries, arXiv's request gap. */
export interface FeedBackgroundOptions {
  readonly http?: Omit<Partial<HttpClientOptions>, 'logger' | 'validators' | 'time'>;
  readonly arxivIntervalMs?: number;
}

export function feedBackground(ctx: CommandContext, options: FeedBackgroundOptions = {}): BackgroundService {
  const { config, logger } = ctx;
  let service: FeedService | undefined;
  return {
    name: 'feeds',
    async start() {
      const opened = ctx.engine.opened;
      if (opened === undefined) throw new Error('the feed service starts after the engine is open');
      const { store, engine } = opened;
      // Validators kept in the store make the next start's first fetch of a day a cheap 304.
      const http = createHttpClient({
        logger,
        validators: storedValidators(store.feeds),
        ...options.http,
      });
      const settings: FeedSettings = {
        hfApiBase: config.HF_API_BASE,
        arxivApiBase: config.ARXIV_API_BASE,
        backfillDays: config.FEED_BACKFILL_DAYS,
        intervalMinutes: config.FEED_INTERVAL_MINUTES,
        arxivCategories: config.FEED_ARXIV_CATEGORIES,
        ...(options.arxivIntervalMs === undefined ? {} : { arxivIntervalMs: options.arxivIntervalMs }),
      };
      service = new FeedService({ engine, repository: store.feeds, settings, logger, clock: ctx.clock, http });
      const fetching = config.FEED_ENABLED && engine.status().writer;
      if (fetching) await service.start();
      else logger.info({ enabled: config.FEED_ENABLED, writer: engine.status().writer }, 'feeds: not fetching on a schedule');
      ctx.feeds.set(service, fetching, () => http.health());
    },
    async stop() {
      ctx.feeds.set(undefined);
      await service?.stop();
    },
  };
}
