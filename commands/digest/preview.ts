/** `/digest preview [digest]`: what the next post would contain, shown only to you; nothing is recorded. */
import { MessageFlags } from 'discord.js';
import { respond } from '../../bot/respond.js';
import { renderDigest } from '../../bot/digest/render-digest.js';
import type { Subcommand } from '../papers/subcommand.js';
import { addDigestOption, authorise, pickDigest } from './options.js';

export const preview = {
  name: 'preview',
  description: 'See what the next post of a digest would contain (only you see it)',
  define: (builder) => addDigestOption(builder, false),
  async execute(interaction, ctx) {
    const invocation = authorise(interaction, ctx);
    const digest = pickDigest(interaction, invocation);
    // Ranking a topic embeds it, which can take over a second on a cold model; the answer stays private.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const message = renderDigest(await invocation.service.preview(digest));
    await respond(interaction, { ...message, content: `👀 Preview for <#${digest.channelId}>:\n${message.content ?? ''}` });
  },
} satisfies Subcommand;
