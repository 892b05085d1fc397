/**
 * Papers as embeds, from the engine's one card model (`PaperCard`, the same
 * the CLI and the digest render): the compact card used in result lists and
 * digests (its summary) and the full card (the whole abstract). Every piece
 * of paper text is markdown-escaped and mention-proofed here.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import { paperFacts } from '../../src/corpus/paper-facts.js';
import type { PaperCard } from '../../src/search/engine-types.js';
import { Limits } from './limits.js';
import { escapeText, joinWithin, oneLine, truncate } from './text.js';

/** Hugging Face yellow, so cards are recognisable in a busy channel. */
export const CARD_COLOR = 0xffd21e;

/** Link text for a code link: host and path, without the scheme. */
const LINK_LABEL_MAX = 60;

/** `Jul 24, 2024 · 3 authors · ▲ 12`, leaving out whatever the listing did not say. */
export function metaLine(card: Pick<PaperCard, 'date' | 'authors' | 'upvotes'>): string {
  return paperFacts(card).join(' · ');
}

/** A URL made safe inside `[text](url)`: brackets and spaces would end the link early. */
function linkTarget(url: string): string {
  return url.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\s/g, '%20');
}

/** `[label](url)` with the label escaped, so titles with `]` or `*` cannot break out. */
export function maskedLink(label: string, url: string): string {
  return `[${escapeText(label).replace(/[[\]]/g, '\\$&')}](${linkTarget(url)})`;
}

export function codeLinksText(links: readonly string[], max: number = Limits.embedFieldValue): string {
  const items = links.map((url) => maskedLink(truncate(url.replace(/^https?:\/\//, '').replace(/\/$/, ''), LINK_LABEL_MAX), url));
  return joinWithin(items, ' · ', max);
}

function codeField(card: PaperCard): APIEmbedField[] {
  return card.codeLinks.length === 0 ? [] : [{ name: card.codeLinks.length === 1 ? 'Code' : 'Code links', value: codeLinksText(card.codeLinks) }];
}

function footer(card: PaperCard): Pick<APIEmbed, 'footer'> {
  const meta = metaLine(card);
  return meta === '' ? {} : { footer: { text: meta } };
}

/** A result in a list: `<label> Title` linked to the paper, the summary, meta line and code links. */
export function hitEmbed(card: PaperCard, label: string): APIEmbed {
  return {
    color: CARD_COLOR,
    title: truncate(`${label} ${escapeText(oneLine(card.title))}`, Limits.embedTitle),
    url: card.url,
    description: truncate(escapeText(card.summary), Limits.embedDescription),
    fields: codeField(card),
    ...footer(card),
  };
}

/** One paper in full: `body` (its whole abstract, as far as the limit allows), links, and any extra fields. */
export function fullCardEmbed(card: PaperCard, body: string, extraFields: readonly APIEmbedField[] = []): APIEmbed {
  return {
    color: CARD_COLOR,
    title: truncate(escapeText(oneLine(card.title)), Limits.embedTitle),
    url: card.url,
    description: truncate(escapeText(body), Limits.embedDescription),
    fields: [...codeField(card), ...extraFields],
    ...footer(card),
  };
}
