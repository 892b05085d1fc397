/**
 * Registers the command list with Discord: to one guild when
 * DISCORD_GUILD_ID is set (instant, for development), else globally.
 * A PUT replaces the whole set, so a removed command disappears too.
 */
import { REST, Routes, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import type { BotConfig } from '../src/config.js';
import type { Command } from './command.js';

export interface Registration {
  readonly scope: 'guild' | 'global';
  readonly guildId?: string;
  /** `/name sub1 sub2 …` per command, as registered. */
  readonly commands: readonly string[];
}

type RegistrationConfig = Pick<BotConfig, 'DISCORD_TOKEN' | 'DISCORD_CLIENT_ID' | 'DISCORD_GUILD_ID' | 'DISCORD_API_BASE'>;

export async function registerCommands(config: RegistrationConfig, commands: readonly Command[]): Promise<Registration> {
  const rest = new REST(config.DISCORD_API_BASE === undefined ? {} : { api: config.DISCORD_API_BASE }).setToken(config.DISCORD_TOKEN);
  const guildId = config.DISCORD_GUILD_ID;
  const route = guildId === undefined ? Routes.applicationCommands(config.DISCORD_CLIENT_ID) : Routes.applicationGuildCommands(config.DISCORD_CLIENT_ID, guildId);
  const registered = (await rest.put(route, { body: commands.map((command) => command.data) })) as RESTPutAPIApplicationCommandsResult;
  const described = registered.map((command) => {
    const subs = (command.options ?? []).map((option) => option.name);
    return subs.length > 0 ? `/${command.name} (${subs.join(', ')})` : `/${command.name}`;
  });
  return guildId === undefined ? { scope: 'global', commands: described } : { scope: 'guild', guildId, commands: described };
}
