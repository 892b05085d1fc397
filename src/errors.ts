/**
 * The error catalogue. A `UserError` is an expected failure caused by what
 * someone typed (an empty query, an unknown paper): it carries a stable code
 * the Discord layer and the CLI map to friendly text. Anything else thrown is
 * a bug or an outage and is logged in full.
 */

export const ERROR_CODES = {
  EMPTY_QUERY: 'The query is empty: type a few words to search for.',
  UNKNOWN_PAPER: 'No paper matches that id or title.',
  INVALID_OPTION: 'One of the options is not valid.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class UserError extends Error {
  override readonly name = 'UserError';

  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CODES[code],
  ) {
    super(message);
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
