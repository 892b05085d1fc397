/** Collects a pino logger's JSON lines in memory so tests can check what was logged, and at which level. */
import { Writable } from 'node:stream';

export class LogCapture {
  readonly lines: string[] = [];
  readonly stream = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      this.lines.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''));
      done();
    },
  });

  entries(): Record<string, unknown>[] {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  find(msg: string): Record<string, unknown>[] {
    return this.entries().filter((entry) => entry.msg === msg);
  }
}
