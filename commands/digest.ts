/**
 * `/digest`: scheduled paper posts per channel, managed by members with
 * Manage Server. Each subcommand lives in commands/digest/; this file
 * assembles the definition (permission default, guild only) and routes.
 */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../bot/command.js';
import { ExpectedFailure } from '../bot/expected-failure.js';
import { list } from './digest/list.js';
import { now } from './digest/now.js';
import { autocompleteDigestOptions, COMMAND_NAME, REQUIRED_PERMISSION } from './digest/options.js';
import { preview } from './digest/preview.js';
import { remove } from './digest/remove.js';
import { set } from './digest/set.js';
import type { Subcommand } from './papers/subcommand.js';

const subcommands: readonly Subcommand[] = [set, list, remove, preview, now];

function build(): Command['data'] {
  const builder = new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setDescription('Daily digests of new papers, posted in a channel')
    .setDefaultMemberPermissions(REQUIRED_PERMISSION)
    .setContexts(InteractionContextType.Guild);
  for (const sub of subcommands) builder.addSubcommand((b) => sub.define(b.setName(sub.name).setDescription(sub.description)));
  return builder.toJSON();
}

function subcommandNamed(name: string): Subcommand {
  const sub = subcommands.find((candidate) => candidate.name === name);
  // Only a stale registration (deploy-commands not re-run) can name a subcommand we no longer have.
  if (sub === undefined) throw new ExpectedFailure(`/${COMMAND_NAME} ${name} no longer exists — run /${COMMAND_NAME} to see what does.`);
  return sub;
}

export const digest = {
  data: build(),
  execute: (interaction, ctx) => subcommandNamed(interaction.options.getSubcommand(true)).execute(interaction, ctx),
  autocomplete: autocompleteDigestOptions,
} satisfies Command;
