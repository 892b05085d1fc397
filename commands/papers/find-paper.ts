/** Resolves a title option (a chosen paper id or free text) to one paper, or refuses with the closest titles. */
import type { ChatInputCommandInteraction } from 'discord.js';
import type { CommandContext } from '../../bot/command.js';
import { ExpectedFailure } from '../../bot/expected-failure.js';
import { quoted } from '../../bot/render/results.js';
import type { Paper } from '../../src/corpus/paper.js';
import { readText } from './options.js';

const CLOSEST_SHOWN = 3;

export async function findPaper(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<Paper> {
  const text = readText(interaction, 'title');
  const engine = ctx.engine.get();
  // A chosen suggestion is a paper id; free text is looked up by title.
  const byId = await engine.paper(text);
  if (byId !== undefined) return byId;
  const lookup = await engine.title(text);
  if (lookup.match) return lookup.match;
  const closest = lookup.alternatives.slice(0, CLOSEST_SHOWN).map((paper) => quoted(paper.title));
  const hint = closest.length > 0 ? ` Closest: ${closest.join(', ')}.` : ' Nothing comes close — try /papers about instead.';
  throw new ExpectedFailure(`I have no paper titled ${quoted(text)}.${hint}`);
}
