/**
 * Discord's rules for application command definitions (bulk overwrite bodies), so a deploy script run
 * against the fake fails where Discord would fail: bad names, missing descriptions, too many options.
 */
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import { asArray, asJson, FormErrors, type ApiError } from './message-limits.js';

const NAME_MAX = 32;
const DESCRIPTION_MAX = 100;
const OPTIONS_MAX = 25;
const CHOICES_MAX = 25;
const CHOICE_NAME_MAX = 100;
/** Discord's documented pattern for command and option names (chat-input names must also be lowercase). */
const NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function checkName(errors: FormErrors, path: readonly (string | number)[], name: unknown): void {
  if (typeof name !== 'string' || !NAME_PATTERN.test(name) || name !== name.toLowerCase()) {
    errors.add([...path, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', `Command name is invalid (1-${NAME_MAX} lowercase characters).`);
  }
}

function checkDescription(errors: FormErrors, path: readonly (string | number)[], description: unknown): void {
  const length = typeof description === 'string' ? [...description].length : 0;
  if (length < 1 || length > DESCRIPTION_MAX) {
    errors.add([...path, 'description'], 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${DESCRIPTION_MAX} in length.`);
  }
}

function checkOptions(errors: FormErrors, path: readonly (string | number)[], options: unknown[]): void {
  if (options.length > OPTIONS_MAX) errors.add([...path, 'options'], 'BASE_TYPE_MAX_LENGTH', `Must be ${OPTIONS_MAX} or fewer in length.`);
  let sawOptional = false;
  options.map(asJson).forEach((option, i) => {
    const at = [...path, 'options', i];
    checkName(errors, at, option.name);
    checkDescription(errors, at, option.description);
    const nests = option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup;
    if (nests) {
      checkOptions(errors, at, asArray(option.options));
      return;
    }
    if (option.required === true && sawOptional) {
      errors.add([...at, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
    }
    if (option.required !== true) sawOptional = true;
    const choices = asArray(option.choices).map(asJson);
    if (choices.length > CHOICES_MAX) errors.add([...at, 'choices'], 'BASE_TYPE_MAX_LENGTH', `Must be ${CHOICES_MAX} or fewer in length.`);
    choices.forEach((choice, j) => errors.maxLength([...at, 'choices', j, 'name'], choice.name, CHOICE_NAME_MAX));
  });
}

/** Checks a bulk-overwrite body (an array of command definitions). */
export function checkCommands(body: unknown): ApiError | null {
  const errors = new FormErrors();
  if (!Array.isArray(body)) {
    errors.add([], 'BASE_TYPE_ARRAY', 'Must be an array.');
    return errors.result();
  }
  const seen = new Set<string>();
  body.map(asJson).forEach((command, i) => {
    const chatInput = command.type === undefined || command.type === ApplicationCommandType.ChatInput;
    if (chatInput) {
      checkName(errors, [i], command.name);
      checkDescription(errors, [i], command.description);
      checkOptions(errors, [i], asArray(command.options));
    }
    const name = String(command.name);
    if (seen.has(name)) errors.add([i, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique: ${name}`);
    seen.add(name);
  });
  return errors.result();
}
