/** `/digest remove digest`: stops a digest. What it posted stays recorded, so those papers are not posted there again. */
import { respond } from '../../bot/respond.js';
import { describeSchedule } from '../../bot/digest/render-digest-list.js';
import type { Subcommand } from '../papers/subcommand.js';
import { addDigestOption, authorise } from './options.js';

export const remove = {
  name: 'remove',
  description: 'Stop a digest',
  define: (builder) => addDigestOption(builder, true),
  async execute(interaction, ctx) {
    const { service, guildId } = authorise(interaction, ctx);
    const removed = await service.remove(guildId, interaction.options.getString('digest', true).trim());
    if (!removed.ok) throw removed.error;
    await respond(interaction, { ephemeral: true, content: `🗑️ Removed the digest: ${describeSchedule(removed.value)}` });
  },
} satisfies Subcommand;
