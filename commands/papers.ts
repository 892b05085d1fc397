/**
 * `/papers`: search the Daily Papers corpus. Each subcommand's behaviour
 * lives in commands/papers/; this file assembles the definition and routes
 * chat input, autocomplete and the result lists' buttons and select.
 */
import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../bot/command.js';
import { ExpectedFailure } from '../bot/expected-failure.js';
import { parseCustomId } from '../bot/custom-id.js';
import { about } from './papers/about.js';
import { add } from './papers/add.js';
import { ask } from './papers/ask.js';
import { showDetails } from './papers/details.js';
import { createHelp } from './papers/help.js';
import { newPapers } from './papers/new.js';
import { COMMAND_NAME } from './papers/options.js';
import { DETAILS_ACTION, PAGE_ACTION, turnPage } from './papers/result-pages.js';
import { similar } from './papers/similar.js';
import type { Subcommand } from './papers/subcommand.js';
import { title } from './papers/title.js';
import { unwatch } from './papers/unwatch.js';
import { watch } from './papers/watch.js';
import { watches } from './papers/watches.js';

const help = createHelp(() => papers.data);
const subcommands: readonly Subcommand[] = [about, title, similar, ask, newPapers, add, watch, watches, unwatch, help];

function build(): Command['data'] {
  const builder = new SlashCommandBuilder().setName(COMMAND_NAME).setDescription('Search and ask about research papers from Hugging Face Daily Papers');
  for (const sub of subcommands) builder.addSubcommand((b) => sub.define(b.setName(sub.name).setDescription(sub.description)));
  return builder.toJSON();
}

function subcommandNamed(name: string): Subcommand {
  const sub = subcommands.find((candidate) => candidate.name === name);
  // Only a stale registration (deploy-commands not re-run) can name a subcommand we no longer have.
  if (sub === undefined) throw new ExpectedFailure(`/${COMMAND_NAME} ${name} no longer exists — try /${COMMAND_NAME} help.`);
  return sub;
}

export const papers = {
  data: build(),
  execute: (interaction, ctx) => subcommandNamed(interaction.options.getSubcommand(true)).execute(interaction, ctx),
  async autocomplete(interaction, ctx) {
    const sub = subcommandNamed(interaction.options.getSubcommand(true));
    if (sub.autocomplete) await sub.autocomplete(interaction, ctx);
    else await interaction.respond([]);
  },
  async component(interaction, ctx) {
    const { action, args } = parseCustomId(interaction.customId);
    if (action === PAGE_ACTION && interaction.isButton()) await turnPage(interaction, ctx, args);
    else if (action === DETAILS_ACTION && interaction.isStringSelectMenu()) await showDetails(interaction, ctx);
    else throw new ExpectedFailure('That control no longer works — run the command again.');
  },
} satisfies Command;
