/**
 * The help card. Subcommands and their descriptions are read from the
 * command definition itself, so help can never drift from what is registered.
 */
import { ApplicationCommandOptionType, time, TimestampStyles } from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { BotMessage } from './message.js';
import { CARD_COLOR } from './paper-card.js';

export interface HelpView {
  readonly command: RESTPostAPIChatInputApplicationCommandsJSONBody;
  readonly paperCount: number;
  readonly corpusUpdatedAt: Date | null;
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
          `I hold **${view.paperCount}** papers (${updated}) and search them offline: by topic, by title, by similarity, or to answer a question with cited sentences.`,
          '',
          ...lines,
        ].join('\n'),
        footer: { text: 'Results list buttons: More results pages on; the menu opens one paper in full.' },
      },
    ],
  };
}
