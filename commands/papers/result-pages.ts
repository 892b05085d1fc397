/**
 * Paged result lists for `about`, `similar` and `new`. The search is stored once in
 * the page store under a short key; buttons carry `papers:page:<key>:<offset>`
 * so any page can be re-run from the key alone, and an expired key is told to
 * run the command again.
 */
import type { ButtonInteraction } from 'discord.js';
import type { CommandContext, ResultPage } from '../../bot/command.js';
import { encodeCustomId } from '../../bot/custom-id.js';
import { ExpectedFailure } from '../../bot/expected-failure.js';
import { RESULTS_EXPIRED } from '../../bot/messages.js';
import { deferUpdate, updateMessage } from '../../bot/respond.js';
import type { BotMessage } from '../../bot/render/message.js';
import { quoted, renderResultList } from '../../bot/render/results.js';
import { escapeText, oneLine } from '../../bot/render/text.js';
import type { PaperEngine, SearchResponse } from '../../src/search/engine-types.js';
import { newPapersHeading, noNewPapersText } from './new-papers-text.js';
import { COMMAND_NAME } from './options.js';

export const PAGE_ACTION = 'page';
export const DETAILS_ACTION = 'details';

/** The highest offset a button may ask for: beyond it a custom_id was forged, not rendered by us. */
const MAX_OFFSET = 1000;

function search(engine: PaperEngine, page: ResultPage, offset: number): Promise<SearchResponse> | SearchResponse {
  if (page.kind === 'new') {
    return engine.newPapers({ dailyFrom: page.dailyFrom, k: page.count, offset, ...(page.topic === undefined ? {} : { topic: page.topic }) });
  }
  const options = { k: page.count, offset, ...(page.hasCode === undefined ? {} : { hasCode: page.hasCode }) };
  return page.kind === 'about' ? engine.about(page.text, options) : engine.similar(page.text, options);
}

async function heading(engine: PaperEngine, page: ResultPage): Promise<{ heading: string; emptyText: string }> {
  if (page.kind === 'new') return { heading: newPapersHeading(page), emptyText: `${noNewPapersText(page)}.` };
  const withCode = page.hasCode ? ' with code' : '';
  if (page.kind === 'about') {
    return { heading: `Papers${withCode} about ${quoted(page.text)}`, emptyText: `No papers${withCode} match ${quoted(page.text)}.` };
  }
  const title = `**${escapeText(oneLine((await engine.paper(page.text))?.title ?? page.text))}**`;
  return { heading: `Papers similar to ${title}`, emptyText: `I found no papers similar to ${title}.` };
}

/** Runs the page's search at `offset` and renders it with paging controls keyed by `key`. */
export async function renderPage(engine: PaperEngine, page: ResultPage, key: string, offset: number): Promise<BotMessage> {
  const response = await search(engine, page, offset);
  return renderResultList({
    ...(await heading(engine, page)),
    response,
    offset,
    controls: {
      previousId: encodeCustomId(COMMAND_NAME, PAGE_ACTION, key, String(Math.max(0, offset - page.count))),
      moreId: encodeCustomId(COMMAND_NAME, PAGE_ACTION, key, String(offset + page.count)),
      detailsId: encodeCustomId(COMMAND_NAME, DETAILS_ACTION),
    },
  });
}

/** Stores a new search and renders its first page. */
export function firstPage(ctx: CommandContext, page: ResultPage): Promise<BotMessage> {
  return renderPage(ctx.engine.get(), page, ctx.pages.put(page), 0);
}

/** "More results" / "Previous": re-runs the stored search at the offset in the custom_id, in place. */
export async function turnPage(interaction: ButtonInteraction, ctx: CommandContext, args: readonly string[]): Promise<void> {
  const [key = '', offsetText = ''] = args;
  const page = ctx.pages.get(key);
  if (page === undefined) throw new ExpectedFailure(RESULTS_EXPIRED);
  const offset = Number(offsetText);
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) throw new ExpectedFailure(RESULTS_EXPIRED);
  const engine = ctx.engine.get();
  await deferUpdate(interaction);
  await updateMessage(interaction, await renderPage(engine, page, key, offset));
}
