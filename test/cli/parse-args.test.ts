/** The command line grammar, without an engine. */
import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from '../../src/cli/parse-args.js';

describe('parseCliArgs', () => {
  it('GIVEN a command and unquoted words THEN they are joined into one query', () => {
    expect(parseCliArgs(['about', 'model', 'merging', '--k', '3', '--has-code', '--json'])).toEqual({
      kind: 'run',
      request: { command: 'about', query: 'model merging', json: true, search: { k: 3, hasCode: true, yearFrom: undefined, yearTo: undefined } },
    });
  });

  it('GIVEN options before the command and --k=N THEN they still apply', () => {
    const parsed = parseCliArgs(['--year-from', '2023', '--k=7', 'ASK', 'why?', '--year-to', '2024']);
    expect(parsed).toMatchObject({ kind: 'run', request: { command: 'ask', query: 'why?', search: { k: 7, yearFrom: 2023, yearTo: 2024 } } });
  });

  it('GIVEN no query words THEN the query is null (batch from stdin), but an empty argument is an empty query', () => {
    expect(parseCliArgs(['similar'])).toMatchObject({ request: { query: null } });
    expect(parseCliArgs(['similar', ''])).toMatchObject({ request: { query: '' } });
  });

  it('GIVEN --help anywhere THEN help, even with an unknown command', () => {
    expect(parseCliArgs(['nonsense', '--help'])).toEqual({ kind: 'help' });
  });

  it.each([[['about', '--k', ' 4 ']], [['about', '--k', '04']]])('GIVEN %j THEN k is 4', (argv) => {
    expect(parseCliArgs(argv)).toMatchObject({ request: { search: { k: 4 } } });
  });

  it.each([
    [['about', '--k', '-1']],
    [['about', '--k', '1e1']],
    [['about', '--k', '']],
    [['about', '--k', 'Infinity']],
    [['about', '--year-to', '20.24']],
    [['tiltle', 'x']],
    [['about', '-x']],
    [['title', 'x', '--year-to', '2024']],
  ])('GIVEN %j THEN a UsageError', (argv) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
  });
});
