import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { ELLIPSIS, truncateAtWord } from '../../src/text/truncate.js';
import { SEEDS_DIR } from '../support/test-engine.js';

/** The longest title in the seeds (120 characters). */
const SFPROMPT =
  'SFPrompt: Communication-Efficient Split Federated Fine-Tuning for Large Pre-Trained Models over Resource-Limited Devices';

const LONE_HIGH_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/u;
const LONE_LOW_SURROGATE = /(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

describe('truncateAtWord', () => {
  it('GIVEN text exactly at the limit or shorter THEN it is returned unchanged, without an ellipsis', () => {
    expect(SFPROMPT).toHaveLength(120);
    expect(truncateAtWord(SFPROMPT, 120)).toBe(SFPROMPT);
    expect(truncateAtWord(SFPROMPT, 121)).toBe(SFPROMPT);
    expect(truncateAtWord('', 5)).toBe('');
  });

  it('GIVEN text one character over the limit THEN the last whole word goes and an ellipsis ends it', () => {
    expect(truncateAtWord(SFPROMPT, 119)).toBe(
      'SFPrompt: Communication-Efficient Split Federated Fine-Tuning for Large Pre-Trained Models over Resource-Limited…',
    );
  });

  it('GIVEN a limit that ends right after a word THEN that word is kept whole and the result uses the full limit', () => {
    // "…Split" ends at 39 characters: with the ellipsis, exactly 40.
    expect(truncateAtWord(SFPROMPT, 40)).toBe('SFPrompt: Communication-Efficient Split…');
    expect(truncateAtWord(SFPROMPT, 40)).toHaveLength(40);
  });

  it('GIVEN a Discord-sized limit of 100 THEN it cuts at a word boundary, never inside "Resource-Limited"', () => {
    const cut = truncateAtWord(SFPROMPT, 100);
    expect(cut).toBe('SFPrompt: Communication-Efficient Split Federated Fine-Tuning for Large Pre-Trained Models over…');
    expect(cut.length).toBeLessThanOrEqual(100);
  });

  it('GIVEN punctuation before the cut THEN it is trimmed so the ellipsis does not follow a colon or comma', () => {
    expect(truncateAtWord(SFPROMPT, 10)).toBe('SFPrompt…');
    expect(truncateAtWord('one two, three', 9)).toBe('one two…');
  });

  it('GIVEN no space in the back half of the room THEN it cuts inside the word rather than wasting the room', () => {
    expect(truncateAtWord(SFPROMPT, 20)).toBe('SFPrompt: Communica…');
    expect(truncateAtWord('a'.repeat(50), 10)).toBe(`${'a'.repeat(9)}${ELLIPSIS}`);
  });

  it('GIVEN limit 0 THEN the result is empty; GIVEN limit 1 THEN only the ellipsis fits', () => {
    expect(truncateAtWord(SFPROMPT, 0)).toBe('');
    expect(truncateAtWord(SFPROMPT, -3)).toBe('');
    expect(truncateAtWord(SFPROMPT, 1)).toBe(ELLIPSIS);
    expect(truncateAtWord('a', 1)).toBe('a');
  });

  it('GIVEN emoji (surrogate pairs) at the cut THEN a pair is never split in two', () => {
    const emoji = '😀'.repeat(10);
    expect(truncateAtWord(emoji, 2)).toBe(ELLIPSIS);
    expect(truncateAtWord(emoji, 3)).toBe(`😀${ELLIPSIS}`);
    expect(truncateAtWord(emoji, 4)).toBe(`😀${ELLIPSIS}`);
    expect(truncateAtWord('abcdefgh😀😀😀', 10)).toBe(`abcdefgh${ELLIPSIS}`);
    expect(truncateAtWord('abcdefgh😀😀😀', 11)).toBe(`abcdefgh😀${ELLIPSIS}`);
    for (let limit = 0; limit <= 32; limit++) {
      const cut = truncateAtWord('Model merging 🤖🤖🤖 with emoji 🧪🧪 everywhere', limit);
      expect(cut, `limit ${limit}`).not.toMatch(LONE_HIGH_SURROGATE);
      expect(cut, `limit ${limit}`).not.toMatch(LONE_LOW_SURROGATE);
      expect(cut.length, `limit ${limit}`).toBeLessThanOrEqual(limit);
    }
  });
});

describe('truncateAtWord on every real seed title', () => {
  let titles: string[];
  beforeAll(async () => {
    titles = (await loadCorpus(SEEDS_DIR)).papers.map((paper) => paper.title);
  });

  it('GIVEN each title and every limit THEN the result fits, is a prefix of the title, and ends with … only when cut', () => {
    expect(titles).toHaveLength(210);
    const wrong: string[] = [];
    for (const title of titles) {
      for (let limit = 0; limit <= title.length + 1; limit++) {
        const cut = truncateAtWord(title, limit);
        const ok =
          cut.length <= limit &&
          (title.length <= limit ? cut === title : limit === 0 || (cut.endsWith(ELLIPSIS) && title.startsWith(cut.slice(0, -1))));
        if (!ok) wrong.push(`${limit}: ${cut}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
