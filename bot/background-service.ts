/**
 * Work the bot runs beside answering commands (the digest scheduler, say).
 * createBot starts each once the bot is connected and the engine loaded,
 * and stops them, in reverse order, before it disconnects.
 */
export interface BackgroundService {
  readonly name: string;
  start(): void | Promise<void>;
  stop(): void | Promise<void>;
}
