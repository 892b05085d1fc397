/**
 * `/papers unwatch watch:<one of yours>`: stops a watch. Autocomplete lists
 * the user's own watches (value: the watch id); typed text that is not an id
 * is matched against the topics, so a client without autocomplete works too.
 */
import { ExpectedFailure } from '../../bot/expected-failure.js';
import { Limits } from '../../bot/render/limits.js';
import { oneLine, truncate } from '../../bot/render/text.js';
import { watchName } from '../../bot/render/watch-list.js';
import { respond } from '../../bot/respond.js';
import { TOPIC_MAX } from '../../src/watch/watch-record.js';
import type { Subcommand } from './subcommand.js';

export const unwatch = {
  name: 'unwatch',
  description: 'Stop watching a topic',
  define: (builder) =>
    builder.addStringOption((option) =>
      option.setName('watch').setDescription('The topic to stop watching (pick one of yours)').setRequired(true).setMaxLength(TOPIC_MAX).setAutocomplete(true),
    ),
  async execute(interaction, ctx) {
    const chosen = interaction.options.getString('watch', true).trim();
    const removed = await ctx.watches.get().remove(interaction.user.id, chosen);
    if (removed === undefined) throw new ExpectedFailure('You have no such watch — /papers watches lists yours.');
    await respond(interaction, { content: `🛑 Stopped watching ${watchName(removed)}.`, ephemeral: true });
  },
  async autocomplete(interaction, ctx) {
    const service = ctx.watches.current;
    if (service === undefined) {
      await interaction.respond([]);
      return;
    }
    const typed = String(interaction.options.getFocused()).trim().toLowerCase();
    const mine = await service.list(interaction.user.id);
    const choices = mine
      .filter((watch) => watch.topic.toLowerCase().includes(typed))
      .slice(0, Limits.autocompleteChoices)
      .map((watch) => ({ name: truncate(oneLine(watch.topic), Limits.choiceName) || watch.id, value: watch.id }));
    await interaction.respond(choices);
  },
} satisfies Subcommand;
