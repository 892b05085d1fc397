/** `/digest now [digest]`: posts a digest right away (its daily time stays as it was). */
import { MessageFlags } from 'discord.js';
import { respond } from '../../bot/respond.js';
import { describeOutcome } from '../../bot/digest/render-digest-list.js';
import type { Subcommand } from '../papers/subcommand.js';
import { addDigestOption, authorise, pickDigest } from './options.js';

export const now = {
  name: 'now',
  description: 'Post a digest right now',
  define: (builder) => addDigestOption(builder, false),
  async execute(interaction, ctx) {
    const invocation = authorise(interaction, ctx);
    const digest = pickDigest(interaction, invocation);
    // A scheduled post may be going out at this moment; ours waits its turn.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const outcome = await invocation.service.postNow(digest);
    await respond(interaction, { content: describeOutcome(outcome, digest) });
  },
} satisfies Subcommand;
