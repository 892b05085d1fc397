/**
 * Logs what the connection goes through. discord.js reconnects, resumes and
 * retries 5xx/429 by itself; the bot only records it and never exits on it.
 * Its `debug` stream is deliberately not forwarded: it prints part of the token.
 */
import { Events, RESTEvents, type Client } from 'discord.js';
import type { Logger } from '../src/logger.js';

export function watchClient(client: Client, logger: Logger): void {
  client.once(Events.ClientReady, (ready) => logger.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, 'connected to Discord'));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ shard, code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway session resumed'));
  client.on(Events.ShardReady, (shard) => logger.debug({ shard }, 'gateway shard ready'));
  client.on(Events.ShardError, (error, shard) => logger.warn({ err: error, shard }, 'gateway error'));
  client.on(Events.Invalidated, () => logger.error('gateway session invalidated'));
  client.on(Events.Warn, (message) => logger.warn({ detail: message }, 'discord.js warning'));
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord.js error'));
  client.rest.on(RESTEvents.Response, (request, response) => {
    // Never touch response.body: it may be the very stream discord.js is about to read.
    // `route` is the rate-limit bucket with ids and interaction tokens replaced by placeholders: safe to log.
    if (response.status === 429 || response.status >= 500) {
      logger.warn({ method: request.method, route: request.route, status: response.status, attempt: request.retries + 1 }, 'Discord answered with an error; discord.js retries');
    }
  });
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.warn({ route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global }, 'Discord rate limit hit; waiting'),
  );
}
