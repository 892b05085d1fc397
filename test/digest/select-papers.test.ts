import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/index.js';
import { byNewestDailyPapers, byRecencyThenUpvotes, selectPapers, type SelectionInput } from '../../src/digest/select-papers.js';
import { seedPapers } from './corpus-engine.js';

let papers: Paper[];
const T0 = new Date('2026-01-01T00:00:00Z');
const LATER = new Date('2026-02-01T00:00:00Z');

beforeAll(async () => {
  papers = await seedPapers();
});

function input(overrides: Partial<SelectionInput> = {}): SelectionInput {
  return { papers, addedAt: () => T0, posted: new Set(), since: T0, count: 5, topicRanking: null, ...overrides };
}

function ids(selection: ReturnType<typeof selectPapers>): string[] {
  return selection.kind === 'papers' ? selection.picks.map((p) => p.id) : [];
}

describe('selectPapers, general digest', () => {
  it('GIVEN nothing posted and nothing new THEN the newest papers by listing date come first', () => {
    const expected = [...papers].sort(byRecencyThenUpvotes).slice(0, 5).map((p) => p.id);
    expect(ids(selectPapers(input()))).toEqual(expected);
    const first = papers.find((p) => p.id === expected[0]);
    expect(first?.date?.year).toBe(Math.max(...papers.map((p) => p.date?.year ?? 0)));
  });

  it('GIVEN the real seeds THEN papers with a known year sort before year-less ones, and undated papers last', () => {
    const sorted = [...papers].sort(byRecencyThenUpvotes);
    const rank = (p: Paper) => (p.date === null ? 2 : p.date.year === null ? 1 : 0);
    const ranks = sorted.map(rank);
    expect(ranks).toEqual([...ranks].sort());
    expect(new Set(ranks)).toEqual(new Set([0, 1, 2]));
  });

  it('GIVEN papers already posted to the channel THEN none of them is chosen again', () => {
    const first = ids(selectPapers(input()));
    const second = ids(selectPapers(input({ posted: new Set(first) })));
    expect(second).toHaveLength(5);
    expect(second.filter((id) => first.includes(id))).toEqual([]);
  });

  it('GIVEN papers added since the last post THEN they lead, marked fresh, even when older by date', () => {
    const oldest = [...papers].sort(byRecencyThenUpvotes).slice(-2).map((p) => p.id);
    const selection = selectPapers(input({ addedAt: (id) => (oldest.includes(id) ? LATER : T0), since: new Date('2026-01-15T00:00:00Z') }));
    expect(selection.kind).toBe('papers');
    if (selection.kind !== 'papers') return;
    expect(selection.picks.slice(0, 2).map((p) => p.id).sort()).toEqual([...oldest].sort());
    expect(selection.picks.map((p) => p.fresh)).toEqual([true, true, false, false, false]);
  });

  it('GIVEN fewer unposted papers than the count THEN only those are chosen', () => {
    const remaining = papers.slice(0, 2).map((p) => p.id);
    const posted = new Set(papers.map((p) => p.id).filter((id) => !remaining.includes(id)));
    expect(ids(selectPapers(input({ posted }))).sort()).toEqual([...remaining].sort());
  });

  it('GIVEN every paper posted THEN the digest is exhausted', () => {
    expect(selectPapers(input({ posted: new Set(papers.map((p) => p.id)) }))).toEqual({ kind: 'exhausted' });
  });
});

describe('selectPapers, topic digest', () => {
  it('GIVEN a topic ranking THEN papers come in ranking order and nothing outside it is chosen', () => {
    const ranking = papers.slice(10, 13).map((p) => p.id);
    expect(ids(selectPapers(input({ topicRanking: ranking })))).toEqual(ranking);
  });

  it('GIVEN a new paper that is not a confident match for the topic THEN it is not posted', () => {
    const ranking = papers.slice(10, 13).map((p) => p.id);
    const unrelated = papers[50]?.id ?? '';
    const selection = ids(selectPapers(input({ topicRanking: ranking, addedAt: (id) => (id === unrelated ? LATER : T0) })));
    expect(selection).not.toContain(unrelated);
  });

  it('GIVEN a new paper among the matches THEN it leads, ahead of nearer matches', () => {
    const ranking = papers.slice(10, 16).map((p) => p.id);
    const fresh = ranking[4] ?? '';
    const selection = ids(selectPapers(input({ topicRanking: ranking, count: 3, addedAt: (id) => (id === fresh ? LATER : T0), since: new Date('2026-01-15T00:00:00Z') })));
    expect(selection).toEqual([fresh, ranking[0], ranking[1]]);
  });

  it('GIVEN an empty ranking (a low-confidence topic) THEN the digest is exhausted rather than posting weak matches', () => {
    expect(selectPapers(input({ topicRanking: [] }))).toEqual({ kind: 'exhausted' });
  });

  it('GIVEN a ranking with unknown or repeated ids THEN they are skipped', () => {
    const a = papers[3]?.id ?? '';
    expect(ids(selectPapers(input({ topicRanking: ['nope', a, a] })))).toEqual([a]);
  });
});

describe('selectPapers, general digest with Daily Papers from the feeds', () => {
  /** The first seed papers, listed by Daily Papers days (as the feeds set `dailyDate`) with these upvotes, in order. */
  function listed(days: Record<string, number[]>): Map<string, { dailyDate: string; upvotes: number }> {
    const out = new Map<string, { dailyDate: string; upvotes: number }>();
    let next = 0;
    for (const [day, upvotes] of Object.entries(days)) {
      for (const count of upvotes) out.set(papers[next++]!.id, { dailyDate: day, upvotes: count });
    }
    return out;
  }

  function withDays(days: Map<string, { dailyDate: string; upvotes: number }>) {
    return papers.map((paper) => ({ ...paper, ...days.get(paper.id) }));
  }

  it('GIVEN papers with a Daily Papers day THEN they lead: newest day first, most upvoted first within a day, before every dump-only paper', () => {
    const days = listed({ '2024-07-24': [40, 3], '2024-07-25': [2, 30, 9] });
    const [a, b, c, d, e] = [...days.keys()];
    const selection = ids(selectPapers(input({ papers: withDays(days), count: 7 })));
    expect(selection.slice(0, 5)).toEqual([d, e, c, a, b]);
    const dumpsOnly = [...papers].filter((p) => !days.has(p.id)).sort(byRecencyThenUpvotes).slice(0, 2).map((p) => p.id);
    expect(selection.slice(5)).toEqual(dumpsOnly);
  });

  it('GIVEN Daily Papers already posted in the channel THEN the next ones follow, never a repeat', () => {
    const days = listed({ '2024-07-25': [5, 4, 3] });
    const [a, b, c] = [...days.keys()];
    expect(ids(selectPapers(input({ papers: withDays(days), posted: new Set([a!]), count: 2 })))).toEqual([b, c]);
  });

  it('GIVEN a paper added since the last post THEN it still leads, ahead of newer Daily Papers', () => {
    const days = listed({ '2024-07-24': [1], '2024-07-25': [50, 40] });
    const [old, a, b] = [...days.keys()];
    const selection = selectPapers(input({ papers: withDays(days), count: 3, addedAt: (id) => (id === old ? LATER : T0), since: new Date('2026-01-15T00:00:00Z') }));
    expect(selection).toEqual({ kind: 'papers', picks: [{ id: old, fresh: true }, { id: a, fresh: false }, { id: b, fresh: false }] });
  });

  it('GIVEN only dump papers (no Daily Papers day) THEN the order is the listing-date order of before the feeds', () => {
    expect([...papers].sort(byNewestDailyPapers).map((p) => p.id)).toEqual([...papers].sort(byRecencyThenUpvotes).map((p) => p.id));
  });
});
