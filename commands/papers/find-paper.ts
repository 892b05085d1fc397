/** Resolves a title option (a chosen paper id or free text) to one paper, or refuses with the closest titles. */
import type { ChatInputCommandInteraction } from 'discord.js';
import type { CommandContext } from '../../bot/command.js';
import { ExpectedFailure } from '../../bot/expected-failure.js';
import { quoted } from '../../bot/render/results.js';
import type { Paper } from '../../src/corpus/paper.js';
import { readText } from './options.js';

const CLOSEST_SHOWN = 3;

export function findPaper(interaction: ChatInputCommandInteraction, ctx: CommandContext): Paper {
  const text = readText(interaction, 'title');
  const lookup = ctx.engine.get().title(text);
  if (lookup.match) return lookup.match;
  const closest = lookup.alternatives.slice(0, CLOSEST_SHOWN).map((paper) => quoted(paper.title));
  const hint = closest.length > 0 ? ` Closest: ${closest.join(', ')}.` : ' Nothing comes close — try /papers about instead.';
  throw new ExpectedFailure(`I have no paper titled ${quoted(text)}.${hint}`);
}
