/**
 * The watch notifier on Discord's REST API: opens (once) the DM channel with
 * the user (`POST /users/@me/channels`) and posts the notice there, through
 * prepareMessage like every other message. "Cannot send messages to this
 * user" (closed DMs, no shared server) and an unknown user are final: the
 * watch service pauses the watches. Anything else is transient.
 */
import { DiscordAPIError, HTTPError, RESTJSONErrorCodes, Routes, type APIChannel, type Client, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { Logger } from '../../src/logger.js';
import type { NoticeOutcome, WatchNotice, WatchNotifier } from '../../src/watch/watch-notifier.js';
import { prepareMessage } from '../render/message.js';
import { renderWatchNotice } from '../render/watch-notice.js';

/** Why a user cannot get DMs, in words for `/papers watches`. */
const CLOSED_REASONS: Readonly<Partial<Record<number, string>>> = {
  [RESTJSONErrorCodes.CannotSendMessagesToThisUser]: 'Discord would not deliver my DM (your DMs are closed to me, 50007 Cannot send messages to this user)',
  [RESTJSONErrorCodes.CannotSendMessagesToThisUserDueToHavingNoMutualGuilds]: 'Discord would not deliver my DM (we no longer share a server, 50278)',
  [RESTJSONErrorCodes.UnknownUser]: 'Discord no longer knows this user (10013 Unknown User)',
};

function classify(error: unknown): NoticeOutcome {
  if (error instanceof DiscordAPIError) {
    const reason = typeof error.code === 'number' ? CLOSED_REASONS[error.code] : undefined;
    return reason === undefined ? { kind: 'failed', reason: `${error.status} ${error.message}` } : { kind: 'closed', reason };
  }
  if (error instanceof HTTPError) return { kind: 'failed', reason: `${error.status} ${error.message}` };
  return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
}

export class DiscordWatchNotifier implements WatchNotifier {
  /** A user's DM channel never changes: opened once per user and process. */
  private readonly channels = new Map<string, string>();

  constructor(
    private readonly client: Client,
    private readonly logger: Logger,
  ) {}

  async send(notice: WatchNotice): Promise<NoticeOutcome> {
    const { content, embeds } = prepareMessage(renderWatchNotice(notice));
    const body: RESTPostAPIChannelMessageJSONBody = { content, embeds, allowed_mentions: { parse: [] } };
    try {
      const channelId = await this.channelOf(notice.userId);
      await this.client.rest.post(Routes.channelMessages(channelId), { body });
      // prepareMessage keeps a prefix of the cards (trailing ones go when the message would be too long).
      return { kind: 'sent', delivered: notice.matches.slice(0, embeds.length).map((match) => match.card.id) };
    } catch (error) {
      // A DM channel Discord no longer knows is opened afresh next time (the retry), not posted to forever.
      if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownChannel) this.channels.delete(notice.userId);
      const outcome = classify(error);
      this.logger.warn({ err: error, userId: notice.userId, outcome }, 'watch DM refused');
      return outcome;
    }
  }

  private async channelOf(userId: string): Promise<string> {
    const known = this.channels.get(userId);
    if (known !== undefined) return known;
    const channel = (await this.client.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;
    this.channels.set(userId, channel.id);
    return channel.id;
  }
}
