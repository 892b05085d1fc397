import { describe, expect, it } from 'vitest';
import { capList, capText, MAX_LIST_ITEM_CHARS, MAX_LIST_ITEMS } from '../../src/corpus/text-limits.js';

describe('capText', () => {
  it('GIVEN text within the cap THEN it is returned as is', () => {
    expect(capText('short text', 10)).toBe('short text');
  });

  it('GIVEN text over the cap THEN it is cut at the last space, with "…", and never longer than the cap', () => {
    const cut = capText('one two three four five six', 15);
    expect(cut).toBe('one two three…');
    expect(cut.length).toBeLessThanOrEqual(15);
  });

  it('GIVEN one long word THEN it is cut mid-word rather than emptied', () => {
    expect(capText('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('capList', () => {
  it('GIVEN too many and too long items THEN the first MAX_LIST_ITEMS, each capped', () => {
    const list = capList(Array.from({ length: MAX_LIST_ITEMS + 5 }, (_, i) => `${i} ${'y'.repeat(MAX_LIST_ITEM_CHARS)}`));
    expect(list).toHaveLength(MAX_LIST_ITEMS);
    expect(list[0]!.startsWith('0 ')).toBe(true);
    expect(list.every((item) => item.length <= MAX_LIST_ITEM_CHARS)).toBe(true);
  });
});
