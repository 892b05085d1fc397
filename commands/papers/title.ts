/** `/papers title title:<text>`: one paper's card with its full abstract and links. */
import { respond } from '../../bot/respond.js';
import { UserError } from '../../src/errors.js';
import { fullCardEmbed } from '../../bot/render/paper-card.js';
import { findPaper } from './find-paper.js';
import { addTextOption, suggestTitles } from './options.js';
import type { Subcommand } from './subcommand.js';

export const title = {
  name: 'title',
  description: 'Show one paper: full abstract and links',
  define: (builder) => addTextOption(builder, 'title', 'The paper’s title (pick a suggestion or type part of it)', true),
  async execute(interaction, ctx) {
    const paper = await findPaper(interaction, ctx);
    const card = await ctx.engine.get().hit(paper.id);
    if (card === undefined) throw new UserError('UNKNOWN_PAPER');
    await respond(interaction, { embeds: [fullCardEmbed(card, paper.abstract)] });
  },
  autocomplete: suggestTitles,
} satisfies Subcommand;
