/**
 * The only functions that send anything for an interaction. Each payload goes
 * through prepareMessage (limits, no mentions), and each picks the right
 * Discord call for the interaction's state: reply, edit the deferred reply,
 * update the clicked message, or follow up.
 */
import { MessageFlags } from 'discord.js';
import type { ChatInputCommandInteraction, MessageComponentInteraction } from 'discord.js';
import { prepareMessage, type BotMessage } from './render/message.js';

export type RepliableInteraction = ChatInputCommandInteraction | MessageComponentInteraction;

const flagsFor = (message: BotMessage) => (message.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {});

/** "Thinking…" now, the answer later (via `respond`): for work that may take more than a second. */
export async function deferReply(interaction: RepliableInteraction): Promise<void> {
  await interaction.deferReply();
}

/** Acknowledges a click without a visible change; the message is replaced later by `updateMessage`. */
export async function deferUpdate(interaction: MessageComponentInteraction): Promise<void> {
  await interaction.deferUpdate();
}

/** Sends the answer: fills in a deferred reply, else replies (or follows up if a reply already exists). */
export async function respond(interaction: RepliableInteraction, message: BotMessage): Promise<void> {
  const payload = prepareMessage(message);
  if (interaction.deferred && !interaction.replied) await interaction.editReply(payload);
  else if (interaction.replied) await interaction.followUp({ ...payload, ...flagsFor(message) });
  else await interaction.reply({ ...payload, ...flagsFor(message) });
}

/** Replaces the message a button or select belongs to. */
export async function updateMessage(interaction: MessageComponentInteraction, message: BotMessage): Promise<void> {
  const payload = prepareMessage(message);
  if (interaction.deferred || interaction.replied) await interaction.editReply(payload);
  else await interaction.update(payload);
}

/**
 * One sentence only the user sees: expected failures and apologies.
 * A public "thinking…" placeholder is deleted first — an edit cannot make it
 * ephemeral, and the first follow-up would otherwise replace it publicly.
 */
export async function respondPrivately(interaction: RepliableInteraction, text: string): Promise<void> {
  const payload = { ...prepareMessage({ content: text }), flags: MessageFlags.Ephemeral as const };
  if (interaction.replied) {
    await interaction.followUp(payload);
  } else if (interaction.deferred) {
    if (interaction.isChatInputCommand()) await interaction.deleteReply().catch(() => undefined);
    await interaction.followUp(payload);
  } else {
    await interaction.reply(payload);
  }
}
