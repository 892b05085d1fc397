/**
 * Builds the bot without starting it, so tests can run it in-process against
 * the fake Discord and main.ts only wires config, logger and signals.
 *
 * `start()` logs in and loads the engine at the same time: commands that
 * arrive meanwhile are answered "warming up". `stop()` stops accepting
 * interactions, lets in-flight replies finish (bounded), stops background
 * services and disconnects.
 */
import os from 'node:os';
import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import type { BotConfig } from '../src/config.js';
import type { Logger } from '../src/logger.js';
import type { OpenedEngine } from '../src/search/create-engine.js';
import { processAlive } from '../src/store/sqlite/lease-repository.js';
import { StoreError } from '../src/store/store-error.js';
import type { BackgroundService } from './background-service.js';
import { systemClock, type Clock } from '../src/clock.js';
import type { Command, CommandContext, ResultPage } from './command.js';
import { commands as allCommands } from './commands.js';
import { digestBackground, type DigestBackgroundOptions } from './digest/digest-background.js';
import { DigestHolder } from './digest/digest-holder.js';
import { createDispatch } from './dispatch.js';
import { EngineHolder } from './engine-holder.js';
import { feedBackground, type FeedBackgroundOptions } from './feeds/feed-background.js';
import { FeedHolder } from './feeds/feed-holder.js';
import { InFlight } from './in-flight.js';
import { DEFAULT_PAGE_ENTRIES, DEFAULT_PAGE_TTL_MS, PageStore } from './page-store.js';
import { RateLimiter } from './rate-limiter.js';
import { storeBackup } from './store-backup.js';
import { watchClient } from './watch-client.js';
import { watchBackground, type WatchBackgroundOptions } from './watch/watch-background.js';
import { WatchHolder } from './watch/watch-holder.js';

/** Opens the engine and its store; the caller (main.ts, a test) owns it and closes it after the bot stops. */
export type EngineLoader = () => Promise<OpenedEngine>;

export interface BotOptions {
  readonly config: BotConfig;
  readonly logger: Logger;
  readonly engineLoader: EngineLoader;
  readonly clock?: Clock;
  /** Defaults to every command in bot/commands.ts. */
  readonly commands?: readonly Command[];
  /** Background work started after the bot is ready and stopped before it disconnects. */
  readonly services?: (ctx: CommandContext, client: Client) => readonly BackgroundService[];
  /** How long stop() waits for in-flight replies before disconnecting anyway. */
  readonly shutdownGraceMs?: number;
  readonly pageTtlMs?: number;
  /** Test hooks for the digest feature: the gap between posts, the seeds debounce. */
  readonly digest?: DigestBackgroundOptions;
  /** Test hooks for the feeds: short HTTP timeouts and retries. */
  readonly feeds?: FeedBackgroundOptions;
  /** Test hooks for watches: batching delays, each batch's outcome. */
  readonly watch?: WatchBackgroundOptions;
  /** How the bot waits for a command-line run that holds the store (tests shorten it). */
  readonly cliWait?: { readonly pollMs: number; readonly maxMs: number };
}

export interface Bot {
  readonly client: Client;
  readonly context: CommandContext;
  /** Resolves once connected and the engine is loaded; rejects if either fails. */
  start(): Promise<void>;
  /** Idempotent. */
  stop(): Promise<void>;
}

const DEFAULT_SHUTDOWN_GRACE_MS = 5000;
/**
 * A command-line run holding the store (its first run embeds the corpus: minutes) ends by itself: the bot waits
 * for it, checking every few seconds, instead of refusing to start. Another bot never ends by itself: refused.
 */
const CLI_WAIT = { pollMs: 3_000, maxMs: 20 * 60_000 };

export function createBot(options: BotOptions): Bot {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // Default for every message the client sends; the renderer sets it on each payload too.
    allowedMentions: { parse: [] },
    rest: config.DISCORD_API_BASE === undefined ? {} : { api: config.DISCORD_API_BASE },
  });
  const context: CommandContext = {
    engine: new EngineHolder(),
    logger,
    config,
    clock,
    rateLimiter: new RateLimiter({ limit: config.RATE_LIMIT_COMMANDS, windowMs: config.RATE_LIMIT_WINDOW_SECONDS * 1000, clock }),
    pages: new PageStore<ResultPage>({ ttlMs: options.pageTtlMs ?? DEFAULT_PAGE_TTL_MS, maxEntries: DEFAULT_PAGE_ENTRIES, clock }),
    digests: new DigestHolder(),
    feeds: new FeedHolder(),
    watches: new WatchHolder(),
  };
  const dispatch = createDispatch(options.commands ?? allCommands, context);
  const inFlight = new InFlight();
  // Watches before feeds: the first fetch's papers are embedded right after it, and their batch must not be missed.
  const services = [
    digestBackground(context, client, options.digest),
    storeBackup(context),
    watchBackground(context, client, options.watch),
    feedBackground(context, options.feeds),
    ...(options.services?.(context, client) ?? []),
  ];
  const started: BackgroundService[] = [];
  let stopping: Promise<void> | undefined;

  const onInteraction = (interaction: Interaction): void => {
    inFlight.track(dispatch(interaction).catch((error: unknown) => logger.error({ err: error }, 'interaction dispatch failed')));
  };

  /** Opens the engine; while a command-line run holds the store, reopens it once that run has let go. */
  async function openWriting(): Promise<OpenedEngine> {
    const wait = options.cliWait ?? CLI_WAIT;
    const until = performance.now() + wait.maxMs;
    for (;;) {
      const opened = await options.engineLoader();
      const lease = opened.report.lease;
      if (lease?.acquired !== false || lease.holder.kind !== 'cli' || performance.now() > until || stopping !== undefined) return opened;
      const { pid, host } = lease.holder;
      logger.info({ holder: { pid, host } }, 'store: a command-line run is writing DATA_DIR; starting once it is done');
      // Reading meanwhile costs nothing; the lease row says when that run has let go (or someone else took over).
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, wait.pollMs));
        const now = await opened.store.lease.holder().catch(() => null);
        if (now === null || now.pid !== pid || now.host !== host || performance.now() > until || stopping !== undefined) break;
        if (host === os.hostname() && !processAlive(pid)) break;
      }
      await opened.engine.close();
    }
  }

  async function loadEngine(): Promise<void> {
    const began = performance.now();
    const opened = await openWriting();
    if (opened.report.readOnlyCause !== null) {
      // The bot records digests and new papers: a store it cannot write is not one it can run on.
      throw new StoreError('EROFS', `DATA_DIR ${config.DATA_DIR} is read-only (${opened.report.readOnlyCause}): the bot needs to write its store; make it writable.`);
    }
    const lease = opened.report.lease;
    if (lease?.acquired === false) {
      // Two bots writing one store would embed the same papers twice and fight over the vector index.
      const { kind, pid, host, since } = lease.holder;
      throw new StoreError('HELD', `DATA_DIR is in use by another paperbot (${kind}, pid ${pid} on ${host}, since ${since.toISOString()}): stop it, or give this bot its own DATA_DIR.`);
    }
    context.engine.set(opened);
    const status = opened.engine.status();
    logger.info(
      { papers: status.papers, embedded: status.embedded, ms: Math.round(performance.now() - began) },
      status.embedded < status.papers ? 'engine open: accepting commands; embedding the rest in the background' : 'engine ready: accepting commands',
    );
  }

  async function connect(): Promise<void> {
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(config.DISCORD_TOKEN);
    await ready;
  }

  async function start(): Promise<void> {
    watchClient(client, logger);
    client.on(Events.InteractionCreate, onInteraction);
    logger.info({ api: config.DISCORD_API_BASE ?? 'discord.com', guild: config.DISCORD_GUILD_ID ?? null }, 'connecting; loading the engine');
    await Promise.all([connect(), loadEngine()]);
    for (const service of services) {
      await service.start();
      started.push(service);
      logger.info({ service: service.name }, 'background service started');
    }
  }

  async function shutdown(): Promise<void> {
    client.off(Events.InteractionCreate, onInteraction);
    for (const service of started.reverse()) {
      try {
        await service.stop();
      } catch (error) {
        logger.warn({ err: error, service: service.name }, 'service failed to stop');
      }
    }
    const pending = inFlight.size;
    const finished = await inFlight.drain(options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS);
    if (!finished) logger.warn({ pending: inFlight.size }, 'shutdown: gave up waiting for in-flight replies');
    else if (pending > 0) logger.info({ pending }, 'shutdown: in-flight replies finished');
    await client.destroy();
    logger.info('disconnected');
  }

  return {
    client,
    context,
    start,
    stop: () => (stopping ??= shutdown()),
  };
}
