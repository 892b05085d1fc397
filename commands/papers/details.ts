/**
 * One paper in full, opened from a result list's select menu: the whole
 * abstract (within the embed limit), its links and three similar papers.
 * Shown only to the user who asked, so opening details never floods a channel.
 */
import type { APIEmbedField, StringSelectMenuInteraction } from 'discord.js';
import type { CommandContext } from '../../bot/command.js';
import { respond } from '../../bot/respond.js';
import { Limits } from '../../bot/render/limits.js';
import type { BotMessage } from '../../bot/render/message.js';
import { fullCardEmbed, maskedLink } from '../../bot/render/paper-card.js';
import { joinWithin } from '../../bot/render/text.js';
import type { Paper } from '../../src/corpus/paper.js';
import { UserError } from '../../src/errors.js';
import type { PaperEngine } from '../../src/search/engine-types.js';

const SIMILAR_SHOWN = 3;

export async function renderDetails(engine: PaperEngine, paper: Paper): Promise<BotMessage> {
  const card = await engine.hit(paper.id);
  if (card === undefined) throw new UserError('UNKNOWN_PAPER');
  const similar = (await engine.similar(paper.id, { k: SIMILAR_SHOWN })).results;
  const fields: APIEmbedField[] =
    similar.length === 0
      ? []
      : [{ name: 'Similar papers', value: joinWithin(similar.map((hit) => maskedLink(hit.title, hit.url)), '\n', Limits.embedFieldValue) }];
  return { embeds: [fullCardEmbed(card, paper.abstract, fields)] };
}

export async function showDetails(interaction: StringSelectMenuInteraction, ctx: CommandContext): Promise<void> {
  const engine = ctx.engine.get();
  const paper = await engine.paper(interaction.values[0] ?? '');
  if (paper === undefined) throw new UserError('UNKNOWN_PAPER');
  await respond(interaction, { ...(await renderDetails(engine, paper)), ephemeral: true });
}
