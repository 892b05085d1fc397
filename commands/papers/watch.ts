/**
 * `/papers watch topic:<text>`: a DM whenever new papers confidently match
 * the topic (at most WATCH_MAX_DMS_PER_DAY a day, never a paper twice).
 * Private: a user's watches are nobody else's business. Works in DMs too —
 * watches belong to the user, not to a server.
 */
import { respond } from '../../bot/respond.js';
import { watchName } from '../../bot/render/watch-list.js';
import type { CreateOutcome } from '../../src/watch/watch-service.js';
import { addTopicOption, readTopic } from './topic-option.js';
import type { Subcommand } from './subcommand.js';

function answer(outcome: CreateOutcome): string {
  switch (outcome.kind) {
    case 'created':
      return `👀 Watching ${watchName(outcome.watch)}: I'll DM you when new papers about it arrive. Keep your DMs open to me.`;
    case 'resumed':
      return `▶️ Watching ${watchName(outcome.watch)} again: DMs about it resume with the next new papers.`;
    case 'exists':
      return `You already watch ${watchName(outcome.watch)}.`;
    case 'limit':
      return `You already watch ${outcome.max} topics, the most I keep per person: stop one with /papers unwatch first.`;
  }
}

export const watch = {
  name: 'watch',
  description: 'Get a DM when new papers about a topic arrive',
  define: (builder) => addTopicOption(builder, 'What the papers should be about, in a few words', true),
  async execute(interaction, ctx) {
    const topic = readTopic(interaction, true);
    const outcome = await ctx.watches.get().create(interaction.user.id, topic);
    await respond(interaction, { content: answer(outcome), ephemeral: true });
  },
} satisfies Subcommand;
