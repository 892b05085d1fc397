import { describe, expect, it } from 'vitest';
import { cleanTitle, collapseText, countOrNull, httpUrlOrNull, isoInstantOrNull, textOrNull } from '../../src/feeds/clean-text.js';

describe('cleanTitle', () => {
  it('GIVEN newlines, tabs and runs of spaces THEN one line with single spaces', () => {
    expect(cleanTitle('  Sparse Mixture-of-Adapters for\n  Low-Resource\tSpeech   Recognition ')).toBe('Sparse Mixture-of-Adapters for Low-Resource Speech Recognition');
  });

  it('GIVEN zero-width, bidi-override, BOM, soft-hyphen and bell characters THEN they are removed, not turned into spaces', () => {
    expect(cleanTitle('Zero\u200bWidth\u0007 \u202eTitle\ufeff with soft\u00adhyphen')).toBe('ZeroWidth Title with softhyphen');
  });

  it('GIVEN markdown, mentions and LaTeX THEN they are kept as text (rendering escapes them later)', () => {
    const title = '**Attention** Is Not _All_ You Need: @everyone Should Read `This` for $\\mathcal{O}(n)$';
    expect(cleanTitle(title)).toBe(title);
  });

  it('GIVEN a decomposed accent THEN it is composed (NFC), so two copies compare equal', () => {
    expect(cleanTitle('Schro\u0308dinger')).toBe('Schrödinger');
  });
});

describe('collapseText and friends', () => {
  it('GIVEN an abstract with CRLF, blank lines and NUL THEN whitespace collapses and NUL vanishes', () => {
    expect(collapseText('Line one.\r\n\r\n   Line\u0000 two.\u2028Three.')).toBe('Line one. Line two. Three.');
  });

  it('GIVEN blank or missing text THEN textOrNull is null', () => {
    expect([textOrNull(null), textOrNull(undefined), textOrNull(' \n '), textOrNull(' a ')]).toEqual([null, null, null, 'a']);
  });

  it.each([
    ['https://github.com/org/repo', 'https://github.com/org/repo'],
    [' http://example.org/x ', 'http://example.org/x'],
    ['javascript:alert(1)', null],
    ['ftp://example.org/x', null],
    ['data:text/html,hi', null],
    ['github.com/org/repo', null],
    ['https://localhost/x', null],
    ['https://', null],
    ['', null],
  ])('GIVEN link %j THEN httpUrlOrNull gives %j', (input, expected) => {
    expect(httpUrlOrNull(input)).toBe(expected);
  });

  it('GIVEN counts THEN only non-negative integers survive', () => {
    expect([countOrNull(3), countOrNull(0), countOrNull(-5), countOrNull(1.5), countOrNull(Number.NaN), countOrNull(null)]).toEqual([3, 0, null, null, null, null]);
    // regression: 1e20 upvotes is an integer to JavaScript, a REAL to SQLite, which refused the whole batch.
    expect([countOrNull(1e20), countOrNull(Number.MAX_SAFE_INTEGER + 1), countOrNull(Number.MAX_SAFE_INTEGER), countOrNull(Infinity)]).toEqual([null, null, Number.MAX_SAFE_INTEGER, null]);
  });

  it('GIVEN dates THEN ISO instants in UTC, or null', () => {
    expect(isoInstantOrNull('1999-01-04T12:00:00-05:00')).toBe('1999-01-04T17:00:00.000Z');
    expect([isoInstantOrNull('not a date'), isoInstantOrNull(''), isoInstantOrNull(null)]).toEqual([null, null, null]);
  });
});
