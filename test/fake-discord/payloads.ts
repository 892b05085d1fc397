/**
 * Builders for the gateway and REST payloads the fake sends. Each carries the fields discord.js reads
 * when it caches the object (checked against discord.js 14.2x `_patch` methods), so the client builds
 * real `Guild`, `TextChannel`, `Message` and interaction objects from them.
 */
import { ChannelType, MessageType, PermissionFlagsBits } from 'discord.js';
import type { FakeRole, FakeUser, RecordedFile } from './types.js';
import { nextSnowflake } from './snowflake.js';

export type Json = Record<string, unknown>;

/** Every permission Discord knows, as the decimal string Discord sends. */
export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits)
  .reduce((all, bit) => all | bit, 0n)
  .toString();

/** What @everyone may do in the fake guild: everything but Administrator, so channel rules still matter. */
const EVERYONE_PERMISSIONS = (BigInt(ALL_PERMISSIONS) & ~PermissionFlagsBits.Administrator).toString();

/** Discord's upload limit for unboosted guilds, which interactions carry as `attachment_size_limit`. */
const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

export function userPayload(user: FakeUser, bot = false): Json {
  return { id: user.id, username: user.username, discriminator: '0', global_name: null, avatar: null, bot, flags: 0 };
}

/** A DM channel between the bot and `recipient`, as POST /users/@me/channels returns it. */
export function dmChannelPayload(id: string, recipient: FakeUser): Json {
  return { id, type: ChannelType.DM, last_message_id: null, flags: 0, recipients: [userPayload(recipient)] };
}

export function textChannelPayload(id: string, guildId: string, position: number): Json {
  return {
    id, type: ChannelType.GuildText, guild_id: guildId, name: `channel-${position + 1}`, position,
    permission_overwrites: [], nsfw: false, parent_id: null, topic: null, last_message_id: null,
    rate_limit_per_user: 0, flags: 0,
  };
}

function memberPayload(user: FakeUser, joinedAt: string, bot: boolean, roles: readonly string[] = []): Json {
  return {
    user: userPayload(user, bot), roles: [...roles], joined_at: joinedAt, deaf: false, mute: false, flags: 0,
    nick: null, avatar: null, premium_since: null, pending: false, communication_disabled_until: null,
  };
}

export interface GuildSpec {
  id: string;
  ownerId: string;
  channelIds: readonly string[];
  botUser: FakeUser;
  joinedAt: string;
  /** Roles besides @everyone (no permissions of their own). */
  roles?: readonly FakeRole[];
}

function rolePayload(id: string, name: string, position: number, permissions: string): Json {
  return { id, name, color: 0, hoist: false, icon: null, unicode_emoji: null, position, permissions, managed: false, mentionable: false, flags: 0 };
}

/** The guild object without the GUILD_CREATE-only extras (what GET /guilds/{id} returns). */
export function guildPayload(spec: GuildSpec): Json {
  return {
    id: spec.id, name: 'Fake Guild', icon: null, splash: null, discovery_splash: null, banner: null,
    description: null, owner_id: spec.ownerId, afk_channel_id: null, afk_timeout: 300, verification_level: 0,
    default_message_notifications: 0, explicit_content_filter: 0, mfa_level: 0, nsfw_level: 0, premium_tier: 0,
    premium_subscription_count: 0, premium_progress_bar_enabled: false, system_channel_id: null,
    system_channel_flags: 0, rules_channel_id: null, public_updates_channel_id: null, safety_alerts_channel_id: null,
    vanity_url_code: null, preferred_locale: 'en-US', features: [], emojis: [], stickers: [], application_id: null,
    max_members: 500_000, max_video_channel_users: 25,
    // @everyone's role id is the guild id, as on Discord.
    roles: [rolePayload(spec.id, '@everyone', 0, EVERYONE_PERMISSIONS), ...(spec.roles ?? []).map((role, i) => rolePayload(role.id, role.name, i + 1, '0'))],
  };
}

/** GUILD_CREATE: the guild plus its channels and the bot's own member, so `guild.members.me` resolves. */
export function guildCreatePayload(spec: GuildSpec): Json {
  return {
    ...guildPayload(spec),
    unavailable: false, large: false, joined_at: spec.joinedAt, member_count: 2,
    channels: spec.channelIds.map((id, position) => textChannelPayload(id, spec.id, position)),
    members: [memberPayload(spec.botUser, spec.joinedAt, true)],
    threads: [], voice_states: [], presences: [], stage_instances: [], guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export interface MessageSpec {
  channelId: string;
  /** Absent for a DM. */
  guildId?: string;
  author: FakeUser;
  /** Whether the author is a bot (default true: the fake's messages are the bot's unless a test types one). */
  bot?: boolean;
  /** The request body the message is created from (content, embeds, components, flags...). */
  body: Json;
  files: readonly RecordedFile[];
  /** Set for interaction responses: Discord marks those as sent by the application's webhook. */
  applicationId?: string;
  type?: MessageType;
}

/** A full message object as Discord returns it from a create. */
export function messagePayload(spec: MessageSpec): Json {
  const id = nextSnowflake();
  const message: Json = {
    id, channel_id: spec.channelId, ...(spec.guildId === undefined ? {} : { guild_id: spec.guildId }), author: userPayload(spec.author, spec.bot ?? true),
    type: spec.type ?? MessageType.Default, content: '', embeds: [], components: [], attachments: [],
    flags: 0, tts: false, mention_everyone: false, mentions: [], mention_roles: [], pinned: false,
    timestamp: new Date().toISOString(), edited_timestamp: null,
  };
  if (spec.applicationId !== undefined) Object.assign(message, { webhook_id: spec.applicationId, application_id: spec.applicationId });
  applyMessageEdit(message, spec.body, spec.files);
  return message;
}

/** Fields of a create/edit body that end up on the message. */
const MESSAGE_FIELDS = ['content', 'embeds', 'components', 'flags', 'tts', 'poll'] as const;

/** Applies an edit body to a stored message in place, as Discord does: only the fields sent change. */
export function applyMessageEdit(message: Json, body: Json, files: readonly RecordedFile[]): void {
  for (const field of MESSAGE_FIELDS) {
    if (field in body) message[field] = body[field] ?? (field === 'content' ? '' : field === 'flags' ? 0 : []);
  }
  if (files.length > 0) {
    message.attachments = files.map((file) => ({
      id: nextSnowflake(), filename: file.name, size: file.size, content_type: file.contentType,
      url: `https://cdn.invalid/attachments/${file.name}`, proxy_url: `https://cdn.invalid/attachments/${file.name}`,
    }));
  } else if ('attachments' in body && Array.isArray(body.attachments) && body.attachments.length === 0) {
    message.attachments = [];
  }
}

export interface InteractionSpec {
  id: string;
  token: string;
  applicationId: string;
  type: number;
  data: Json;
  /** The guild the app is installed in; the interaction's own guild unless `dm`. */
  guildId: string;
  channel: Json;
  user: FakeUser;
  permissions: string;
  /** The member's role ids (guild interactions only). */
  roles?: readonly string[];
  /** Sent in the user's DM with the bot: no guild, no member, `user` instead (context 1, BOT_DM). */
  dm?: boolean;
  message?: Json;
}

/** INTERACTION_CREATE's `d`, as sent for an interaction in a guild text channel or in the user's DM with the bot. */
export function interactionPayload(spec: InteractionSpec): Json {
  const where: Json = spec.dm === true
    ? { user: userPayload(spec.user), context: 1 }
    : {
        guild_id: spec.guildId, guild_locale: 'en-US', context: 0,
        member: { ...memberPayload(spec.user, new Date(0).toISOString(), false, spec.roles), permissions: spec.permissions },
      };
  const payload: Json = {
    id: spec.id, application_id: spec.applicationId, type: spec.type, data: spec.data, token: spec.token,
    version: 1, channel_id: spec.channel.id, channel: spec.channel, ...where,
    app_permissions: EVERYONE_PERMISSIONS, locale: 'en-US', entitlements: [],
    authorizing_integration_owners: { '0': spec.guildId }, attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
  };
  if (spec.message !== undefined) payload.message = spec.message;
  return payload;
}
