/**
 * Options shared by the /papers subcommands: their names and limits (declared
 * to Discord and checked again here, since a client can send anything),
 * readers that turn raw options into validated values, and title autocomplete.
 */
import type { AutocompleteInteraction, ChatInputCommandInteraction, SlashCommandSubcommandBuilder } from 'discord.js';
import type { CommandContext } from '../../bot/command.js';
import { ExpectedFailure } from '../../bot/expected-failure.js';
import { Limits } from '../../bot/render/limits.js';
import { oneLine, truncate } from '../../bot/render/text.js';
import { UserError } from '../../src/errors.js';

/** The command's name, also the prefix of every custom_id it renders. */
export const COMMAND_NAME = 'papers';

export const TEXT_MAX = {
  /** A topic is a few words; long pastes only dilute the ranking. */
  query: 300,
  /** The longest titles in the corpus are about 200 characters. */
  title: 300,
  question: 500,
} as const;

export const COUNT = { min: 1, max: 10, default: 5 } as const;

export type TextOption = keyof typeof TEXT_MAX;

export function addCountOption(builder: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder {
  return builder.addIntegerOption((option) =>
    option
      .setName('count')
      .setDescription(`How many papers to show (${COUNT.min}–${COUNT.max}, default ${COUNT.default})`)
      .setMinValue(COUNT.min)
      .setMaxValue(COUNT.max),
  );
}

export function addTextOption(
  builder: SlashCommandSubcommandBuilder,
  name: TextOption,
  description: string,
  autocomplete = false,
): SlashCommandSubcommandBuilder {
  return builder.addStringOption((option) =>
    option.setName(name).setDescription(description).setRequired(true).setMaxLength(TEXT_MAX[name]).setAutocomplete(autocomplete),
  );
}

/** A required text option, trimmed; blank → EMPTY_QUERY, over the declared limit → a friendly refusal. */
export function readText(interaction: ChatInputCommandInteraction, name: TextOption): string {
  const value = interaction.options.getString(name, true).trim();
  if (value === '') throw new UserError('EMPTY_QUERY');
  if (value.length > TEXT_MAX[name]) {
    throw new ExpectedFailure(`That ${name} is ${value.length} characters long — please keep it under ${TEXT_MAX[name]}.`);
  }
  return value;
}

export function readCount(interaction: ChatInputCommandInteraction): number {
  const count = interaction.options.getInteger('count') ?? COUNT.default;
  if (count < COUNT.min || count > COUNT.max) {
    throw new ExpectedFailure(`count must be between ${COUNT.min} and ${COUNT.max}.`);
  }
  return count;
}

/**
 * Title autocomplete, answered from memory: choice value is the paper id
 * (stable, short), the name the title cut to 100 characters. No choices
 * while the engine is still warming up.
 */
export async function suggestTitles(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void> {
  const engine = ctx.engine.current;
  if (engine === undefined) {
    await interaction.respond([]);
    return;
  }
  const typed = String(interaction.options.getFocused()).slice(0, TEXT_MAX.title);
  const choices = engine
    .suggest(typed, Limits.autocompleteChoices)
    .slice(0, Limits.autocompleteChoices)
    .filter((suggestion) => suggestion.id.length <= Limits.choiceValue)
    .map((suggestion) => ({ name: truncate(oneLine(suggestion.title), Limits.choiceName) || suggestion.id, value: suggestion.id }));
  await interaction.respond(choices);
}
