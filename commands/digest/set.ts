/** `/digest set channel time timezone [topic] [count]`: creates a digest, or updates the one for that channel and topic. */
import { ChannelType, PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import { ExpectedFailure } from '../../bot/expected-failure.js';
import { respond } from '../../bot/respond.js';
import { describeSchedule } from '../../bot/digest/render-digest-list.js';
import { DEFAULT_COUNT, MAX_COUNT, MAX_TOPIC_CHARS } from '../../src/digest/digest-settings.js';
import type { Subcommand } from '../papers/subcommand.js';
import { authorise, ZONE_MAX } from './options.js';

/** What the bot needs in a digest channel; checked up front so a typo'd channel fails now, not at 09:00 tomorrow. */
const POSTING = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages, PermissionFlagsBits.EmbedLinks];

/**
 * The picked channel's id. Read raw rather than with getChannel(): the id is
 * always in the option, the resolved channel object is not guaranteed.
 */
function channelIdOf(interaction: ChatInputCommandInteraction): string {
  const id = String(interaction.options.get('channel', true).value ?? '');
  if (!/^\d{15,22}$/.test(id)) throw new ExpectedFailure('Pick a channel from the list.');
  return id;
}

/** Refuses a channel of another server, or one where the bot could not post (checked when the guild is cached). */
function checkCanPost(interaction: ChatInputCommandInteraction, channelId: string): void {
  if (!interaction.inCachedGuild()) return;
  const channel = interaction.guild.channels.cache.get(channelId);
  if (channel === undefined) throw new ExpectedFailure("I can't find that channel in this server.");
  const me = interaction.guild.members.me;
  if (me === null) return;
  if (!channel.permissionsFor(me).has(POSTING)) {
    throw new ExpectedFailure(`I can't post in <#${channelId}>: I need View Channel, Send Messages and Embed Links there.`);
  }
}

export const set = {
  name: 'set',
  description: 'Post a daily digest of papers in a channel (or change an existing one)',
  define: (builder) =>
    builder
      .addChannelOption((o) => o.setName('channel').setDescription('Where to post').setRequired(true).addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement))
      .addStringOption((o) => o.setName('time').setDescription('Time of day, 24-hour HH:MM, e.g. 09:00').setRequired(true).setMaxLength(8))
      .addStringOption((o) => o.setName('timezone').setDescription('IANA time zone, e.g. Europe/Berlin').setRequired(true).setAutocomplete(true).setMaxLength(ZONE_MAX))
      .addStringOption((o) => o.setName('topic').setDescription('Only papers about this (default: all new papers)').setMaxLength(MAX_TOPIC_CHARS))
      .addIntegerOption((o) => o.setName('count').setDescription(`Papers per post (1–${MAX_COUNT}, default ${DEFAULT_COUNT})`).setMinValue(1).setMaxValue(MAX_COUNT)),
  async execute(interaction, ctx) {
    const invocation = authorise(interaction, ctx);
    const channelId = channelIdOf(interaction);
    checkCanPost(interaction, channelId);
    const result = await invocation.service.set({
      guildId: invocation.guildId,
      channelId,
      time: interaction.options.getString('time', true),
      timezone: interaction.options.getString('timezone', true),
      topic: interaction.options.getString('topic'),
      count: interaction.options.getInteger('count'),
      userId: interaction.user.id,
    });
    if (!result.ok) throw result.error;
    const { digest, created } = result.value;
    const verb = created ? 'Created' : 'Updated';
    await respond(interaction, { ephemeral: true, content: `✅ ${verb} the digest: ${describeSchedule(digest)}` });
  },
} satisfies Subcommand;
