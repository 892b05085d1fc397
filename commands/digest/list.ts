/** `/digest list`: every digest of this server, its next and last run, and whether it is active. */
import { respond } from '../../bot/respond.js';
import { renderDigestList } from '../../bot/digest/render-digest-list.js';
import type { Subcommand } from '../papers/subcommand.js';
import { authorise } from './options.js';

export const list = {
  name: 'list',
  description: "This server's digests: next run, last run, status",
  define: (builder) => builder,
  async execute(interaction, ctx) {
    const { service, guildId } = authorise(interaction, ctx);
    await respond(interaction, { ephemeral: true, ...renderDigestList(service.list(guildId), service.loadReport) });
  },
} satisfies Subcommand;
