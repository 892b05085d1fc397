/**
 * Whatever a user types, the CLI answers with a message and an exit code —
 * never a stack trace: user errors and usage errors exit 2, failures exit 1.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputLines, MAX_LINE_CHARS, runCli } from '../../src/cli/run-cli.js';
import type { RefreshableEngine } from '../../src/search/engine-types.js';
import { sharedTestEngine } from '../support/test-engine.js';
import { captureIO, cliRunner, jsonLines, runWith, STACK_LINE, withClose, type CliRun, type RunOptions } from './cli-harness.js';

const LONG = 'model merging of task vectors '.repeat(170).slice(0, 5000);
const USAGE = /\nUsage: npm run papers -- <about\|title\|similar\|ask\|fetch\|add>/;

let engine: RefreshableEngine;
let cli: (argv: readonly string[], options?: RunOptions) => Promise<CliRun>;

beforeAll(async () => {
  engine = await sharedTestEngine();
  cli = cliRunner(engine);
});

afterAll(() => engine.close());

function expectOneLineError(run: CliRun, message: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(STACK_LINE);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
}

describe('queries with nothing to search for', () => {
  it.each([
    ['about', ''],
    ['about', '   '],
    ['ask', ''],
  ])('GIVEN %s "%s" THEN exit 2: the query is empty', async (command, query) => {
    expectOneLineError(await cli([command, query]), /^paperbot: The query is empty: type a few words to search for\.\n$/);
  });

  it.each([
    ['about', '🚀🤖'],
    ['ask', '@everyone'],
    ['about', '**__~~ ~~__**'],
  ])('GIVEN %s "%s" THEN exit 2: no words to search for', async (command, query) => {
    expectOneLineError(await cli([command, query]), /^paperbot: The query has no words to search for/);
  });

  it('GIVEN title "" THEN exit 2 asking for part of a title', async () => {
    expectOneLineError(await cli(['title', '']), /^paperbot: Type part of a title to look it up\.\n$/);
  });

  it('GIVEN similar "🚀" THEN exit 2: no such paper', async () => {
    expectOneLineError(await cli(['similar', '🚀']), /^paperbot: No paper has the id or title “🚀”\./);
  });
});

describe('what the user typed, quoted back in an error', () => {
  it('regression: GIVEN terminal escapes in an unknown command or option THEN stderr holds none of them (they reached the terminal raw)', async () => {
    for (const argv of [['\u001b]0;pwned\u0007\u001b[2Jabout', 'x'], ['about', 'x', '--\u001b[2J'], ['about', 'x', '--k', '\u001b[2J']]) {
      const run = await cli(argv);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^paperbot: /);
      // Control characters other than the line ends.
      expect(run.stderr.replaceAll('\n', '')).not.toMatch(/\p{Cc}/u);
    }
  });

  it('regression: GIVEN a 100 KB command word or option THEN the error is cut to a few hundred characters (it was echoed whole, twice)', async () => {
    const big = 'a'.repeat(100_000);
    for (const argv of [[big, 'x'], ['about', 'x', `--${big}`]]) {
      const run = await cli(argv);
      expect(run.code).toBe(2);
      const [message] = run.stderr.split('\n');
      expect(message?.length).toBeLessThanOrEqual(420);
      expect(message).toMatch(/…$/);
    }
  });
});

describe('--json when the query fails', () => {
  it('regression: GIVEN --json and a failing query THEN stdout holds the error object batch mode gives, not nothing (which does not parse)', async () => {
    const run = await cli(['similar', 'zzqx no such paper', '--json']);
    expect(run.code).toBe(2);
    expect(jsonLines(run.stdout)).toEqual([{ query: 'zzqx no such paper', error: { code: 'UNKNOWN_PAPER', message: expect.stringMatching(/^No paper has the id or title/) } }]);
    expect(run.stderr).toMatch(/^paperbot: No paper has the id or title/);
  });

  it('GIVEN --k -1 THEN the message says how to give a value starting with a dash', async () => {
    const run = await cli(['about', 'x', '--k', '-1']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^paperbot: Option '--k' argument is ambiguous\. .*'--k=-XYZ'/);
  });
});

describe('huge lines in batch mode', () => {
  it('regression: a 50 MB line of punctuation in batch mode is echoed at most 300 chars, and the batch goes on', async () => {
    const huge = '!?.,;'.repeat(10_000_000);
    const run = await cli(['about'], { stdin: `${huge}\nmodel merging\n` });
    const [failed, next] = jsonLines(run.stdout) as { query: string; error?: { code: string }; results?: unknown[] }[];
    expect(failed?.error?.code).toBe('EMPTY_QUERY');
    expect(failed?.query.length).toBeLessThanOrEqual(301);
    expect(failed?.query.startsWith('!?.,;')).toBe(true);
    expect(next?.results?.length).toBeGreaterThan(0);
    expect(run.stdout.length).toBeLessThan(100_000);
    expect(run.code).toBe(2);
  });

  it('regression: a line of 8 MB with no newline, read in 64 KB pieces, is cut to MAX_LINE_CHARS and the batch goes on (readline held any line whole: < /dev/zero crashed)', async () => {
    const chunk = '!'.repeat(64 * 1024);
    const pieces = [...Array.from({ length: 128 }, () => chunk), '\r\nmodel merging'];
    const lines: string[] = [];
    for await (const line of inputLines(Readable.from(pieces))) lines.push(line);
    expect(lines.map((line) => line.length)).toEqual([MAX_LINE_CHARS, 'model merging'.length]);
    expect(lines[1]).toBe('model merging');
  });

  it('regression: GIVEN lines ended by a lone CR (old Mac files) or a CRLF split between two pieces THEN each is a line, as readline read them', async () => {
    const read = async (pieces: string[]) => {
      const lines: string[] = [];
      for await (const line of inputLines(Readable.from(pieces))) lines.push(line);
      return lines;
    };
    expect(await read(['a\rb\rc'])).toEqual(['a', 'b', 'c']);
    expect(await read(['a\r', '\nb\r\n', '\r\nc'])).toEqual(['a', 'b', '', 'c']);
  });

  it('GIVEN a multi-byte character split between two pieces THEN it is read whole', async () => {
    const bytes = Buffer.from('Bézier curves\n');
    const lines: string[] = [];
    for await (const line of inputLines(Readable.from([bytes.subarray(0, 2), bytes.subarray(2)]))) lines.push(line);
    expect(lines).toEqual(['Bézier curves']);
  });

  it('regression: GIVEN stdin that fails to read THEN one line says why and the exit code is 1 (the batch ended as if the input were empty, exit 0)', async () => {
    const failing = new Readable({
      read() {
        this.destroy(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' }));
      },
    });
    const out = { stdout: '', stderr: '' };
    const code = await runCli(['about'], { ...captureIO(out), stdin: failing }, async () => withClose(engine));
    expect(code).toBe(1);
    expect(out.stderr).toBe('paperbot: EIO: i/o error, read\n');
  });

  it('regression: stray terminal escapes around a query are removed whole and do not flip lowConfidence', async () => {
    const run = await cli(['about', '--json'], { stdin: 'model merging\n\u001b[2J\u001b[31mmodel merging\u001b[0m\n' });
    const [plain, escaped] = jsonLines(run.stdout) as { query: string; lowConfidence: boolean; results: { id: string }[] }[];
    expect(escaped?.query).toBe('model merging');
    expect(escaped?.lowConfidence).toBe(plain?.lowConfidence);
    expect(escaped?.results.map((hit) => hit.id)).toEqual(plain?.results.map((hit) => hit.id));
  });
});

describe('odd but searchable queries', () => {
  it.each([['about'], ['ask'], ['title'], ['similar']])('GIVEN %s with 5,000 characters THEN it answers without echoing them all', async (command) => {
    const run = await cli([command, LONG]);
    expect(run.stderr).not.toMatch(STACK_LINE);
    // similar and title resolve a paper: a pasted essay is no title, so both exit 2 (an unknown paper).
    expect(run.code).toBe(command === 'similar' || command === 'title' ? 2 : 0);
    expect(run.stdout + run.stderr).not.toContain(LONG.slice(0, 200));
  });

  it('GIVEN markdown, emoji and @everyone around a topic THEN the topic is searched', async () => {
    const run = await cli(['about', '@everyone **model merging** 🚀', '--json']);
    expect(run.code).toBe(0);
    const [response] = jsonLines(run.stdout) as { query: string; results: { title: string }[] }[];
    expect(response?.query).not.toContain('@everyone');
    expect(response?.results.map((hit) => hit.title).slice(0, 3)).toContain('Twin-Merging: Dynamic Integration of Modular Expertise in Model Merging');
  });

  it('GIVEN a query after -- that starts with a dash THEN it is a query, not an option', async () => {
    const run = await cli(['about', '--json', '--', '-1 bit quantization']);
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout)).toHaveLength(1);
  });
});

describe('usage errors', () => {
  it.each([
    [['frobnicate', 'x'], /^paperbot: Unknown command "frobnicate": use about, title, similar, ask, fetch or add\./],
    [[], /^paperbot: Give a command/],
    [['about', 'x', '--k', '0'], /^paperbot: --k must be a whole number from 1 to 50, not "0"\./],
    [['about', 'x', '--k', 'abc'], /^paperbot: --k must be a whole number from 1 to 50, not "abc"\./],
    [['about', 'x', '--k', '51'], /^paperbot: --k must be a whole number from 1 to 50/],
    [['about', 'x', '--k', '2.5'], /^paperbot: --k must be a whole number/],
    [['about', 'x', '--k'], /^paperbot: Option '-k, --k <value>' argument missing/],
    [['about', 'x', '--year-from', 'last year'], /^paperbot: --year-from must be a whole number/],
    [['about', 'x', '--frobnicate'], /^paperbot: Unknown option '--frobnicate'/],
    [['title', 'sfprompt', '--has-code'], /^paperbot: title looks a paper up by name/],
  ])('GIVEN %j THEN exit 2 with the reason and a usage hint', async (argv, message) => {
    const run = await cli(argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(USAGE);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('regression: a reversed year range names the flags typed (--year-from, --year-to), not the engine\'s yearFrom', async () => {
    const run = await cli(['about', 'x', '--year-from', '2025', '--year-to', '2020']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^paperbot: --year-from \(2025\) is after --year-to \(2020\)\.\n/);
    expect(run.stderr).not.toMatch(/yearFrom|yearTo/);
  });

  it.each([
    ['--year-from', '1800'],
    ['--year-to', '3000'],
  ])('regression: %s %s outside the years a filter may name is refused naming that flag', async (flag, year) => {
    const run = await cli(['about', 'x', flag, year]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^paperbot: ${flag} must be a whole number from 1900 to 2100, not "${year}"\\.\\n`));
  });

  it('GIVEN --help or -h THEN the help on stdout and exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      const run = await cli(['about', flag]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Usage: npm run papers -- <command> [query] [options]');
      expect(run.stdout).toContain('--has-code');
      expect(run.stderr).toBe('');
    }
  });
});

describe('failures that are not the user', () => {
  it('GIVEN a bad LOG_LEVEL THEN the configuration error on one line, exit 2', async () => {
    expectOneLineError(await cli(['about', 'x'], { env: { LOG_LEVEL: 'loud' } }), /^paperbot: Invalid configuration: LOG_LEVEL /);
  });

  it('GIVEN the engine fails to start THEN "paperbot: <message>", exit 1, no stack', async () => {
    const run = await runWith(['about', 'model merging'], async () => {
      throw new Error('model file is corrupt');
    });
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'paperbot: model file is corrupt\n' });
  });

  it('GIVEN a cold start THEN progress goes to stderr and stdout carries only the output', async () => {
    const run = await runWith(
      ['about', 'model merging', '--json'],
      async (_config, _logger, options) => {
        options.onProgress?.(105, 210);
        options.onProgress?.(210, 210);
        return withClose(engine);
      },
      { isTTY: false, stderrIsTTY: true },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('210/210');
    expect(jsonLines(run.stdout)).toHaveLength(1);
  });
});
