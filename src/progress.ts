/**
 * Progress for long work (embedding the corpus on a cold start): a bar on an
 * interactive terminal; otherwise a line every tenth of the way — a log entry
 * for the bot, a plain line for the CLI (whose logger is quiet by default).
 */
import type { Logger } from './logger.js';

const BAR_WIDTH = 30;
const LOG_STEPS = 10;

export type ProgressCallback = (done: number, total: number) => void;

/** Where a bar is drawn: only whether it is a terminal and how to write to it matter. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export function progressReporter(logger: Logger, stream: ProgressStream = process.stderr, what = 'embedding', plain = false): ProgressCallback {
  const started = performance.now();
  let lastStep = -1;
  return (done, total) => {
    const fraction = total === 0 ? 1 : Math.min(1, done / total);
    if (stream.isTTY === true) {
      const filled = Math.round(fraction * BAR_WIDTH);
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      stream.write(`\r${what} [${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${done}/${total} ${seconds}s`);
      if (done >= total) stream.write('\n');
      return;
    }
    const step = Math.floor(fraction * LOG_STEPS);
    if (step !== lastStep) {
      lastStep = step;
      const percent = Math.round(fraction * 100);
      if (plain) stream.write(`${what}: ${done}/${total} (${percent} %)\n`);
      else logger.info({ done, total, percent }, `${what} progress`);
    }
  };
}
