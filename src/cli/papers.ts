/**
 * `npm run papers -- <about|title|similar|ask> [query] [options]`: the CLI's
 * entry point. It only wires the process (argv, streams, exit code) to
 * {@link runCli}; everything else lives there.
 */
import { fstatSync } from 'node:fs';
import { Readable } from 'node:stream';
import { UserError } from '../errors.js';
import { runCli } from './run-cli.js';

// `papers … | head` closes stdout early: that is the reader's choice, not an error worth a stack trace.
// Any other failure to write the output (stdout redirected to a full disk, say) is said in one line, exit 1.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`paperbot: cannot write the output (${error.code ?? error.message})\n`);
  process.exit(1);
});

const stdoutIsTTY = process.stdout.isTTY === true;

/** Node reads a directory given as stdin (`< /tmp`) as empty input: a batch would "succeed" having read nothing. */
function standardInput(): NodeJS.ReadableStream {
  let directory = false;
  try {
    directory = fstatSync(0).isDirectory();
  } catch {
    // No stdin at all (closed): reading it ends at once, which is what it holds.
  }
  if (!directory) return process.stdin;
  // Fails once read (batch mode), not before: a single query never reads stdin.
  return new Readable({
    read() {
      this.destroy(new UserError('INVALID_OPTION', 'standard input is a directory (EISDIR): give a file of queries, one per line.'));
    },
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdin: standardInput(),
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: stdoutIsTTY,
  columns: process.stdout.columns,
  // hasColors() honours NO_COLOR, FORCE_COLOR and TERM=dumb, so no environment variable is read here.
  color: stdoutIsTTY && process.stdout.hasColors(),
});
