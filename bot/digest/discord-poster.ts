/**
 * The digest poster on Discord's REST API. Posts carry a nonce with
 * `enforce_nonce`, so a repeated POST (discord.js retrying after a timeout,
 * or a restart re-posting an unfinished intent) returns the first message
 * instead of creating a second one. Channel refusals become "paused".
 */
import {
  DiscordAPIError,
  HTTPError,
  RESTJSONErrorCodes,
  Routes,
  SnowflakeUtil,
  type APIMessage,
  type Client,
  type RESTPostAPIChannelMessageJSONBody,
} from 'discord.js';
import type { DigestMessage } from '../../src/digest/digest-message.js';
import type { DigestPoster, FindOutcome, PostOutcome } from '../../src/digest/digest-poster.js';
import type { Logger } from '../../src/logger.js';
import { prepareMessage } from '../render/message.js';
import { refLine, renderDigest } from './render-digest.js';

/** Discord's largest page of channel history. */
export const HISTORY_PAGE = 100;
/** Reading stops after this many pages (10,000 messages): a busier channel than that is checked no further. */
export const MAX_HISTORY_PAGES = 100;
/** Start reading a little before the intent was recorded, for clock skew between us and Discord. */
const CLOCK_SKEW_MS = 60_000;

/** Why a channel refused us, in words for `/digest list`; other errors are transient. */
const PAUSE_REASONS: Readonly<Partial<Record<number, string>>> = {
  [RESTJSONErrorCodes.UnknownChannel]: 'the channel no longer exists (404 Unknown Channel)',
  [RESTJSONErrorCodes.MissingAccess]: 'I cannot see that channel (403 Missing Access)',
  [RESTJSONErrorCodes.MissingPermissions]: 'I lack permission to post there: Send Messages and Embed Links (403 Missing Permissions)',
};

function classify(error: unknown): { kind: 'paused' | 'failed'; reason: string } {
  if (error instanceof DiscordAPIError) {
    const reason = typeof error.code === 'number' ? PAUSE_REASONS[error.code] : undefined;
    if (reason !== undefined) return { kind: 'paused', reason };
    return { kind: 'failed', reason: `${error.status} ${error.message}` };
  }
  // A 5xx that outlasted discord.js's retries: keep the status, "Service Unavailable" alone says little in /digest list.
  if (error instanceof HTTPError) return { kind: 'failed', reason: `${error.status} ${error.message}` };
  return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
}

export class DiscordDigestPoster implements DigestPoster {
  constructor(
    private readonly client: Client,
    private readonly logger: Logger,
  ) {}

  async post(channelId: string, message: DigestMessage, nonce: string): Promise<PostOutcome> {
    const { content, embeds, components } = prepareMessage(renderDigest(message, nonce));
    const body: RESTPostAPIChannelMessageJSONBody = { content, embeds, components, allowed_mentions: { parse: [] }, nonce, enforce_nonce: true };
    try {
      const sent = (await this.client.rest.post(Routes.channelMessages(channelId), { body })) as APIMessage;
      return { kind: 'posted', messageId: sent.id };
    } catch (error) {
      const outcome = classify(error);
      this.logger.warn({ err: error, channelId, outcome }, 'digest post refused');
      return outcome;
    }
  }

  async find(channelId: string, nonce: string, since: Date): Promise<FindOutcome> {
    const self = this.client.user?.id;
    const marker = refLine(nonce);
    try {
      // Page back from the newest message until the history is older than the intent: however busy the channel
      // has been since, the post is in that range. The first page is always read, so a clock ahead of Discord's
      // can shorten the search but never skip the most recent messages.
      const intentId = BigInt(SnowflakeUtil.generate({ timestamp: since.getTime() - CLOCK_SKEW_MS }));
      let before: bigint | undefined;
      for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
        const query = new URLSearchParams({ limit: String(HISTORY_PAGE), ...(before === undefined ? {} : { before: before.toString() }) });
        const batch = (await this.client.rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
        const mine = batch.find((m) => m.author.id === self && (m.nonce === nonce || m.content.includes(marker)));
        if (mine !== undefined) return { kind: 'found', messageId: mine.id };
        if (batch.length < HISTORY_PAGE) return { kind: 'absent' };
        before = batch.reduce((oldest, m) => (BigInt(m.id) < oldest ? BigInt(m.id) : oldest), BigInt(batch[0]!.id));
        if (before < intentId) return { kind: 'absent' };
      }
      this.logger.warn({ channelId, pages: MAX_HISTORY_PAGES }, 'digest: post not found in the history read; treating it as absent');
      return { kind: 'absent' };
    } catch (error) {
      const outcome = classify(error);
      // A history we may not read (403; without Read Message History Discord instead answers an empty list) is no
      // reason to pause a channel we can post in: say "absent" and let the nonce guard the re-post.
      if (error instanceof DiscordAPIError && error.status === 403) {
        this.logger.warn({ channelId, reason: outcome.reason }, 'digest: cannot read recent messages to reconcile; re-posting with the same nonce');
        return { kind: 'absent' };
      }
      return outcome;
    }
  }
}
