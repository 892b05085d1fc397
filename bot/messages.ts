/**
 * The sentences users see when something did not go as asked. Engine errors
 * arrive as `UserError` codes; codes without an entry here show the engine's
 * own message, which is already written for people.
 */
import { time, TimestampStyles } from 'discord.js';
import type { ErrorCode, UserError } from '../src/errors.js';

const FRIENDLY: Partial<Record<ErrorCode, string>> = {
  EMPTY_QUERY: 'That was empty — type a few words to search for.',
  UNKNOWN_PAPER: "I don't know that paper — pick a title from the suggestions, or try /papers about.",
};

export function userErrorText(error: UserError): string {
  return FRIENDLY[error.code] ?? error.message;
}

export const APOLOGY = 'Sorry — something went wrong on my side. It has been logged; please try again in a moment.';

export const RESULTS_EXPIRED = 'These results expired — run the command again.';

export const UNKNOWN_COMMAND = "I don't know that command any more — it may have been removed. Try /papers help.";

export function rateLimitedText(retryAtMs: number): string {
  const seconds = Math.ceil(retryAtMs / 1000);
  return `You're sending commands a bit fast — you can try again ${time(seconds, TimestampStyles.RelativeTime)}.`;
}
