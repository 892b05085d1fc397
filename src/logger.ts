/**
 * The one logger: pino, structured fields, level from config. Logs go to
 * stderr so the CLI's stdout stays clean for its own output (and `--json`).
 */
import pino, { type Logger } from 'pino';

export type { Logger };

/** Paths pino blanks out wherever they appear, so a token never reaches a log line. */
const REDACT = [
  'token',
  '*.token',
  'DISCORD_TOKEN',
  '*.DISCORD_TOKEN',
  'config.DISCORD_TOKEN',
  'headers.authorization',
  '*.headers.authorization',
];

export function createLogger(level: string = 'info', destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'paperbot' } }, destination);
}

/** A logger that drops everything: for tests and library callers that want silence. */
export const silentLogger: Logger = pino({ level: 'silent' });
