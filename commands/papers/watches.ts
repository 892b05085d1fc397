/** `/papers watches`: the user's watches, paused ones with why, and today's DMs — privately. */
import { respond } from '../../bot/respond.js';
import { renderWatchList } from '../../bot/render/watch-list.js';
import { MAX_WATCHES_PER_USER } from '../../src/watch/watch-record.js';
import type { Subcommand } from './subcommand.js';

export const watches = {
  name: 'watches',
  description: 'List the topics you watch',
  define: (builder) => builder,
  async execute(interaction, ctx) {
    const service = ctx.watches.get();
    const userId = interaction.user.id;
    const [mine, dms] = await Promise.all([service.list(userId), service.dmsToday(userId)]);
    await respond(interaction, renderWatchList(mine, dms, MAX_WATCHES_PER_USER));
  },
} satisfies Subcommand;
