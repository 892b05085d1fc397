/**
 * Discord's documented size limits, enforced the way Discord enforces them: a 400 with code 50035
 * "Invalid Form Body" and a nested `errors` object (which discord.js flattens into the error message).
 * The fake enforces them so an end-to-end test catches a reply Discord itself would reject.
 */
import { ComponentType, MessageFlags } from 'discord.js';
import type { Json } from './payloads.js';

export const LIMITS = {
  content: 2000, embeds: 10, embedTitle: 256, embedDescription: 4096, embedFields: 25, fieldName: 256,
  fieldValue: 1024, footerText: 2048, authorName: 256, embedTotal: 6000, actionRows: 5, rowButtons: 5,
  customId: 100, buttonLabel: 80, selectOptions: 25, selectOptionText: 100, placeholder: 150, choices: 25,
  choiceName: 100, choiceStringValue: 100, nonce: 25,
} as const;

/** A Discord error response body. */
export interface ApiError {
  status: number;
  body: { code: number; message: string; errors?: Json };
}

/** Collects field errors at their JSON paths, in Discord's `{a: {0: {b: {_errors: [...]}}}}` shape. */
export class FormErrors {
  private readonly root: Json = {};
  private count = 0;

  add(path: readonly (string | number)[], code: string, message: string): void {
    let node = this.root;
    for (const key of path) {
      const next = node[String(key)];
      node = (node[String(key)] = typeof next === 'object' && next !== null ? next : {}) as Json;
    }
    const list = (node._errors ??= []) as unknown[];
    list.push({ code, message });
    this.count += 1;
  }

  /** Checks `text` (counted in code points, as Discord counts) against `max`. */
  maxLength(path: readonly (string | number)[], text: unknown, max: number): void {
    if (typeof text === 'string' && [...text].length > max) {
      this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
  }

  result(): ApiError | null {
    return this.count === 0 ? null : { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: this.root } };
  }
}

export function asJson(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function textLength(value: unknown): number {
  return typeof value === 'string' ? [...value].length : 0;
}

function checkEmbeds(errors: FormErrors, embeds: unknown[]): void {
  if (embeds.length > LIMITS.embeds) errors.add(['embeds'], 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMITS.embeds} or fewer in length.`);
  let total = 0;
  embeds.map(asJson).forEach((embed, i) => {
    const footer = asJson(embed.footer);
    const author = asJson(embed.author);
    errors.maxLength(['embeds', i, 'title'], embed.title, LIMITS.embedTitle);
    errors.maxLength(['embeds', i, 'description'], embed.description, LIMITS.embedDescription);
    errors.maxLength(['embeds', i, 'footer', 'text'], footer.text, LIMITS.footerText);
    errors.maxLength(['embeds', i, 'author', 'name'], author.name, LIMITS.authorName);
    const fields = asArray(embed.fields).map(asJson);
    if (fields.length > LIMITS.embedFields) errors.add(['embeds', i, 'fields'], 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMITS.embedFields} or fewer in length.`);
    fields.forEach((field, j) => {
      if (textLength(field.name) === 0) errors.add(['embeds', i, 'fields', j, 'name'], 'BASE_TYPE_REQUIRED', 'This field is required');
      if (textLength(field.value) === 0) errors.add(['embeds', i, 'fields', j, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
      errors.maxLength(['embeds', i, 'fields', j, 'name'], field.name, LIMITS.fieldName);
      errors.maxLength(['embeds', i, 'fields', j, 'value'], field.value, LIMITS.fieldValue);
      total += textLength(field.name) + textLength(field.value);
    });
    total += textLength(embed.title) + textLength(embed.description) + textLength(footer.text) + textLength(author.name);
  });
  if (total > LIMITS.embedTotal) errors.add(['embeds'], 'BASE_TYPE_MAX_LENGTH', `Embed size exceeds maximum size of ${LIMITS.embedTotal}`);
}

const SELECT_TYPES: readonly number[] = [
  ComponentType.StringSelect, ComponentType.UserSelect, ComponentType.RoleSelect,
  ComponentType.MentionableSelect, ComponentType.ChannelSelect,
];

function checkComponents(errors: FormErrors, rows: unknown[]): void {
  if (rows.length > LIMITS.actionRows) errors.add(['components'], 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMITS.actionRows} or fewer in length.`);
  rows.map(asJson).forEach((row, i) => {
    const children = asArray(row.components).map(asJson);
    const selects = children.filter((c) => SELECT_TYPES.includes(Number(c.type)));
    if (children.length > LIMITS.rowButtons || (selects.length > 0 && children.length > 1)) {
      errors.add(['components', i, 'components'], 'BASE_TYPE_MAX_LENGTH', 'Too many components in this row.');
    }
    children.forEach((child, j) => {
      const at = ['components', i, 'components', j];
      errors.maxLength([...at, 'custom_id'], child.custom_id, LIMITS.customId);
      errors.maxLength([...at, 'label'], child.label, LIMITS.buttonLabel);
      errors.maxLength([...at, 'placeholder'], child.placeholder, LIMITS.placeholder);
      const options = asArray(child.options).map(asJson);
      if (options.length > LIMITS.selectOptions) errors.add([...at, 'options'], 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMITS.selectOptions} or fewer in length.`);
      options.forEach((option, k) => {
        for (const key of ['label', 'value', 'description'] as const) {
          errors.maxLength([...at, 'options', k, key], option[key], LIMITS.selectOptionText);
        }
      });
    });
  });
}

/** Checks a message create/edit body; `creating` adds Discord's "Cannot send an empty message" rule. */
export function checkMessage(body: Json, creating: boolean, fileCount: number): ApiError | null {
  if (creating) {
    const empty = textLength(body.content) === 0 && asArray(body.embeds).length === 0 &&
      asArray(body.components).length === 0 && asArray(body.sticker_ids).length === 0 && body.poll === undefined && fileCount === 0;
    if (empty) return { status: 400, body: { code: 50006, message: 'Cannot send an empty message' } };
  }
  const errors = new FormErrors();
  if (creating) errors.maxLength(['nonce'], body.nonce, LIMITS.nonce);
  errors.maxLength(['content'], body.content, LIMITS.content);
  checkEmbeds(errors, asArray(body.embeds));
  // Components V2 messages follow different layout rules, which the fake does not model.
  if ((Number(body.flags ?? 0) & MessageFlags.IsComponentsV2) === 0) checkComponents(errors, asArray(body.components));
  return errors.result();
}

/** Checks an autocomplete result's `{choices}`. */
export function checkChoices(data: Json): ApiError | null {
  const errors = new FormErrors();
  const choices = asArray(data.choices).map(asJson);
  if (choices.length > LIMITS.choices) errors.add(['data', 'choices'], 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMITS.choices} or fewer in length.`);
  choices.forEach((choice, i) => {
    if (textLength(choice.name) === 0) errors.add(['data', 'choices', i, 'name'], 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.');
    errors.maxLength(['data', 'choices', i, 'name'], choice.name, LIMITS.choiceName);
    errors.maxLength(['data', 'choices', i, 'value'], choice.value, LIMITS.choiceStringValue);
  });
  return errors.result();
}
