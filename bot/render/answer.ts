/**
 * An extractive answer: each sentence on its own line, cited `[n]` to the
 * paper cards listed under it. The engine numbers the citations and lists the
 * cited papers first, so card n is result n. When the engine is not
 * confident, it says the corpus cannot answer and shows the nearest papers
 * as weak matches.
 */
import type { APIEmbed } from 'discord.js';
import type { SearchResponse } from '../../src/search/engine-types.js';
import type { BotMessage } from './message.js';
import { CARD_COLOR, hitEmbed } from './paper-card.js';
import { Limits } from './limits.js';
import { indexingLine, quoted } from './results.js';
import { escapeText, joinWithin, oneLine } from './text.js';

/** The answer embed plus at most this many cited cards keeps within 10 embeds per message. */
const MAX_CITED = Limits.embedsPerMessage - 1;

export function renderAnswer(question: string, response: SearchResponse): BotMessage {
  const answer = response.answer ?? [];
  const note = indexingLine(response);
  if (response.lowConfidence || answer.length === 0) {
    const nearest = response.results.map((hit, index) => hitEmbed(hit, `${index + 1}.`));
    const tail = nearest.length > 0 ? ' These are the nearest papers, but they may not be relevant:' : '';
    return { content: [...note, `The papers I hold can't answer ${quoted(question)}.${tail}`].join('\n'), embeds: nearest };
  }
  const cited = new Set(answer.map((sentence) => sentence.paperId));
  const lines = answer.map((sentence) => `${escapeText(oneLine(sentence.text))} [${sentence.citation}]`);
  const answerEmbed: APIEmbed = {
    color: CARD_COLOR,
    title: 'Answer',
    description: joinWithin(lines, '\n', Limits.embedDescription),
  };
  const cards = response.results
    .filter((hit) => cited.has(hit.id))
    .slice(0, MAX_CITED)
    .map((hit, index) => hitEmbed(hit, `[${index + 1}]`));
  return { content: [...note, `**${quoted(question)}**`].join('\n'), embeds: [answerEmbed, ...cards] };
}
