/**
 * A page of ranked papers: a heading (with a plain warning when the match is
 * weak), one embed per paper, paging buttons and a select to open one paper.
 */
import { ButtonStyle, ComponentType } from 'discord.js';
import type { APIButtonComponentWithCustomId, APIStringSelectComponent } from 'discord.js';
import type { SearchResponse } from '../../src/search/engine-types.js';
import { indexingText } from '../../src/search/indexing-text.js';
import type { BotMessage, MessageRow } from './message.js';
import { hitEmbed, metaLine } from './paper-card.js';
import { Limits } from './limits.js';
import { escapeText, oneLine, truncate } from './text.js';

/** How much of a user's query is echoed back in a heading. */
const QUOTE_MAX = 100;

export const WEAK_MATCH_NOTE = "⚠️ Nothing I hold matches this closely — these are the nearest papers, and they may not be what you're after.";

/** A plain line while not every paper can be found by meaning yet (nothing otherwise). */
export function indexingLine(response: Pick<SearchResponse, 'indexing'>): string[] {
  return response.indexing === null ? [] : [`⏳ ${indexingText(response.indexing)}.`];
}

/** The user's text, quoted, shortened and escaped, for use inside our own sentences. */
export function quoted(text: string): string {
  return `“${truncate(escapeText(oneLine(text)), QUOTE_MAX)}”`;
}

/** custom_ids for the controls; a control without an id is not shown. */
export interface ResultControls {
  readonly previousId?: string;
  readonly moreId?: string;
  readonly detailsId: string;
}

export interface ResultListView {
  /** Our sentence introducing the list; user text in it must already be `quoted`. */
  readonly heading: string;
  /** Said instead of a list when there are no results. */
  readonly emptyText: string;
  readonly response: SearchResponse;
  readonly offset: number;
  readonly controls: ResultControls;
}

function button(customId: string, label: string): APIButtonComponentWithCustomId {
  return { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: customId, label };
}

function detailsSelect(view: ResultListView): APIStringSelectComponent {
  return {
    type: ComponentType.StringSelect,
    custom_id: view.controls.detailsId,
    placeholder: 'Open a paper’s details…',
    options: view.response.results.slice(0, Limits.selectOptions).map((hit, index) => {
      const meta = metaLine(hit);
      return {
        // Select labels are plain text: no markdown to escape, only length and newlines to tame.
        label: truncate(`${view.offset + index + 1}. ${oneLine(hit.title)}`, Limits.selectLabel),
        value: hit.id,
        ...(meta === '' ? {} : { description: truncate(meta, Limits.selectDescription) }),
      };
    }),
  };
}

export function renderResultList(view: ResultListView): BotMessage {
  const { response, offset, controls } = view;
  if (response.results.length === 0) return { content: [...indexingLine(response), view.emptyText].join('\n') };
  const first = offset + 1;
  const last = offset + response.results.length;
  const overall = offset + response.total;
  const range = `results ${first}–${last} of ${overall}`;
  const lines = [...indexingLine(response), ...(response.lowConfidence ? [WEAK_MATCH_NOTE] : []), `${view.heading} (${range})`];
  const buttons = [
    ...(controls.previousId && offset > 0 ? [button(controls.previousId, '◀ Previous')] : []),
    ...(controls.moreId && last < overall ? [button(controls.moreId, 'More results ▶')] : []),
  ];
  const rows: MessageRow[] = [
    ...(buttons.length > 0 ? [{ type: ComponentType.ActionRow as const, components: buttons }] : []),
    { type: ComponentType.ActionRow, components: [detailsSelect(view)] },
  ];
  return {
    content: lines.join('\n'),
    embeds: response.results.map((hit, index) => hitEmbed(hit, `${first + index}.`)),
    components: rows,
  };
}
