/**
 * `npm run deploy-commands`: registers the bot's commands (guild-scoped when
 * DISCORD_GUILD_ID is set, else global) and prints what it registered.
 * Run it again whenever a command's definition changes.
 */
import { createLogger } from '../src/logger.js';
import { commands } from './commands.js';
import { registerCommands } from './register-commands.js';
import { flushLogs, loadConfigOrExit } from './startup.js';

const config = loadConfigOrExit();
const logger = createLogger(config.LOG_LEVEL);

try {
  const result = await registerCommands(config, commands);
  const where = result.scope === 'guild' ? `guild ${result.guildId}` : 'all guilds (global)';
  process.stdout.write(`Registered ${result.commands.length} command(s) to ${where}:\n${result.commands.map((c) => `  ${c}\n`).join('')}`);
} catch (error) {
  logger.error({ err: error }, 'registering commands failed');
  process.stderr.write(`Could not register commands: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
await flushLogs(logger);
