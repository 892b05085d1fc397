/**
 * Routes every interaction through one small pipeline:
 * find the command → preconditions (ready, rate limit) → run, timed → log.
 * Failures are sorted here, in one place: expected ones (UserError,
 * ExpectedFailure) become one private sentence; anything else is logged with
 * the command, its options and the stack, and the user gets an apology.
 */
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  CommandInteractionOption,
  Interaction,
  MessageComponentInteraction,
} from 'discord.js';
import { isUserError } from '../src/errors.js';
import type { Command, CommandContext } from './command.js';
import { parseCustomId } from './custom-id.js';
import { ExpectedFailure } from './expected-failure.js';
import { APOLOGY, UNKNOWN_COMMAND, userErrorText } from './messages.js';
import { checkPreconditions } from './preconditions.js';
import { respondPrivately, type RepliableInteraction } from './respond.js';

export type Dispatch = (interaction: Interaction) => Promise<void>;

type Outcome = 'ok' | 'refused' | 'expected-failure' | 'error';

/** Flattens (sub)command options to `{ name: value }` for log lines. */
function optionsOf(data: readonly CommandInteractionOption[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const option of data) {
    if (option.options) Object.assign(out, optionsOf(option.options));
    else out[option.name] = option.value;
  }
  return out;
}

function describe(interaction: RepliableInteraction): { command: string; options: Record<string, unknown> } {
  if (interaction.isChatInputCommand()) {
    const sub = interaction.options.getSubcommand(false);
    return { command: sub ? `${interaction.commandName} ${sub}` : interaction.commandName, options: optionsOf(interaction.options.data) };
  }
  const values = interaction.isStringSelectMenu() ? { values: interaction.values } : {};
  return { command: parseCustomId(interaction.customId).command, options: { customId: interaction.customId, ...values } };
}

export function createDispatch(commands: readonly Command[], ctx: CommandContext): Dispatch {
  const byName = new Map(commands.map((command) => [command.data.name, command]));
  const { logger } = ctx;

  async function run(interaction: RepliableInteraction, handler: (() => Promise<void>) | undefined): Promise<void> {
    const { command, options } = describe(interaction);
    const started = performance.now();
    let outcome: Outcome = 'ok';
    try {
      if (handler === undefined) throw new ExpectedFailure(UNKNOWN_COMMAND);
      const check = await checkPreconditions(ctx, interaction.user.id);
      if (!check.ok) {
        outcome = 'refused';
        await respondPrivately(interaction, check.message);
        return;
      }
      await handler();
    } catch (error) {
      outcome = isUserError(error) || error instanceof ExpectedFailure ? 'expected-failure' : 'error';
      await reportFailure(interaction, error, command, options);
    } finally {
      const durationMs = Math.round(performance.now() - started);
      logger.info({ command, user: interaction.user.id, durationMs, outcome }, 'interaction handled');
    }
  }

  async function reportFailure(interaction: RepliableInteraction, error: unknown, command: string, options: Record<string, unknown>): Promise<void> {
    let text: string;
    if (isUserError(error)) text = userErrorText(error);
    else if (error instanceof ExpectedFailure) text = error.message;
    else {
      logger.error({ err: error, command, options }, 'command failed');
      text = APOLOGY;
    }
    try {
      await respondPrivately(interaction, text);
    } catch (replyError) {
      // The interaction may have expired or the channel vanished: nothing more to tell the user.
      logger.warn({ err: replyError, command }, 'could not send the failure message');
    }
  }

  async function autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const command = byName.get(interaction.commandName);
    try {
      if (command?.autocomplete) await command.autocomplete(interaction, ctx);
      else await interaction.respond([]);
    } catch (error) {
      logger.warn({ err: error, command: interaction.commandName }, 'autocomplete failed');
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    }
  }

  function chatInput(interaction: ChatInputCommandInteraction): Promise<void> {
    const command = byName.get(interaction.commandName);
    return run(interaction, command && (() => command.execute(interaction, ctx)));
  }

  function component(interaction: MessageComponentInteraction): Promise<void> {
    const command = byName.get(parseCustomId(interaction.customId).command);
    const handler = command?.component;
    return run(interaction, handler && (() => handler(interaction, ctx)));
  }

  return async (interaction) => {
    if (interaction.isChatInputCommand()) await chatInput(interaction);
    else if (interaction.isAutocomplete()) await autocomplete(interaction);
    else if (interaction.isMessageComponent()) await component(interaction);
  };
}
