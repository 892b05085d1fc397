import { describe, expect, it } from 'vitest';
import { formatPaperDate, isoPaperDate, parseDateLine, parseIsoPaperDate } from '../../src/corpus/paper-date.js';

describe('parseDateLine', () => {
  it('GIVEN a full date THEN year, month and day are read and upvotes are null', () => {
    expect(parseDateLine('Jul 24, 2024')).toEqual({ date: { year: 2024, month: 7, day: 24 }, upvotes: null });
  });

  it('GIVEN a date followed by a number THEN the number is the upvote count', () => {
    expect(parseDateLine('Jul 23, 2024 2')).toEqual({ date: { year: 2024, month: 7, day: 23 }, upvotes: 2 });
  });

  it('GIVEN a year-less date THEN the year stays null (never guessed)', () => {
    expect(parseDateLine('Apr 14')).toEqual({ date: { year: null, month: 4, day: 14 }, upvotes: null });
  });

  it('GIVEN a year-less date with upvotes (`Mar 25 2` in seed 001) THEN 2 is upvotes, not a year', () => {
    expect(parseDateLine('Mar 25 2')).toEqual({ date: { year: null, month: 3, day: 25 }, upvotes: 2 });
  });

  it('GIVEN full month names and surrounding spaces THEN they are accepted', () => {
    expect(parseDateLine('  September 9, 2024 ')?.date).toEqual({ year: 2024, month: 9, day: 9 });
  });

  it.each(['Feb 30', 'Feb 29, 2023', 'Foo 3, 2024', 'Jul 0, 2024', 'Jul 24,2024', '· Jul 24', 'July', 'Apr 14 and more'])(
    'GIVEN %j THEN it is not a date line',
    (line) => {
      expect(parseDateLine(line)).toBeNull();
    },
  );

  it('GIVEN Feb 29 of a leap year or without a year THEN it is valid', () => {
    expect(parseDateLine('Feb 29, 2024')?.date.day).toBe(29);
    expect(parseDateLine('Feb 29')?.date.day).toBe(29);
  });
});

describe('formatPaperDate / isoPaperDate', () => {
  it('GIVEN a date with a year THEN both forms include it', () => {
    const d = { year: 2024, month: 7, day: 24 };
    expect(formatPaperDate(d)).toBe('Jul 24, 2024');
    expect(isoPaperDate(d)).toBe('2024-07-24');
  });

  it('GIVEN a year-less date THEN display omits the year and ISO uses the --MM-DD form', () => {
    const d = { year: null, month: 4, day: 4 };
    expect(formatPaperDate(d)).toBe('Apr 4');
    expect(isoPaperDate(d)).toBe('--04-04');
  });

  it('GIVEN any parsed listing date THEN formatting gives back the printed text', () => {
    for (const line of ['Jan 7, 2019', 'Nov 11', 'Dec 30', 'Oct 13, 2019']) {
      const parsed = parseDateLine(line);
      expect(parsed && formatPaperDate(parsed.date)).toBe(line);
    }
  });
});

describe('parseIsoPaperDate', () => {
  it('GIVEN both ISO forms THEN reads them back; garbage THEN null', () => {
    expect(parseIsoPaperDate('2024-07-24')).toEqual({ year: 2024, month: 7, day: 24 });
    expect(parseIsoPaperDate('--04-14')).toEqual({ year: null, month: 4, day: 14 });
    expect(parseIsoPaperDate('July')).toBeNull();
    expect(parseIsoPaperDate(null)).toBeNull();
  });

  it('GIVEN any date THEN isoPaperDate and parseIsoPaperDate round-trip', () => {
    for (const d of [{ year: 2024, month: 7, day: 24 }, { year: null, month: 12, day: 1 }]) {
      expect(parseIsoPaperDate(isoPaperDate(d))).toEqual(d);
    }
  });
});
