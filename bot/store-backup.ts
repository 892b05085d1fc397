/**
 * The store's daily backup as a background service of the bot (only the
 * process that writes the store backs it up).
 */
import { BackupSchedule } from '../src/store/backup.js';
import type { BackgroundService } from './background-service.js';
import type { CommandContext } from './command.js';

export function storeBackup(ctx: CommandContext): BackgroundService {
  let schedule: BackupSchedule | undefined;
  return {
    name: 'store backup',
    async start() {
      const opened = ctx.engine.opened;
      if (opened === undefined || !opened.engine.status().writer) return;
      schedule = new BackupSchedule({ store: opened.store, dataDir: ctx.config.DATA_DIR, logger: ctx.logger, clock: ctx.clock });
      await schedule.start();
    },
    async stop() {
      await schedule?.stop();
    },
  };
}
