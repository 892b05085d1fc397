/**
 * What the /digest subcommands share: the command's name, the Manage Server
 * gate, the option limits, and the two autocompletes (a guild's digests, and
 * IANA time zones), answered from memory.
 */
import {
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import type { CommandContext } from '../../bot/command.js';
import { ExpectedFailure } from '../../bot/expected-failure.js';
import { Limits } from '../../bot/render/limits.js';
import { oneLine, truncate } from '../../bot/render/text.js';
import type { Digest } from '../../src/digest/digest-state.js';
import type { DigestService } from '../../src/digest/digest-service.js';
import { TIME_ZONES } from '../../src/digest/schedule.js';

export const COMMAND_NAME = 'digest';

/** Set as the command's default_member_permissions and checked again on every run (a server can override the default). */
export const REQUIRED_PERMISSION = PermissionFlagsBits.ManageGuild;

export const NEEDS_MANAGE_SERVER = 'Only members with the Manage Server permission can manage digests.';

/** Offered before anything is typed: the zones most servers want. */
const COMMON_ZONES = ['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Asia/Kolkata', 'Asia/Shanghai', 'Asia/Tokyo', 'Australia/Sydney'];

/** The longest IANA zone name is 30 characters; anything longer is not one. */
export const ZONE_MAX = 40;

export interface DigestInvocation {
  readonly guildId: string;
  readonly service: DigestService;
}

/**
 * Refuses use outside a server or without Manage Server, then hands over the
 * digest service. `memberPermissions` is what Discord computed for this
 * member in this channel, so channel overrides count too.
 */
export function authorise(interaction: ChatInputCommandInteraction | AutocompleteInteraction, ctx: CommandContext): DigestInvocation {
  if (!interaction.inGuild()) throw new ExpectedFailure('Digests belong to a server: use /digest in one.');
  if (!interaction.memberPermissions.has(REQUIRED_PERMISSION)) throw new ExpectedFailure(NEEDS_MANAGE_SERVER);
  return { guildId: interaction.guildId, service: ctx.digests.get() };
}

export function addDigestOption(builder: SlashCommandSubcommandBuilder, required: boolean): SlashCommandSubcommandBuilder {
  return builder.addStringOption((option) =>
    option
      .setName('digest')
      .setDescription(required ? 'Which digest' : 'Which digest (default: the one in this channel, or the only one)')
      .setRequired(required)
      .setAutocomplete(true)
      .setMaxLength(Limits.choiceValue),
  );
}

/** How a digest is named in autocomplete and replies: topic, channel, time and zone. */
export function digestLabel(digest: Digest, channelName: string | undefined): string {
  const what = digest.topic ?? 'All papers';
  const where = channelName === undefined ? `channel ${digest.channelId}` : `#${channelName}`;
  return `${what} · ${where} · ${digest.time} ${digest.timezone}`;
}

async function suggestDigests(interaction: AutocompleteInteraction, service: DigestService, guildId: string, typed: string): Promise<void> {
  const needle = typed.toLowerCase();
  const choices = service
    .list(guildId)
    .map((digest) => ({ digest, label: digestLabel(digest, interaction.guild?.channels.cache.get(digest.channelId)?.name) }))
    .filter(({ label, digest }) => needle === '' || label.toLowerCase().includes(needle) || digest.id === needle)
    .slice(0, Limits.autocompleteChoices)
    .map(({ digest, label }) => ({ name: truncate(oneLine(label), Limits.choiceName), value: digest.id }));
  await interaction.respond(choices);
}

/** Zones whose name (or any `/`-separated part of it) starts with what was typed, then those merely containing it. */
export function zoneChoices(typed: string): string[] {
  const needle = typed.trim().toLowerCase().replace(/\s+/g, '_');
  if (needle === '') return COMMON_ZONES.slice(0, Limits.autocompleteChoices);
  const starts = TIME_ZONES.filter((zone) => zone.toLowerCase().split('/').some((part) => part.startsWith(needle)) || zone.toLowerCase().startsWith(needle));
  const contains = TIME_ZONES.filter((zone) => !starts.includes(zone) && zone.toLowerCase().includes(needle));
  return [...starts, ...contains].slice(0, Limits.autocompleteChoices);
}

/** Autocomplete for the `digest` and `timezone` options; nothing for members who may not use /digest. */
export async function autocompleteDigestOptions(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const service = ctx.digests.current;
  if (!interaction.inGuild() || !interaction.memberPermissions.has(REQUIRED_PERMISSION)) {
    await interaction.respond([]);
  } else if (focused.name === 'timezone') {
    await interaction.respond(zoneChoices(String(focused.value).slice(0, ZONE_MAX)).map((zone) => ({ name: zone, value: zone })));
  } else if (focused.name === 'digest' && service !== undefined) {
    await suggestDigests(interaction, service, interaction.guildId, String(focused.value).slice(0, Limits.choiceName));
  } else {
    await interaction.respond([]);
  }
}

/** The digest a subcommand is about: picked, or inferred from the channel; a clear refusal otherwise. */
export function pickDigest(interaction: ChatInputCommandInteraction, { service, guildId }: DigestInvocation): Digest {
  const picked = interaction.options.getString('digest')?.trim() || null;
  const resolved = service.resolve(guildId, picked, interaction.channelId);
  if (!resolved.ok) throw resolved.error;
  return resolved.value;
}
