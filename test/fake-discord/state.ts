/**
 * Everything the fake remembers between requests: the request log, messages, channel states,
 * interactions and registered commands. Shared by the REST routes, the gateway side and the handles.
 */
import { MessageFlags, type InteractionType, type MessageType } from 'discord.js';
import { applyMessageEdit, messagePayload, type Json } from './payloads.js';
import type { ApiError } from './message-limits.js';
import type { ChannelState, FakeUser, RecordedFile, RecordedRequest } from './types.js';
import { WaitableLog } from './waiters.js';

export interface FakeConfig {
  applicationId: string;
  guildId: string;
  channelIds: readonly string[];
  botUser: FakeUser;
  ownerId: string;
  joinedAt: string;
}

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

export class FakeState {
  readonly requests = new WaitableLog<RecordedRequest>();
  /** Every message the bot created, by id, with edits applied; insertion order = creation order. */
  readonly messages = new Map<string, Json>();
  /** Ids of messages created by POST /channels/{id}/messages, per channel, in order. */
  readonly channelPosts = new Map<string, string[]>();
  readonly channelStates = new Map<string, ChannelState>();
  readonly interactions = new Map<string, InteractionRecord>();
  globalCommands: StoredCommand[] = [];
  readonly guildCommands = new Map<string, StoredCommand[]>();

  constructor(readonly config: FakeConfig) {
    for (const id of config.channelIds) this.channelStates.set(id, 'ok');
  }

  /** The error Discord returns for a post to `channelId`, or null if the channel takes posts. */
  channelError(channelId: string): ApiError | null {
    const state = this.channelStates.get(channelId);
    if (state === undefined || state === 'deleted') return { status: 404, body: { code: 10003, message: 'Unknown Channel' } };
    if (state === 'forbidden') return { status: 403, body: { code: 50001, message: 'Missing Access' } };
    return null;
  }

  /** Creates and stores a message the bot sent; `applicationId` marks an interaction response. */
  createMessage(channelId: string, body: Json, files: readonly RecordedFile[], type?: MessageType, applicationId?: string): Json {
    const message = messagePayload({
      channelId, guildId: this.config.guildId, author: this.config.botUser, body, files, type, applicationId,
    });
    this.messages.set(String(message.id), message);
    return message;
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
