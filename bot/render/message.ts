/**
 * The one gate every outgoing message passes through (reply, edit, follow-up,
 * channel message): it cuts every field to Discord's limits, keeps the whole
 * message under the 6000-character embed total, and disables every mention.
 */
import type {
  APIActionRowComponent,
  APIButtonComponent,
  APIEmbed,
  APIEmbedField,
  APIStringSelectComponent,
} from 'discord.js';
import { Limits } from './limits.js';
import { truncate } from './text.js';

export type MessageRow = APIActionRowComponent<APIButtonComponent | APIStringSelectComponent>;

/** What a command wants to say, before limits are applied. */
export interface BotMessage {
  readonly content?: string;
  readonly embeds?: readonly APIEmbed[];
  readonly components?: readonly MessageRow[];
  /** Only the invoking user sees it (ignored on edits: Discord fixes that when the reply is created). */
  readonly ephemeral?: boolean;
}

/** No @everyone, @here, role or user pings, whatever the text says. */
export interface NoMentions {
  readonly parse: [];
}
const noMentions = (): NoMentions => ({ parse: [] });

/** A payload that is safe to send: every field within limits, mentions disabled. */
export interface PreparedMessage {
  content: string;
  embeds: APIEmbed[];
  components: MessageRow[];
  allowedMentions: NoMentions;
}

/** Descriptions are shrunk no further than this before whole embeds are dropped to meet the total. */
const MIN_DESCRIPTION = 100;

/** Discord's own measure: what counts toward the 6000-character total. */
export function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    fields +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0)
  );
}

const totalLength = (embeds: readonly APIEmbed[]): number => embeds.reduce((sum, e) => sum + embedLength(e), 0);

function clampField(field: APIEmbedField): APIEmbedField {
  // Discord rejects empty names and values; a zero-width space renders as nothing.
  const name = truncate(field.name, Limits.embedFieldName) || '\u200b';
  const value = truncate(field.value, Limits.embedFieldValue) || '\u200b';
  return { ...field, name, value };
}

function clampEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (embed.title !== undefined) out.title = truncate(embed.title, Limits.embedTitle);
  if (embed.description !== undefined) out.description = truncate(embed.description, Limits.embedDescription);
  if (out.description === '') delete out.description;
  if (embed.footer) out.footer = { ...embed.footer, text: truncate(embed.footer.text, Limits.embedFooter) };
  if (embed.author) out.author = { ...embed.author, name: truncate(embed.author.name, Limits.embedAuthor) };
  if (embed.fields) out.fields = embed.fields.slice(0, Limits.embedFields).map(clampField);
  return out;
}

/**
 * Shrinks the longest descriptions first ("water filling") so every embed
 * keeps as much as possible; only if that is not enough are trailing embeds
 * and then trailing fields dropped.
 */
function fitTotal(input: readonly APIEmbed[]): APIEmbed[] {
  let embeds = [...input];
  const excess = totalLength(embeds) - Limits.embedTotal;
  if (excess <= 0) return embeds;
  const lengths = embeds.map((e) => e.description?.length ?? 0);
  const removedAt = (cap: number) => lengths.reduce((sum, len) => sum + Math.max(0, len - cap), 0);
  // The largest cap that still removes enough; removedAt() falls as cap grows.
  let low = MIN_DESCRIPTION;
  let high = Math.max(MIN_DESCRIPTION, ...lengths);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (removedAt(mid) >= excess) low = mid;
    else high = mid - 1;
  }
  embeds = embeds.map((e) => (e.description === undefined ? e : { ...e, description: truncate(e.description, low) }));
  while (embeds.length > 1 && totalLength(embeds) > Limits.embedTotal) embeds.pop();
  const only = embeds[0];
  if (only && totalLength(embeds) > Limits.embedTotal) {
    const fields = [...(only.fields ?? [])];
    while (fields.length > 0 && embedLength({ ...only, fields }) > Limits.embedTotal) fields.pop();
    embeds = [{ ...only, fields }];
  }
  return embeds;
}

function checkComponents(rows: readonly MessageRow[]): MessageRow[] {
  if (rows.length > Limits.actionRows) throw new Error(`too many action rows: ${rows.length}`);
  for (const row of rows) {
    for (const component of row.components) {
      // custom_ids are ours, so an overlong one is a bug: fail loudly rather than send a broken button.
      if ('custom_id' in component && component.custom_id.length > Limits.customId) {
        throw new Error(`custom_id over ${Limits.customId} characters: ${component.custom_id}`);
      }
      if ('options' in component && component.options.some((option) => option.value.length > Limits.selectValue)) {
        throw new Error(`select option value over ${Limits.selectValue} characters in ${component.custom_id}`);
      }
    }
  }
  return rows.map((row) => ({ ...row, components: row.components.map(clampComponent) }));
}

function clampComponent(component: APIButtonComponent | APIStringSelectComponent): APIButtonComponent | APIStringSelectComponent {
  if (!('options' in component)) {
    return 'label' in component && component.label !== undefined
      ? { ...component, label: truncate(component.label, Limits.buttonLabel) }
      : component;
  }
  const options = component.options.slice(0, Limits.selectOptions).map((option) => ({
    ...option,
    label: truncate(option.label, Limits.selectLabel),
    ...(option.description === undefined ? {} : { description: truncate(option.description, Limits.selectDescription) }),
  }));
  const placeholder = component.placeholder === undefined ? {} : { placeholder: truncate(component.placeholder, Limits.selectPlaceholder) };
  return { ...component, ...placeholder, options };
}

/** Applies every limit and disables mentions. Content is always present (possibly empty) so edits replace it. */
export function prepareMessage(message: BotMessage): PreparedMessage {
  const embeds = fitTotal((message.embeds ?? []).slice(0, Limits.embedsPerMessage).map(clampEmbed));
  return {
    content: truncate(message.content ?? '', Limits.content),
    embeds,
    components: checkComponents(message.components ?? []),
    allowedMentions: noMentions(),
  };
}
