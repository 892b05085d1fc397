/**
 * A user's watches, for `/papers watches` (only they see it): each topic,
 * since when, and whether it is paused and why — with how to resume — plus
 * how many of today's DMs are used.
 */
import { time, TimestampStyles, type APIEmbedField } from 'discord.js';
import type { Watch } from '../../src/watch/watch-record.js';
import { Limits } from './limits.js';
import type { BotMessage } from './message.js';
import { CARD_COLOR } from './paper-card.js';
import { quoted } from './results.js';
import { escapeText, oneLine, truncate } from './text.js';

export const NO_WATCHES = 'You watch no topics yet. /papers watch topic:<a few words> sends you a DM when new papers about it arrive.';

function field(watch: Watch, index: number): APIEmbedField {
  const since = time(new Date(watch.createdAt), TimestampStyles.ShortDate);
  const status =
    watch.status.kind === 'active'
      ? '✅ active'
      : `⏸️ paused ${time(new Date(watch.status.since), TimestampStyles.RelativeTime)}: ${escapeText(watch.status.reason)}. Open your DMs to me, then run /papers watch with this topic again to resume.`;
  return { name: truncate(`${index + 1}. ${escapeText(oneLine(watch.topic))}`, Limits.embedFieldName), value: `Since ${since} · ${status}` };
}

export function renderWatchList(watches: readonly Watch[], dms: { readonly sent: number; readonly max: number }, maxWatches: number): BotMessage {
  if (watches.length === 0) return { content: NO_WATCHES, ephemeral: true };
  return {
    ephemeral: true,
    embeds: [
      {
        color: CARD_COLOR,
        title: `Your watches (${watches.length} of ${maxWatches})`,
        fields: watches.map(field),
        footer: { text: `DMs in the last 24 hours: ${dms.sent} of ${dms.max}. /papers unwatch stops one.` },
      },
    ],
  };
}

/** One watch named in a sentence: `“topic”`. */
export const watchName = (watch: Pick<Watch, 'topic'>): string => quoted(watch.topic);
