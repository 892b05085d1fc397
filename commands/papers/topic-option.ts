/**
 * The `topic` option of `/papers new` and `/papers watch`: a few words, as
 * for `/papers about`, declared with the same limit the watch records keep
 * and checked again here (a client can send anything).
 */
import type { ChatInputCommandInteraction, SlashCommandSubcommandBuilder } from 'discord.js';
import { ExpectedFailure } from '../../bot/expected-failure.js';
import { UserError } from '../../src/errors.js';
import { TOPIC_MAX } from '../../src/watch/watch-record.js';

export function addTopicOption(builder: SlashCommandSubcommandBuilder, description: string, required: boolean): SlashCommandSubcommandBuilder {
  return builder.addStringOption((option) => option.setName('topic').setDescription(description).setRequired(required).setMaxLength(TOPIC_MAX));
}

/** The topic, trimmed; blank is EMPTY_QUERY when required and "no topic" when not. */
export function readTopic(interaction: ChatInputCommandInteraction, required: true): string;
export function readTopic(interaction: ChatInputCommandInteraction, required: false): string | undefined;
export function readTopic(interaction: ChatInputCommandInteraction, required: boolean): string | undefined {
  const value = interaction.options.getString('topic', required)?.trim() ?? '';
  if (value === '') {
    if (required) throw new UserError('EMPTY_QUERY');
    return undefined;
  }
  if (value.length > TOPIC_MAX) throw new ExpectedFailure(`That topic is ${value.length} characters long — please keep it under ${TOPIC_MAX}.`);
  return value;
}
