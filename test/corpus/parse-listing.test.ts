import { describe, expect, it } from 'vitest';
import { parseListing, type ListingEntry } from '../../src/corpus/parse-listing.js';
import { MAX_ABSTRACT_CHARS } from '../../src/corpus/text-limits.js';
import { readFixture, readSeed, SEED } from './seeds.js';

function parseOk(text: string): { entries: ListingEntry[]; issues: { line: number; reason: string }[] } {
  const parsed = parseListing(text);
  if (!parsed.ok) throw new Error(`expected a listing, got: ${parsed.reason}`);
  return parsed;
}

describe('parseListing on the real seeds', () => {
  it.each([
    [SEED.s000, 40, 40, { year: null, month: 12, day: 11 }],
    [SEED.s001, 34, 34, { year: null, month: 12, day: 9 }],
    [SEED.s002, 81, 0, { year: null, month: 3, day: 13 }],
    [SEED.s003, 63, 62, { year: null, month: 10, day: 29 }],
    [SEED.s004, 26, 26, { year: null, month: 12, day: 30 }],
  ])('GIVEN %s THEN it has %i entries, %i with author/date lines', (file, entries, withMeta, pageDate) => {
    const parsed = parseListing(readSeed(file));
    expect(parsed.ok && parsed.pageDate).toEqual(pageDate);
    const { entries: found } = parseOk(readSeed(file));
    expect(found).toHaveLength(entries);
    expect(found.filter((e) => e.authors !== null && e.date !== null)).toHaveLength(withMeta);
    // Every entry is a real title/abstract pair: short title, long abstract, no metadata leaking in.
    for (const e of found) {
      expect(e.title.length).toBeLessThan(160);
      expect(e.abstract.length).toBeGreaterThan(1300);
      expect(e.title).not.toMatch(/^[•·]/);
    }
  });

  it('GIVEN seed 002 (no "Daily Papers" line, no metadata, no final newline) THEN its last entry is complete', () => {
    const { entries, issues } = parseOk(readSeed(SEED.s002));
    const last = entries.at(-1);
    expect(last?.title).toBe('Geometry-Aware Adaptation for Pretrained Models');
    expect(last?.line).toBe(331);
    expect(last?.abstract.endsWith('pretrained zero-shot models such as CLIP.')).toBe(true);
    expect(issues).toEqual([]);
  });

  it('GIVEN seed 003 THEN the one entry without author/date lines (RandLoRA, line 413) is kept and noted', () => {
    const { entries, issues } = parseOk(readSeed(SEED.s003));
    const rand = entries.find((e) => e.line === 413);
    expect(rand).toMatchObject({ title: 'RandLoRA: Full-rank parameter-efficient fine-tuning of large models', authors: null, date: null });
    // The entry after it still gets its own metadata.
    expect(entries.find((e) => e.line === 417)).toMatchObject({ authors: 3, date: { year: 2024, month: 5, day: 23 } });
    expect(issues).toEqual([{ line: 413, reason: expect.stringContaining('has no author/date lines') }]);
  });

  it('GIVEN a year-less date with upvotes in seed 003 (`Jun 24 5`) THEN upvotes 5 and year null', () => {
    const { entries } = parseOk(readSeed(SEED.s003));
    expect(entries.find((e) => e.title.startsWith('Outlier-Safe Pre-Training'))).toMatchObject({
      authors: 5,
      date: { year: null, month: 6, day: 24 },
      upvotes: 5,
    });
  });
});

describe('parseListing on irregular input', () => {
  it('GIVEN stray metadata, a paper without abstract and one without metadata THEN all papers survive and each oddity is noted', () => {
    const { entries, issues } = parseOk(readFixture('irregular.txt'));
    expect(entries.map((e) => [e.line, e.title, e.authors, e.upvotes])).toEqual([
      [9, 'First Paper With Metadata', 1, 2],
      [17, 'Second Paper Without Metadata', null, null],
      [21, 'Third Paper Missing Its Abstract', null, null],
      [23, 'Fourth Paper Title', 12, null],
    ]);
    expect(entries[2]?.abstract).toBe('');
    expect(entries[3]?.abstract.startsWith('Lorem ipsum')).toBe(true);
    expect(entries[0]?.codeLinks).toEqual(['https://example.org/first-paper/code']);
    expect(entries[1]?.codeLinks).toEqual(['https://huggingface.co/org/model', 'https://someone.github.io/proj', 'https://github.com/Org/Repo']);
    expect(issues.map((i) => i.line)).toEqual([7, 17, 21, 21]);
    expect(issues[0]?.reason).toMatch(/stray/);
    expect(issues.filter((i) => i.line === 21).map((i) => i.reason)).toEqual([
      expect.stringMatching(/has no abstract/),
      expect.stringMatching(/has no author\/date lines/),
    ]);
  });

  it('GIVEN Windows line endings and a BOM THEN the seed parses to the same entries and line numbers', () => {
    const text = readSeed(SEED.s004);
    const crlf = '\uFEFF' + text.replace(/\n/g, '\r\n');
    expect(parseOk(crlf).entries).toEqual(parseOk(text).entries);
  });

  it('GIVEN prose without the listing header THEN it is refused with a reason', () => {
    expect(parseListing(readFixture('prose.txt'))).toEqual({ ok: false, reason: expect.stringMatching(/missing the Daily Papers header/) });
  });

  it('GIVEN a header and nothing else THEN it is refused: no paper entries', () => {
    expect(parseListing('new\n\nSubscribe\n\nDaily Papers\n\nDec 11\n')).toEqual({
      ok: false,
      reason: 'no paper entries found after the header',
    });
  });

  it('GIVEN whitespace only THEN it is refused', () => {
    expect(parseListing(' \n\n\t\n').ok).toBe(false);
  });

  it('regression: an abstract of 2 MB is cut to MAX_ABSTRACT_CHARS at a word, noted, and the papers after it still parse', () => {
    const huge = 'We merge models by averaging their weights. '.repeat(50_000).trim();
    const text = `Daily Papers\n\nJul 24\n\nA Paper With A Huge Abstract\n${huge}\n• 2 authors\nJul 24, 2024\nThe Paper After It\nA normal abstract about split learning on phones, long enough to be one.\n• 3 authors\nJul 24, 2024\n`;
    const { entries, issues } = parseOk(text);
    expect(entries.map((e) => e.title)).toEqual(['A Paper With A Huge Abstract', 'The Paper After It']);
    expect(entries[0]!.abstract.length).toBeLessThanOrEqual(MAX_ABSTRACT_CHARS);
    expect(entries[0]!.abstract).toMatch(/^We merge models by averaging .* [a-z.]+…$/);
    expect(issues).toEqual([{ line: 5, reason: expect.stringMatching(/abstract of \d+ characters: kept its first 6000/) }]);
  });
});

describe('parseListing regressions', () => {
  const HEADER = 'new\n\nSubscribe\n\nDaily Papers\n\nbyAK and the research community\n\nDec 11\n\n';
  const titles = Array.from({ length: 20 }, (_, i) => `Paper Title Number ${i + 1}: What Do Tokenizers Reveal?`);

  it('regression: a file of titles only became papers whose abstracts were the next titles', () => {
    expect(parseListing(HEADER + titles.join('\n\n'))).toEqual({
      ok: false,
      reason: 'no abstracts: every line after the header reads like a title (a list of titles is not a listing)',
    });
    // The same with a metadata block under each title: still no abstracts, still not a listing.
    const withMeta = titles.map((t) => `${t}\n\n  • 3 authors\n·\nJul 24, 2024`).join('\n\n');
    expect(parseListing(HEADER + withMeta)).toMatchObject({ ok: false, reason: expect.stringMatching(/^no abstracts/) });
  });

  it('GIVEN one title-like "abstract" in an otherwise real listing THEN the paper is kept and the oddity noted', () => {
    const seed = readSeed(SEED.s004);
    const { entries: before } = parseOk(seed);
    const first = before[0];
    if (!first) throw new Error('seed 004 has no entries');
    const odd = seed.replace(first.abstract, 'Another Title Where An Abstract Should Be');
    const { entries, issues } = parseOk(odd);
    expect(entries).toHaveLength(before.length);
    expect(issues).toEqual([{ line: first.line, reason: expect.stringContaining('has an abstract that reads like a title') }]);
  });

  it('regression: a lone CR inside an abstract split one paper into two', () => {
    const seed = readSeed(SEED.s004);
    const { entries: before } = parseOk(seed);
    const first = before[0];
    if (!first) throw new Error('seed 004 has no entries');
    const cut = first.abstract.indexOf('. ') + 1;
    const withCr = seed.replace(first.abstract, `${first.abstract.slice(0, cut)}\r${first.abstract.slice(cut + 1)}`);
    const { entries, issues } = parseOk(withCr);
    expect(entries).toHaveLength(before.length);
    expect(entries[0]).toEqual(first);
    expect(issues).toEqual([]);
  });

  it('GIVEN a file with CR-only line endings (classic Mac) THEN it still parses line by line', () => {
    const text = readSeed(SEED.s004);
    expect(parseOk(text.replace(/\n/g, '\r')).entries).toEqual(parseOk(text).entries);
  });
});
