/**
 * A failure the user caused or can fix (an unknown title, expired buttons,
 * a rate limit). Its message is the one human sentence shown to them,
 * ephemerally; it is logged at debug level only, never as an error.
 */
export class ExpectedFailure extends Error {
  override readonly name = 'ExpectedFailure';
}
