/**
 * The one shape every slash command has, and what it is given to run.
 * Definitions (`data`) are plain JSON from a SlashCommandBuilder so the same
 * object is registered by deploy-commands and routed by the dispatcher.
 */
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageComponentInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotConfig } from '../src/config.js';
import type { Logger } from '../src/logger.js';
import type { Clock } from '../src/clock.js';
import type { DigestHolder } from './digest/digest-holder.js';
import type { EngineHolder } from './engine-holder.js';
import type { FeedHolder } from './feeds/feed-holder.js';
import type { PageStore } from './page-store.js';
import type { RateLimiter } from './rate-limiter.js';
import type { WatchHolder } from './watch/watch-holder.js';

/** What a "More results" button needs to fetch another page of a search. */
export type ResultPage = SearchPage | NewPapersPage;

/** A page of `about` or `similar`. */
export interface SearchPage {
  readonly kind: 'about' | 'similar';
  /** The query for `about`, the paper id for `similar`. */
  readonly text: string;
  readonly count: number;
  readonly hasCode?: boolean;
}

/** A page of `/papers new`: the Daily Papers since a day, by upvotes or for a topic. */
export interface NewPapersPage {
  readonly kind: 'new';
  /** `YYYY-MM-DD`, fixed when the command ran, so paging never slides to another day. */
  readonly dailyFrom: string;
  /** How many days back the user asked for (1: today), for the heading. */
  readonly days: number;
  readonly topic?: string;
  readonly count: number;
}

/**
 * Shared services handed to every command. Open for extension: a service
 * that commands need (a digest store, say) becomes another field here and is
 * built once in createBot.
 */
export interface CommandContext {
  /** Empty while the engine warms up; the dispatcher only runs commands once it is ready. */
  readonly engine: EngineHolder;
  readonly logger: Logger;
  readonly config: BotConfig;
  readonly clock: Clock;
  readonly rateLimiter: RateLimiter;
  readonly pages: PageStore<ResultPage>;
  /** Empty until the digest service has read its state (just after the engine is ready). */
  readonly digests: DigestHolder;
  /** Empty until the engine is open: `/papers add` adds through it, help and `/papers new` report on it. */
  readonly feeds: FeedHolder;
  /** Empty until the engine is open (watches live in its store). */
  readonly watches: WatchHolder;
}

export interface Command {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void>;
  /** Must answer quickly and from memory; never rate limited. */
  autocomplete?(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void>;
  /** Buttons and selects whose custom_id starts with `<data.name>:`. */
  component?(interaction: MessageComponentInteraction, ctx: CommandContext): Promise<void>;
}
