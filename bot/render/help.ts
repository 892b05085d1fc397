/**
 * The help card. Subcommands and their descriptions are read from the
 * command definition itself, so help can never drift from what is registered.
 */
import { ApplicationCommandOptionType, time, TimestampStyles } from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { EngineStatus } from '../../src/search/engine-types.js';
import type { FeedsView } from '../feeds/feed-holder.js';
import { feedStatusLines } from './feed-status.js';
import type { BotMessage } from './message.js';
import { CARD_COLOR } from './paper-card.js';
import { escapeText } from './text.js';

export interface HelpView {
  readonly command: RESTPostAPIChatInputApplicationCommandsJSONBody;
  readonly status: EngineStatus;
  readonly corpusUpdatedAt: Date | null;
  /** Where fetching new papers stands (each source's last success, last error, next attempt); absent: not shown. */
  readonly feeds?: FeedsView;
}

/** Where indexing and the store stand, when that is anything but "all done, all well". */
function statusLines(status: EngineStatus): string[] {
  const lines: string[] = [];
  if (status.vectorIndex === 'rebuilding') lines.push('⏳ The vector index is being rebuilt: searches match words only until it is done.');
  else if (status.embedded < status.papers) {
    const percent = Math.floor((status.embedded / Math.max(1, status.papers)) * 100);
    lines.push(`⏳ Still indexing: ${percent} % of papers have semantic vectors; the rest are found by their words.`);
  }
  if (status.storeProblem !== null) lines.push(`⚠️ New papers cannot be stored right now: ${escapeText(status.storeProblem)}`);
  if (status.embeddingProblem !== null) lines.push(`⚠️ New papers are found by their words only for now: ${escapeText(status.embeddingProblem)}`);
  return lines;
}

export function renderHelp(view: HelpView): BotMessage {
  const subcommands = (view.command.options ?? []).filter((option) => option.type === ApplicationCommandOptionType.Subcommand);
  const lines = subcommands.map((sub) => {
    const args = (sub.options ?? []).map((arg) => (arg.required ? `${arg.name}:` : `[${arg.name}:]`)).join(' ');
    return `**/${view.command.name} ${sub.name}**${args ? ` \`${args}\`` : ''} — ${sub.description}`;
  });
  const updated = view.corpusUpdatedAt
    ? `last updated ${time(view.corpusUpdatedAt, TimestampStyles.RelativeTime)} (${time(view.corpusUpdatedAt, TimestampStyles.ShortDate)})`
    : 'update time unknown';
  return {
    embeds: [
      {
        color: CARD_COLOR,
        title: 'Research papers, answered from Hugging Face Daily Papers',
        description: [
          `I hold **${view.status.papers}** papers (${updated}) and search them offline: by topic, by title, by similarity, or to answer a question with cited sentences.`,
          ...statusLines(view.status),
          ...(view.feeds === undefined ? [] : feedStatusLines(view.feeds)),
          '',
          ...lines,
        ].join('\n'),
        footer: { text: 'Results list buttons: More results pages on; the menu opens one paper in full.' },
      },
    ],
  };
}
