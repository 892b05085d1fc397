import { describe, expect, it } from 'vitest';
import { ERROR_CODES, UserError, type ErrorCode } from '../../src/errors.js';
import { DEFAULT_K, MAX_K, MAX_QUERY_CHARS, normaliseQuery, resolveOptions } from '../../src/search/query.js';
import type { SearchOptions } from '../../src/search/engine-types.js';

/** Runs `run` and returns the UserError it threw; fails the test if it threw anything else or nothing. */
function userErrorOf(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a UserError, nothing was thrown');
}

function expectCode(run: () => unknown, code: ErrorCode): UserError {
  const error = userErrorOf(run);
  expect(error.code).toBe(code);
  return error;
}

describe('normaliseQuery', () => {
  it('GIVEN an empty query THEN it is a UserError EMPTY_QUERY with the catalogue message', () => {
    expect(expectCode(() => normaliseQuery(''), 'EMPTY_QUERY').message).toBe(ERROR_CODES.EMPTY_QUERY);
  });

  it('GIVEN only whitespace (spaces, tabs, newlines) THEN it is EMPTY_QUERY, the same as empty', () => {
    expect(expectCode(() => normaliseQuery(' \t\n  \r\n '), 'EMPTY_QUERY').message).toBe(ERROR_CODES.EMPTY_QUERY);
  });

  it('GIVEN only emoji or punctuation THEN it is EMPTY_QUERY saying there are no words', () => {
    for (const raw of ['😀🔥🧪', '**', '?!', '👍🏽']) {
      expect(expectCode(() => normaliseQuery(raw), 'EMPTY_QUERY').message).toMatch(/no words/);
    }
  });

  it('GIVEN only Discord mentions THEN it is EMPTY_QUERY: pings are not search terms', () => {
    for (const raw of ['@everyone', '@here', '<@123456789012345678>', '<@!42> <@&7> <#99>']) {
      expectCode(() => normaliseQuery(raw), 'EMPTY_QUERY');
    }
  });

  it('GIVEN mentions around a topic THEN they are removed and whitespace collapsed', () => {
    expect(normaliseQuery('@everyone model merging')).toBe('model merging');
    expect(normaliseQuery('<@123> model <@!456> merging <@&789> <#42> @here')).toBe('model merging');
  });

  it('GIVEN "@everyone" inside a longer word THEN it is left alone (only whole mentions go)', () => {
    expect(normaliseQuery('user@everyoneelse.org')).toBe('user@everyoneelse.org');
  });

  it('GIVEN markdown THEN the query keeps its words and loses only line breaks', () => {
    expect(normaliseQuery('**model merging**')).toBe('**model merging**');
    expect(normaliseQuery('# LoRA\n> rank `r` _tuning_')).toBe('# LoRA > rank `r` _tuning_');
  });

  it('GIVEN control and format characters (zero-width space, NUL, bidi marks) THEN they become spaces', () => {
    expect(normaliseQuery('\u200bmodel\u0000merging\u202e')).toBe('model merging');
  });

  it.each([
    ['clear screen', 'model merging\u001b[2J'],
    ['colours', '\u001b[1;31mmodel\u001b[0m merging'],
    ['a window title (OSC)', '\u001b]0;pwned\u0007model merging'],
    ['a charset switch', 'model\u001b(B merging'],
    ['8-bit CSI', '\u009b2Jmodel merging'],
  ])('regression: terminal control sequences (%s) are removed whole, not leaving "[2J"', (_name, raw) => {
    expect(normaliseQuery(raw)).toBe('model merging');
  });

  it('regression: a 50 MB line of punctuation is rejected as EMPTY_QUERY without reading it all', () => {
    expectCode(() => normaliseQuery('!?.,;'.repeat(10_000_000)), 'EMPTY_QUERY');
  });

  it('GIVEN 5,000 characters THEN it is cut to MAX_QUERY_CHARS (1,000)', () => {
    expect(MAX_QUERY_CHARS).toBe(1000);
    const words = 'federated fine-tuning on resource-limited devices '.repeat(100).slice(0, 5000);
    const text = normaliseQuery(words);
    expect(text).toHaveLength(MAX_QUERY_CHARS);
    expect(words.startsWith(text)).toBe(true);
  });

  it('GIVEN text with a letter or digit anywhere THEN it is accepted, emoji and all', () => {
    expect(normaliseQuery('🧪 protein folding')).toBe('🧪 protein folding');
    expect(normaliseQuery('2024')).toBe('2024');
    expect(normaliseQuery('  naïve   Bayes  ')).toBe('naïve Bayes');
  });

  // The cut counts UTF-16 units: an emoji across the 1,000th unit is split, leaving half a surrogate pair.
  it('regression: a 1,000-character cut never leaves a lone surrogate (half an emoji) at the end', () => {
    const text = normaliseQuery(`${'a'.repeat(MAX_QUERY_CHARS - 1)}😀 more`);
    expect(text).not.toMatch(/[\uD800-\uDBFF]$/u);
  });
});

describe('resolveOptions', () => {
  it('GIVEN a dailyFrom that is not a calendar day THEN INVALID_OPTION quoting at most 40 characters of it', () => {
    for (const bad of ['2026-13-01', '26-12-01', 'yesterday', `2026-12-01${'x'.repeat(500)}`]) {
      expect(() => resolveOptions({ dailyFrom: bad })).toThrow(UserError);
      try {
        resolveOptions({ dailyFrom: bad });
      } catch (error) {
        expect((error as Error).message.length).toBeLessThan(120);
      }
    }
  });

  it('GIVEN no options THEN defaults are k 5, offset 0, no code filter, no years, no Daily Papers day, no arrival time', () => {
    expect(resolveOptions()).toEqual({ k: DEFAULT_K, offset: 0, hasCode: false, yearFrom: null, yearTo: null, dailyFrom: null, addedFrom: null });
    expect(DEFAULT_K).toBe(5);
    expect(resolveOptions({})).toEqual(resolveOptions());
  });

  it('GIVEN every option at its allowed edge THEN they are accepted as given', () => {
    expect(resolveOptions({ k: MAX_K, offset: 10_000, hasCode: true, yearFrom: 1900, yearTo: 2100, dailyFrom: '2026-12-01', addedFrom: '2026-12-01T09:00:00+01:00' })).toEqual({
      k: 50,
      offset: 10_000,
      hasCode: true,
      yearFrom: 1900,
      yearTo: 2100,
      dailyFrom: '2026-12-01',
      addedFrom: '2026-12-01T08:00:00.000Z',
    });
    expect(resolveOptions({ k: 1, yearFrom: 2024, yearTo: 2024 })).toMatchObject({ k: 1, yearFrom: 2024, yearTo: 2024 });
  });

  it.each<[SearchOptions, RegExp]>([
    [{ k: 0 }, /^k must be a whole number from 1 to 50\.$/],
    [{ addedFrom: 'yesterday-ish' }, /^addedFrom must be an instant like/],
    [{ k: 51 }, /^k must be/],
    [{ k: 2.5 }, /^k must be/],
    [{ k: Number.NaN }, /^k must be/],
    [{ k: Infinity }, /^k must be/],
    [{ offset: -1 }, /^offset must be a whole number from 0 to 10000\.$/],
    [{ offset: 10_001 }, /^offset must be/],
    [{ yearFrom: 1899 }, /^yearFrom must be a whole number from 1900 to 2100\.$/],
    [{ yearTo: 2101 }, /^yearTo must be/],
    [{ yearFrom: 2024.5 }, /^yearFrom must be/],
    [{ yearFrom: 2025, yearTo: 2024 }, /^yearFrom \(2025\) is after yearTo \(2024\)\.$/],
  ])('GIVEN %j THEN it is a UserError INVALID_OPTION naming the option', (options, message) => {
    expect(expectCode(() => resolveOptions(options), 'INVALID_OPTION').message).toMatch(message);
  });

  it('GIVEN hasCode other than true THEN the filter is off', () => {
    expect(resolveOptions({ hasCode: false }).hasCode).toBe(false);
  });
});
