/**
 * `npm start`: runs the Discord bot. Only wiring lives here — config,
 * logger, the engine loader and process signals; the bot itself is
 * createBot's. Invalid config exits 1 with a message naming each variable.
 */
import { createLogger } from '../src/logger.js';
import { progressReporter } from '../src/progress.js';
import type { OpenedEngine } from '../src/search/create-engine.js';
import { flushLogs, loadConfigOrExit } from './startup.js';

const config = loadConfigOrExit();
const logger = createLogger(config.LOG_LEVEL);
// Loaded only once the config is valid: discord.js and the ONNX runtime take seconds to import,
// and a typo in .env should be reported at once.
const [{ createBot }, { openEngine }, { StoreError }] = await Promise.all([
  import('./create-bot.js'),
  import('../src/search/create-engine.js'),
  import('../src/store/store-error.js'),
]);
const onProgress = progressReporter(logger, process.stderr, 'embedding papers');
let opened: OpenedEngine | undefined;
const bot = createBot({
  config,
  logger,
  engineLoader: async () => {
    opened = await openEngine(config, logger, { onProgress, processKind: 'bot' });
    // Another process took the store over while this one stalled: two bots must never both post and store.
    opened.engine.onWriterLost(() => {
      const message = 'another paperbot process took over DATA_DIR while this one was stalled; stopping so that only one writes';
      logger.fatal(message);
      process.stderr.write(`paperbot: ${message}\n`);
      void exit(2);
    });
    return opened;
  },
});
let exiting = false;

async function exit(code: number): Promise<never> {
  exiting = true;
  try {
    await bot.stop();
    // The engine outlives the bot: it saves the vector index and releases the store last.
    await opened?.engine.close();
  } catch (error) {
    logger.error({ err: error }, 'error while stopping');
  }
  await flushLogs(logger);
  process.exit(code);
}

process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection (bot keeps running)'));
process.on('uncaughtException', (error) => {
  logger.fatal({ err: error }, 'uncaught exception: shutting down');
  void exit(1);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down');
    void exit(0);
  });
}

try {
  await bot.start();
} catch (error) {
  // A signal during start-up makes login or loading fail; that is a shutdown, not a start failure.
  if (!exiting) {
    // A read-only or full DATA_DIR, a store held by another bot: the operator's to fix, said in one line.
    if (error instanceof StoreError) {
      logger.fatal({ code: error.code }, error.message);
      process.stderr.write(`paperbot: ${error.message}\n`);
      await exit(2);
    }
    logger.fatal({ err: error }, 'could not start the bot');
    await exit(1);
  }
}
