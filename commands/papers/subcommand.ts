/**
 * A subcommand of /papers: how it declares its options and what it does.
 * Each lives in its own file; commands/papers.ts assembles them.
 */
import type { AutocompleteInteraction, ChatInputCommandInteraction, SlashCommandSubcommandBuilder } from 'discord.js';
import type { CommandContext } from '../../bot/command.js';

export interface Subcommand {
  readonly name: string;
  readonly description: string;
  /** Adds this subcommand's options to the builder (name and description are already set). */
  define(builder: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder;
  execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void>;
}
