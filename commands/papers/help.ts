/** `/papers help`: what the bot can do, how many papers it holds, when the corpus last changed. */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { respond } from '../../bot/respond.js';
import { renderHelp } from '../../bot/render/help.js';
import type { Subcommand } from './subcommand.js';

/** Help lists the subcommands from the registered definition, which is built after this subcommand exists. */
export function createHelp(definition: () => RESTPostAPIChatInputApplicationCommandsJSONBody): Subcommand {
  return {
    name: 'help',
    description: 'What this bot can do and how many papers it holds',
    define: (builder) => builder,
    async execute(interaction, ctx) {
      const engine = ctx.engine.get();
      const view = { command: definition(), status: engine.status(), corpusUpdatedAt: engine.corpusUpdatedAt, feeds: ctx.feeds.view() };
      await respond(interaction, { ...renderHelp(view), ephemeral: true });
    },
  };
}
