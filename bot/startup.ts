/**
 * What both entry points (main, deploy-commands) do before and after their
 * real work: read the config or exit 1 with its one-line-per-variable
 * message, and flush logs before exiting.
 */
import { ConfigError, loadBotConfig, type BotConfig } from '../src/config.js';
import type { Logger } from '../src/logger.js';

/** The config, or exit 1 after printing the ConfigError's message (no stack: it names each bad variable). */
export function loadConfigOrExit(): BotConfig {
  try {
    return loadBotConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

/** Bounded, so a stuck destination cannot keep a process from exiting. */
const FLUSH_TIMEOUT_MS = 1000;

export function flushLogs(logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, FLUSH_TIMEOUT_MS);
    logger.flush(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
