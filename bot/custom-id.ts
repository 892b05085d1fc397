/**
 * custom_id scheme: `<command>:<action>[:<arg>…]`, at most 100 characters.
 * The command prefix lets the dispatcher route a click to the command that
 * rendered the button; the rest is for that command alone.
 */
import { Limits } from './render/limits.js';

const SEPARATOR = ':';

export interface ParsedCustomId {
  readonly command: string;
  readonly action: string;
  readonly args: readonly string[];
}

/** Builds a custom_id; throws on a part containing `:` or a result over the limit (both are bugs). */
export function encodeCustomId(command: string, action: string, ...args: readonly string[]): string {
  const parts = [command, action, ...args];
  if (parts.some((part) => part.includes(SEPARATOR))) throw new Error(`custom_id part contains "${SEPARATOR}": ${parts.join(' ')}`);
  const id = parts.join(SEPARATOR);
  if (id.length > Limits.customId) throw new Error(`custom_id over ${Limits.customId} characters: ${id}`);
  return id;
}

export function parseCustomId(customId: string): ParsedCustomId {
  const [command = '', action = '', ...args] = customId.split(SEPARATOR);
  return { command, action, args };
}
