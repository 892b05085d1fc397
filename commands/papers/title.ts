/** `/papers title title:<text>`: one paper's card with its full abstract and links. */
import { respond } from '../../bot/respond.js';
import { cardFromPaper, fullCardEmbed } from '../../bot/render/paper-card.js';
import { findPaper } from './find-paper.js';
import { addTextOption, suggestTitles } from './options.js';
import type { Subcommand } from './subcommand.js';

export const title = {
  name: 'title',
  description: 'Show one paper: full abstract and links',
  define: (builder) => addTextOption(builder, 'title', 'The paper’s title (pick a suggestion or type part of it)', true),
  async execute(interaction, ctx) {
    const paper = findPaper(interaction, ctx);
    await respond(interaction, { embeds: [fullCardEmbed(cardFromPaper(paper))] });
  },
  autocomplete: suggestTitles,
} satisfies Subcommand;
