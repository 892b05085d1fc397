/** Wrapping, cleaning and quoting for the terminal, without an engine. */
import { describe, expect, it } from 'vitest';
import { block, clean, layoutFor, quote, style, wrapWords } from '../../src/cli/terminal-text.js';

const plain = layoutFor(40, false);

describe('wrapWords', () => {
  it('GIVEN prose THEN greedy lines of at most the width, words kept whole', () => {
    const lines = wrapWords('the quick brown fox jumps over the lazy dog', 15);
    expect(lines).toEqual(['the quick brown', 'fox jumps over', 'the lazy dog']);
  });

  it('GIVEN a word longer than the width THEN it is cut into pieces that fit', () => {
    expect(wrapWords('a abcdefghijklmnop b', 6)).toEqual(['a', 'abcdef', 'ghijkl', 'mnop b']);
  });

  it('GIVEN a URL longer than the width THEN it stays whole on its own line', () => {
    const url = 'https://huggingface.co/papers?q=Twin-Merging%3A%20Dynamic';
    expect(wrapWords(`see ${url} now`, 20)).toEqual(['see', url, 'now']);
  });

  it('GIVEN emoji THEN each counts as one character and is never split', () => {
    expect(wrapWords('🚀🚀🚀🚀🚀', 2)).toEqual(['🚀🚀', '🚀🚀', '🚀']);
  });

  it('GIVEN only whitespace THEN no lines', () => {
    expect(wrapWords(' \n\t ', 10)).toEqual([]);
  });
});

describe('block', () => {
  it('GIVEN a label THEN later lines hang under the text, not the label', () => {
    expect(block(layoutFor(30, false), 'Twin-Merging: Dynamic Integration of Modular Expertise', { label: '1. ' })).toEqual([
      '1. Twin-Merging: Dynamic',
      '   Integration of Modular',
      '   Expertise',
    ]);
  });

  it('GIVEN colour THEN each line is styled on its own, so no style spans a newline', () => {
    const lines = block(layoutFor(30, true), 'one two three four five six seven eight nine', { format: 'bold' });
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      expect(line.startsWith('\u001b[1m')).toBe(true);
      expect(line.endsWith('\u001b[22m')).toBe(true);
    }
  });
});

describe('layout and text', () => {
  it('GIVEN no width, a tiny one or a huge one THEN 80, at least 30, at most 120', () => {
    expect(layoutFor(undefined, false).width).toBe(80);
    expect(layoutFor(0, false).width).toBe(80);
    expect(layoutFor(10, false).width).toBe(30);
    expect(layoutFor(300, false).width).toBe(120);
  });

  it('GIVEN colour off THEN style returns the text unchanged', () => {
    expect(style(plain, 'bold', 'x')).toBe('x');
  });

  it('GIVEN terminal escapes in text THEN clean neutralises them', () => {
    expect(clean('a\u001b[2Jb\u202ec\r\nd')).toBe('a [2Jb c d');
  });

  it('GIVEN a long query THEN quote echoes only its start', () => {
    const quoted = quote('word '.repeat(1000));
    expect(quoted.length).toBeLessThanOrEqual(84);
    expect(quoted).toMatch(/^“word .*…”$/);
  });
});
