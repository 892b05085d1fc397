/**
 * `npm run papers -- <about|title|similar|ask> [query] [options]`: the CLI's
 * entry point. It only wires the process (argv, streams, exit code) to
 * {@link runCli}; everything else lives there.
 */
import { runCli } from './run-cli.js';

// `papers … | head` closes stdout early: that is the reader's choice, not an error worth a stack trace.
// Any other failure to write the output (stdout redirected to a full disk, say) is said in one line, exit 1.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`paperbot: cannot write the output (${error.code ?? error.message})\n`);
  process.exit(1);
});

const stdoutIsTTY = process.stdout.isTTY === true;

process.exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: stdoutIsTTY,
  columns: process.stdout.columns,
  // hasColors() honours NO_COLOR, FORCE_COLOR and TERM=dumb, so no environment variable is read here.
  color: stdoutIsTTY && process.stdout.hasColors(),
});
