/**
 * An extractive answer: each sentence on its own line, cited `[n]` to the
 * paper cards listed under it. When the engine is not confident, it says the
 * corpus cannot answer and shows the nearest papers as weak matches.
 */
import type { APIEmbed } from 'discord.js';
import type { SearchResponse } from '../../src/search/engine-types.js';
import type { BotMessage } from './message.js';
import { CARD_COLOR, cardFromHit, hitEmbed, type CardData } from './paper-card.js';
import { Limits } from './limits.js';
import { quoted } from './results.js';
import { escapeText, joinWithin, oneLine } from './text.js';

/** The answer embed plus at most this many cited cards keeps within 10 embeds per message. */
const MAX_CITED = Limits.embedsPerMessage - 1;

export function renderAnswer(question: string, response: SearchResponse, lookup: (paperId: string) => CardData | undefined): BotMessage {
  const answer = response.answer ?? [];
  if (response.lowConfidence || answer.length === 0) {
    const nearest = response.results.map((hit, index) => hitEmbed(cardFromHit(hit), `${index + 1}.`));
    const tail = nearest.length > 0 ? ' These are the nearest papers, but they may not be relevant:' : '';
    return { content: `The papers I hold can't answer ${quoted(question)}.${tail}`, embeds: nearest };
  }

  // Citation numbers follow first appearance in the answer; a paper cited twice keeps its number.
  const cited: string[] = [];
  for (const sentence of answer) if (!cited.includes(sentence.paperId)) cited.push(sentence.paperId);
  const card = (id: string): CardData | undefined => {
    const hit = response.results.find((result) => result.id === id);
    return hit ? cardFromHit(hit) : lookup(id);
  };
  const lines = answer.map((sentence) => `${escapeText(oneLine(sentence.text))} [${cited.indexOf(sentence.paperId) + 1}]`);
  const answerEmbed: APIEmbed = {
    color: CARD_COLOR,
    title: 'Answer',
    description: joinWithin(lines, '\n', Limits.embedDescription),
  };
  const cards = cited.slice(0, MAX_CITED).flatMap((id, index) => {
    const data = card(id);
    return data ? [hitEmbed(data, `[${index + 1}]`)] : [];
  });
  return { content: `**${quoted(question)}**`, embeds: [answerEmbed, ...cards] };
}
