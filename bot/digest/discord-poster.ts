/**
 * The digest poster on Discord's REST API. Posts carry a nonce with
 * `enforce_nonce`, so a repeated POST (discord.js retrying after a timeout,
 * or a restart re-posting an unfinished intent) returns the first message
 * instead of creating a second one. Channel refusals become "paused".
 */
import { DiscordAPIError, RESTJSONErrorCodes, Routes, type APIMessage, type Client, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { DigestMessage } from '../../src/digest/digest-message.js';
import type { DigestPoster, FindOutcome, PostOutcome } from '../../src/digest/digest-poster.js';
import type { Logger } from '../../src/logger.js';
import { prepareMessage } from '../render/message.js';
import { refLine, renderDigest } from './render-digest.js';

/** How far back a restarted bot looks for its own unfinished post: Discord's largest page. */
export const RECENT_MESSAGES = 50;

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

  async find(channelId: string, nonce: string): Promise<FindOutcome> {
    try {
      const query = new URLSearchParams({ limit: String(RECENT_MESSAGES) });
      const recent = (await this.client.rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
      const self = this.client.user?.id;
      const marker = refLine(nonce);
      const mine = recent.find((m) => m.author.id === self && (m.nonce === nonce || m.content.includes(marker)));
      return mine === undefined ? { kind: 'absent' } : { kind: 'found', messageId: mine.id };
    } catch (error) {
      const outcome = classify(error);
      // No Read Message History is no reason to pause a channel we can post in: say "absent" and let the nonce guard the re-post.
      if (error instanceof DiscordAPIError && error.status === 403) {
        this.logger.warn({ channelId, reason: outcome.reason }, 'digest: cannot read recent messages to reconcile; re-posting with the same nonce');
        return { kind: 'absent' };
      }
      return outcome;
    }
  }
}
