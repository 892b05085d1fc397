/**
 * A digest post as a Discord message: a header line (date in the digest's
 * zone, topic, lateness) and one paper card per embed, built with the same
 * card renderer as search results. Limits, escaping and mentions are left to
 * prepareMessage, which every payload passes through before it is sent.
 */
import { time, TimestampStyles } from 'discord.js';
import type { DigestMessage } from '../../src/digest/digest-message.js';
import type { BotMessage } from '../render/message.js';
import { hitEmbed } from '../render/paper-card.js';
import { quoted } from '../render/results.js';
import { escapeText } from '../render/text.js';

export const EXHAUSTED_TEXT = 'Nothing new and relevant since the last digest: I will post again when new papers arrive.';

/** Discord's nonce survives only minutes; this marker in the text lets the bot recognise its post later. */
export function refLine(nonce: string): string {
  return `-# ref ${nonce}`;
}

function headerLines(message: DigestMessage): string[] {
  const topic = message.topic === null ? '' : ` on ${quoted(message.topic)}`;
  const icon = message.kind === 'papers' ? '📰' : '📭';
  const lines = [`${icon} **Daily papers${topic}** · ${escapeText(message.dateLabel)}`];
  if (message.lateFor !== null) {
    const due = Math.floor(Date.parse(message.lateFor) / 1000);
    lines.push(`⏰ Late: this digest was due ${time(due, TimestampStyles.RelativeTime)}, while I was offline.`);
  }
  return lines;
}

/**
 * The message for a digest. `nonce` is given for real posts (it is written
 * into the text so the post can be found again after a crash) and omitted
 * for previews.
 */
export function renderDigest(message: DigestMessage, nonce?: string): BotMessage {
  const lines = headerLines(message);
  if (message.kind === 'exhausted') lines.push(EXHAUSTED_TEXT);
  else {
    const fresh = message.cards.filter((card) => card.fresh).length;
    if (fresh > 0) lines.push(`🆕 ${fresh === 1 ? '1 paper is' : `${fresh} papers are`} new since the last digest.`);
  }
  if (nonce !== undefined) lines.push(refLine(nonce));
  const embeds = message.kind === 'papers' ? message.cards.map((card, index) => hitEmbed(card, card.fresh ? `🆕 ${index + 1}.` : `${index + 1}.`)) : [];
  return { content: lines.join('\n'), embeds };
}
