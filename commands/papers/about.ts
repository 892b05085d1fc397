/** `/papers about query:<text> [count] [has_code]`: the papers that best match a topic, paged. */
import { deferReply, respond } from '../../bot/respond.js';
import { addCountOption, addTextOption, readCount, readText } from './options.js';
import { firstPage } from './result-pages.js';
import type { Subcommand } from './subcommand.js';

export const about = {
  name: 'about',
  description: 'Find papers about a topic',
  define: (builder) =>
    addCountOption(addTextOption(builder, 'query', 'What the papers should be about, in a few words')).addBooleanOption((option) =>
      option.setName('has_code').setDescription('Only papers that link to code'),
    ),
  async execute(interaction, ctx) {
    const query = readText(interaction, 'query');
    const count = readCount(interaction);
    const hasCode = interaction.options.getBoolean('has_code') ?? undefined;
    // Embedding the query can take more than a second on a cold model.
    await deferReply(interaction);
    await respond(interaction, await firstPage(ctx, { kind: 'about', text: query, count, ...(hasCode === undefined ? {} : { hasCode }) }));
  },
} satisfies Subcommand;
