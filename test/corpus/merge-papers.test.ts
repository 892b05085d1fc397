import { describe, expect, it } from 'vitest';
import { mergePapers, PAPER_SEARCH_URL } from '../../src/corpus/merge-papers.js';
import type { ListingEntry } from '../../src/corpus/parse-listing.js';
import { paperId } from '../../src/corpus/paper-id.js';

function entry(over: Partial<ListingEntry>): ListingEntry {
  const base = { title: 'Pointer Networks', abstract: 'We introduce a new architecture.', line: 1 };
  return { ...base, authors: null, date: null, upvotes: null, codeLinks: [], ...over };
}

describe('mergePapers', () => {
  it('GIVEN copies that disagree THEN the most informative value wins, whatever the file order', () => {
    const a = {
      file: 'a.txt',
      entries: [entry({ line: 5, date: { year: null, month: 6, day: 9 }, upvotes: 3, codeLinks: ['https://github.com/x/y'] })],
    };
    const b = {
      file: 'b.txt',
      entries: [
        entry({
          title: 'POINTER   networks!',
          line: 9,
          authors: 3,
          date: { year: 2015, month: 6, day: 9 },
          upvotes: 1,
          abstract: 'We introduce a new architecture. Longer.',
          codeLinks: ['https://github.com/X/Y', 'https://hf.co/z'],
        }),
      ],
    };
    for (const files of [[a, b], [b, a]]) {
      const [paper, ...rest] = mergePapers(files);
      expect(rest).toEqual([]);
      expect(paper).toMatchObject({
        id: paperId('Pointer Networks'),
        authors: 3,
        date: { year: 2015, month: 6, day: 9 },
        upvotes: 3,
        abstract: 'We introduce a new architecture. Longer.',
      });
      expect(paper?.codeLinks).toHaveLength(2);
      expect(paper?.sources).toEqual(files.map((f) => ({ file: f.file, line: f.entries[0]?.line })));
    }
  });

  it('GIVEN a paper seen once THEN its fields are copied and url is the encoded title search', () => {
    const [paper] = mergePapers([{ file: 'f.txt', entries: [entry({ title: 'What is in-context learning? A & B', line: 7 })] }]);
    expect(paper?.url).toBe(`${PAPER_SEARCH_URL}What%20is%20in-context%20learning%3F%20A%20%26%20B`);
    expect(paper?.sources).toEqual([{ file: 'f.txt', line: 7 }]);
    expect(paper?.authors).toBeNull();
  });

  it('GIVEN several papers THEN they come out in order of first appearance', () => {
    const papers = mergePapers([
      { file: 'a.txt', entries: [entry({ title: 'B paper' }), entry({ title: 'A paper' })] },
      { file: 'b.txt', entries: [entry({ title: 'C paper' }), entry({ title: 'b PAPER' })] },
    ]);
    expect(papers.map((p) => p.title)).toEqual(['B paper', 'A paper', 'C paper']);
  });

  it('GIVEN no files THEN no papers', () => {
    expect(mergePapers([])).toEqual([]);
  });
});

describe('mergePapers regressions', () => {
  const copies = (a: Partial<ListingEntry>, b: Partial<ListingEntry>): { file: string; entries: ListingEntry[] }[] => [
    { file: 'a.txt', entries: [entry({ line: 3, ...a })] },
    { file: 'b.txt', entries: [entry({ line: 8, ...b })] },
  ];

  it('regression: two copies with different full dates got the date of whichever file was read first', () => {
    const files = copies({ date: { year: 2024, month: 7, day: 24 } }, { date: { year: 2024, month: 6, day: 30 } });
    for (const order of [files, [...files].reverse()]) {
      expect(mergePapers(order)[0]?.date).toEqual({ year: 2024, month: 6, day: 30 });
    }
  });

  it('GIVEN a full date and an earlier year-less one THEN the full date wins in either order: a known year beats none', () => {
    const files = copies({ date: { year: null, month: 1, day: 2 } }, { date: { year: 2024, month: 7, day: 24 } });
    for (const order of [files, [...files].reverse()]) expect(mergePapers(order)[0]?.date).toEqual({ year: 2024, month: 7, day: 24 });
  });

  it('GIVEN two year-less dates THEN the earlier month and day, in either order', () => {
    const files = copies({ date: { year: null, month: 12, day: 30 } }, { date: { year: null, month: 3, day: 4 } });
    for (const order of [files, [...files].reverse()]) expect(mergePapers(order)[0]?.date).toEqual({ year: null, month: 3, day: 4 });
  });

  it('GIVEN two different abstracts of equal length THEN the same one wins in either order', () => {
    const files = copies({ abstract: 'We introduce architecture A.' }, { abstract: 'We introduce architecture B.' });
    for (const order of [files, [...files].reverse()]) expect(mergePapers(order)[0]?.abstract).toBe('We introduce architecture A.');
  });
});
