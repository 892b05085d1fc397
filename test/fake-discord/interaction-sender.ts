/**
 * Builds and dispatches INTERACTION_CREATE for the three kinds of interaction the bot handles:
 * chat-input commands, autocomplete and message components. Each is remembered by token so the
 * REST side can answer its callback and webhook, and handed back to the test as a handle.
 */
import { randomBytes } from 'node:crypto';
import { ApplicationCommandType, ComponentType, GatewayDispatchEvents, InteractionType } from 'discord.js';
import { ALL_PERMISSIONS, interactionPayload, textChannelPayload, type Json } from './payloads.js';
import type { FakeState, InteractionRecord } from './state.js';
import type { FakeGateway } from './gateway.js';
import { createHandle, DEFAULT_TIMEOUT_MS } from './interaction-handle.js';
import { fixedSnowflake, nextSnowflake } from './snowflake.js';
import type { AutocompleteInput, CommandInput, CommandOption, ComponentInput, FakeUser, InteractionHandle } from './types.js';

/** Who sends interactions unless a test says otherwise. */
export const DEFAULT_USER: FakeUser = { id: fixedSnowflake('2023-06-01T00:00:00Z', 1), username: 'tester' };

interface Dispatch {
  type: InteractionType;
  data: Json;
  user?: FakeUser;
  permissions?: string;
  roles?: readonly string[];
  /** The DM channel's payload, for an interaction sent from the user's DM with the bot. */
  dmChannel?: Json;
  channelId: string;
  guildId: string;
  message?: Json;
}

const hasFocused = (options: readonly CommandOption[]): boolean => options.some((o) => o.focused === true || hasFocused(o.options ?? []));

export class InteractionSender {
  private readonly unregisteredCommandIds = new Map<string, string>();

  constructor(private readonly state: FakeState, private readonly gateway: FakeGateway) {}

  command(input: CommandInput): Promise<InteractionHandle> {
    const guildId = input.guildId ?? this.state.config.guildId;
    const base = { id: this.commandId(input.name, guildId), name: input.name, type: ApplicationCommandType.ChatInput, options: input.options ?? [] };
    if (input.dm === true) {
      // A DM carries no guild: the command's data has no guild_id, the interaction no member.
      const user = input.user ?? DEFAULT_USER;
      this.state.users.set(user.id, user);
      const dmChannel = this.state.openDm(user.id);
      return this.dispatch({ ...input, type: InteractionType.ApplicationCommand, data: base, channelId: String(dmChannel.id), guildId, dmChannel });
    }
    const data = { ...base, guild_id: guildId };
    return this.dispatch({ ...input, type: InteractionType.ApplicationCommand, data, channelId: input.channelId ?? this.defaultChannel(), guildId });
  }

  autocomplete(input: AutocompleteInput): Promise<InteractionHandle> {
    if (!hasFocused(input.options)) throw new Error('FakeDiscord.sendAutocomplete: one option needs focused: true');
    const { guildId } = this.state.config;
    const data = { id: this.commandId(input.name, guildId), name: input.name, type: ApplicationCommandType.ChatInput, options: input.options, guild_id: guildId };
    return this.dispatch({ ...input, type: InteractionType.ApplicationCommandAutocomplete, data, channelId: this.defaultChannel(), guildId });
  }

  component(input: ComponentInput): Promise<InteractionHandle> {
    const message = this.componentMessage(input);
    const data: Json = { custom_id: input.customId, component_type: input.componentType };
    if (input.componentType === ComponentType.StringSelect) data.values = input.values ?? [];
    return this.dispatch({ ...input, type: InteractionType.MessageComponent, data, channelId: String(message.channel_id), guildId: this.state.config.guildId, message });
  }

  private defaultChannel(): string {
    const channelId = this.state.config.channelIds[0];
    if (channelId === undefined) throw new Error('FakeDiscord: no channelIds, so interactions need an explicit channelId');
    return channelId;
  }

  /** The registered id, or a made-up one that stays the same for the same name. */
  private commandId(name: string, guildId: string): string {
    const registered = this.state.commandId(name, guildId);
    if (registered !== undefined) return registered;
    const id = this.unregisteredCommandIds.get(name) ?? nextSnowflake();
    this.unregisteredCommandIds.set(name, id);
    return id;
  }

  /** The message a component sits on: the one named, the newest holding it, or a stand-in the fake stores. */
  private componentMessage(input: ComponentInput): Json {
    const known = input.messageId === undefined ? this.state.findMessageWithComponent(input.customId) : this.state.messages.get(input.messageId);
    if (known) return structuredClone(known);
    const component = input.componentType === ComponentType.Button
      ? { type: ComponentType.Button, style: 1, label: input.customId, custom_id: input.customId }
      : { type: ComponentType.StringSelect, custom_id: input.customId, options: (input.values ?? []).map((v) => ({ label: v, value: v })) };
    const message = this.state.createMessage(this.defaultChannel(), { components: [{ type: ComponentType.ActionRow, components: [component] }] }, []);
    if (input.messageId !== undefined) {
      this.state.messages.delete(String(message.id));
      message.id = input.messageId;
      this.state.messages.set(input.messageId, message);
    }
    return structuredClone(message);
  }

  private async dispatch(spec: Dispatch): Promise<InteractionHandle> {
    await this.gateway.liveCondition.wait(DEFAULT_TIMEOUT_MS, 'a client to IDENTIFY or RESUME');
    const id = nextSnowflake();
    const token = `fake-interaction-${randomBytes(32).toString('base64url')}`;
    const record: InteractionRecord = { id, token, type: spec.type, channelId: spec.channelId, deleted: false };
    if (spec.message !== undefined) record.componentMessageId = String(spec.message.id);
    this.state.interactions.set(token, record);
    const position = Math.max(0, this.state.config.channelIds.indexOf(spec.channelId));
    const user = spec.user ?? DEFAULT_USER;
    this.state.users.set(user.id, user);
    const payload = interactionPayload({
      id, token, applicationId: this.state.config.applicationId, type: spec.type, data: spec.data, guildId: spec.guildId,
      channel: spec.dmChannel ?? textChannelPayload(spec.channelId, spec.guildId, position), user,
      permissions: spec.permissions ?? ALL_PERMISSIONS, message: spec.message, dm: spec.dmChannel !== undefined,
      ...(spec.roles === undefined ? {} : { roles: spec.roles }),
    });
    if (!this.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload)) {
      throw new Error('FakeDiscord: the client disconnected before the interaction could be sent');
    }
    return createHandle(this.state, record);
  }
}
