/** `/papers similar title:<text>`: the papers nearest to one paper, paged like `about`. */
import { respond } from '../../bot/respond.js';
import { findPaper } from './find-paper.js';
import { addTextOption, COUNT, suggestTitles } from './options.js';
import { firstPage } from './result-pages.js';
import type { Subcommand } from './subcommand.js';

export const similar = {
  name: 'similar',
  description: 'Find papers similar to one paper',
  define: (builder) => addTextOption(builder, 'title', 'The paper to start from (pick a suggestion or type part of its title)', true),
  async execute(interaction, ctx) {
    const paper = await findPaper(interaction, ctx);
    await respond(interaction, await firstPage(ctx, { kind: 'similar', text: paper.id, count: COUNT.default }));
  },
  autocomplete: suggestTitles,
} satisfies Subcommand;
