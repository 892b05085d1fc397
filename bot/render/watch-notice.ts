/**
 * A watch's direct message: which watches it is for, then one paper card per
 * match (the same cards as search results and digests), at most the ten a
 * message can hold. Papers that do not fit wait for the next DM.
 */
import type { WatchNotice } from '../../src/watch/watch-notifier.js';
import { Limits } from './limits.js';
import type { BotMessage } from './message.js';
import { hitEmbed } from './paper-card.js';
import { quoted } from './results.js';

export const WATCH_FOOTNOTE = '-# You get these because of /papers watch. /papers watches lists your watches; /papers unwatch stops one.';

export function renderWatchNotice(notice: WatchNotice): BotMessage {
  const shown = notice.matches.slice(0, Limits.embedsPerMessage);
  const topics = [...new Map(shown.map((match) => [match.watchId, match.topic])).values()];
  const heading = topics.length === 1 ? `your watch ${quoted(topics[0] ?? '')}` : `your watches ${topics.map(quoted).join(', ')}`;
  const several = topics.length > 1;
  const embeds = shown.map(({ card, topic }, index) => {
    const embed = hitEmbed(card, `${index + 1}.`);
    // With one topic the heading says it; with several, each card says which watch it answers.
    return several ? { ...embed, fields: [...(embed.fields ?? []), { name: 'Watch', value: quoted(topic) }] } : embed;
  });
  const papers = shown.length === 1 ? 'A new paper' : `${shown.length} new papers`;
  return { content: [`📬 ${papers} for ${heading}:`, WATCH_FOOTNOTE].join('\n'), embeds };
}
