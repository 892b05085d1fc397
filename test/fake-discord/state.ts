/**
 * Everything the fake remembers between requests: the request log, messages, channel states,
 * interactions and registered commands. Shared by the REST routes, the gateway side and the handles.
 */
import { MessageFlags, type InteractionType, type MessageType } from 'discord.js';
import { applyMessageEdit, dmChannelPayload, messagePayload, type Json } from './payloads.js';
import type { ApiError } from './message-limits.js';
import { nextSnowflake } from './snowflake.js';
import type { ChannelState, FakeRole, FakeUser, RecordedFile, RecordedRequest } from './types.js';
import { WaitableLog } from './waiters.js';

export interface FakeConfig {
  applicationId: string;
  guildId: string;
  channelIds: readonly string[];
  botUser: FakeUser;
  ownerId: string;
  joinedAt: string;
  roles: readonly FakeRole[];
}

/** What Discord answers a message to a user who does not accept DMs from the bot. */
export const DMS_CLOSED: ApiError = { status: 403, body: { code: 50007, message: 'Cannot send messages to this user' } };

/** What the fake knows about one interaction it dispatched. */
export interface InteractionRecord {
  id: string;
  token: string;
  type: InteractionType;
  channelId: string;
  /** For component interactions: the message the component is on. */
  componentMessageId?: string;
  /** Set by the first successful callback. */
  callbackType?: number;
  /** The message `@original` refers to, once there is one. */
  originalMessageId?: string;
  deleted: boolean;
}

export interface StoredCommand extends Json {
  id: string;
  name: string;
}

/** Snowflakes order by value (BigInt: they exceed 2^53); a non-numeric id a test made up sorts by text. */
export function compareIds(a: string, b: string): number {
  if (!/^\d+$/.test(a) || !/^\d+$/.test(b)) return a.localeCompare(b);
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export class FakeState {
  readonly requests = new WaitableLog<RecordedRequest>();
  /** Every message the bot created, by id, with edits applied; insertion order = creation order. */
  readonly messages = new Map<string, Json>();
  /** Ids of messages created by POST /channels/{id}/messages, per channel, in order. */
  readonly channelPosts = new Map<string, string[]>();
  readonly channelStates = new Map<string, ChannelState>();
  /**
   * Message id → the nonce it was sent with, while Discord still remembers it: returned on the message
   * and used to de-duplicate `enforce_nonce` posts. `FakeDiscord.expireNonces()` ends the window.
   */
  readonly freshNonces = new Map<string, string | number>();
  readonly interactions = new Map<string, InteractionRecord>();
  /** The bot's DM channel with each user (user id → channel id), opened by POST /users/@me/channels. */
  readonly dmChannels = new Map<string, string>();
  /** DM channel id → the user at the other end. */
  readonly dmRecipients = new Map<string, FakeUser>();
  /** Users whose DMs are closed to the bot: posting in their DM channel gets 403/50007. */
  readonly closedDms = new Set<string>();
  /** Users the fake has seen (interactions), so a DM channel can name its recipient. */
  readonly users = new Map<string, FakeUser>();
  globalCommands: StoredCommand[] = [];
  readonly guildCommands = new Map<string, StoredCommand[]>();

  constructor(readonly config: FakeConfig) {
    for (const id of config.channelIds) this.channelStates.set(id, 'ok');
  }

  /** The DM channel with `userId`, opened on first use (Discord returns the same channel every time). */
  openDm(userId: string): Json {
    const user = this.users.get(userId) ?? { id: userId, username: `user-${userId.slice(-4)}` };
    let channelId = this.dmChannels.get(userId);
    if (channelId === undefined) {
      channelId = nextSnowflake();
      this.dmChannels.set(userId, channelId);
      this.dmRecipients.set(channelId, user);
    }
    return dmChannelPayload(channelId, user);
  }

  /** The error Discord returns for a request to `channelId`, or null if the channel takes posts. */
  channelError(channelId: string): ApiError | null {
    if (this.dmRecipients.has(channelId)) return null;
    const state = this.channelStates.get(channelId);
    if (state === undefined || state === 'deleted') return { status: 404, body: { code: 10003, message: 'Unknown Channel' } };
    if (state === 'forbidden') return { status: 403, body: { code: 50001, message: 'Missing Access' } };
    return null;
  }

  /** Creates and stores a message the bot sent; `applicationId` marks an interaction response. */
  createMessage(channelId: string, body: Json, files: readonly RecordedFile[], type?: MessageType, applicationId?: string): Json {
    const guildId = this.dmRecipients.has(channelId) ? undefined : this.config.guildId;
    const message = messagePayload({ channelId, guildId, author: this.config.botUser, body, files, type, applicationId });
    this.messages.set(String(message.id), message);
    return message;
  }

  /** A bot post to a channel (POST /channels/{id}/messages), remembering its nonce while it is fresh. */
  createChannelPost(channelId: string, body: Json, files: readonly RecordedFile[]): Json {
    const message = this.createMessage(channelId, body, files);
    const id = String(message.id);
    this.channelPosts.set(channelId, [...(this.channelPosts.get(channelId) ?? []), id]);
    if (typeof body.nonce === 'string' || typeof body.nonce === 'number') this.freshNonces.set(id, body.nonce);
    return message;
  }

  /** A message someone else typed in the channel: in its history, never among the bot's `channelPosts`. */
  createUserMessage(channelId: string, author: FakeUser, content: string, nonce?: string | number): Json {
    const message = messagePayload({ channelId, guildId: this.config.guildId, author, bot: false, body: { content }, files: [] });
    this.messages.set(String(message.id), message);
    if (nonce !== undefined) this.freshNonces.set(String(message.id), nonce);
    return message;
  }

  /** The still-existing message `authorId` sent to `channelId` with `nonce`, while the nonce is fresh. */
  findByNonce(channelId: string, authorId: string, nonce: unknown): Json | undefined {
    for (const [id, fresh] of this.freshNonces) {
      const message = this.messages.get(id);
      if (fresh === nonce && message?.channel_id === channelId && (message.author as Json | undefined)?.id === authorId) return message;
    }
    return undefined;
  }

  /** A message as the API returns it: a copy, carrying its nonce while that is fresh. */
  view(message: Json): Json {
    const nonce = this.freshNonces.get(String(message.id));
    return nonce === undefined ? structuredClone(message) : { ...structuredClone(message), nonce };
  }

  /** Every message in the channel that others can see (ephemeral ones are not part of it), oldest first. */
  channelHistory(channelId: string): Json[] {
    return [...this.messages.values()]
      .filter((message) => message.channel_id === channelId && (Number(message.flags ?? 0) & MessageFlags.Ephemeral) === 0)
      .sort((a, b) => compareIds(String(a.id), String(b.id)));
  }

  /**
   * Edits a stored message in place. Whether a message is ephemeral is fixed at creation on Discord,
   * and an edit always ends a deferred reply's "thinking…" state, so both flags are handled here.
   */
  editMessage(message: Json, body: Json, files: readonly RecordedFile[]): Json {
    const before = Number(message.flags ?? 0);
    applyMessageEdit(message, body, files);
    const fixed = MessageFlags.Ephemeral | MessageFlags.Loading;
    message.flags = (Number(message.flags ?? 0) & ~fixed) | (before & MessageFlags.Ephemeral);
    message.edited_timestamp = new Date().toISOString();
    return message;
  }

  /** The id a command named `name` is registered under (guild scope first), if it was deployed. */
  commandId(name: string, guildId: string): string | undefined {
    const all = [...(this.guildCommands.get(guildId) ?? []), ...this.globalCommands];
    return all.find((command) => command.name === name)?.id;
  }

  /** The newest bot message holding a component with `customId`. */
  findMessageWithComponent(customId: string): Json | undefined {
    const hasId = (node: unknown): boolean =>
      Array.isArray(node) ? node.some(hasId)
        : typeof node === 'object' && node !== null
          ? (node as Json).custom_id === customId || hasId((node as Json).components)
          : false;
    return [...this.messages.values()].reverse().find((message) => hasId(message.components));
  }
}
