/**
 * Autocomplete at scale: the popularity-order scan answers common words without
 * scoring every title, and the index still finds what the scan's budget misses.
 */
import { describe, expect, it } from 'vitest';
import { createTitleIndex, type TitleEntry } from '../../src/search/title-index.js';
import { PopularityOrder, SCAN_BUDGET, suggestEntry } from '../../src/search/title-suggest.js';

/**
 * 20,000 titles, upvotes falling with the number (the scan's budget ends at number 4,000): half about
 * "learning", half about "scaling"; "deep" in 6,000 scaling titles and only the last 5 learning ones;
 * "protein" only in scaling titles from number 15,000.
 */
function bigCorpus(): TitleEntry[] {
  const topics = ['graph', 'vision', 'speech', 'robot'];
  return Array.from({ length: 20_000 }, (_, i) => {
    const even = i % 2 === 0;
    const deep = (!even && i < 12_000) || (even && i >= 19_990);
    const topic = !even && i >= 15_000 ? 'protein' : topics[i % 4]!;
    return { id: `p${String(i).padStart(11, '0')}`, title: `${even ? 'Learning' : 'Scaling'} ${deep ? 'deep ' : ''}${topic} models number ${i}`, upvotes: 20_000 - i };
  });
}

describe('TitleIndex.suggest over 20,000 titles', () => {
  const papers = bigCorpus();
  const rare = { id: 'zzzzzzzzzzzz', title: 'Quokka learning of marsupial graph models', upvotes: 0 };
  const index = createTitleIndex([...papers, rare]);

  it('GIVEN a common prefix THEN 25 titles holding a word that starts with it, those beginning with it first, each group most upvoted first', () => {
    const found = index.suggest('lea', 25);
    expect(found).toHaveLength(25);
    for (const entry of found) expect(entry.title).toMatch(/\blea/i);
    expect(found.map((e) => e.id)).toEqual(papers.filter((p) => p.title.startsWith('Learning')).slice(0, 25).map((p) => p.id));
  });

  it('GIVEN a common word with a rare one THEN the rare title is found although it is the least upvoted (beyond the scan)', () => {
    expect(index.suggest('learning quok', 25).map((e) => e.id)).toEqual([rare.id]);
    expect(index.suggest('quokka learning mars', 25).map((e) => e.id)).toEqual([rare.id]);
    expect(index.suggest('quok', 25).map((e) => e.id)).toEqual([rare.id]);
  });

  it('GIVEN words whose titles together lie past the scan budget THEN they are still found, most upvoted first', () => {
    const starting = (text: string): string[] => papers.filter((p) => p.title.startsWith(text)).map((p) => p.id);
    // A rare word ("protein", 2,500 titles) with a common one.
    expect(index.suggest('scaling protein', 25).map((e) => e.id)).toEqual(starting('Scaling protein').slice(0, 25));
    // Two common words (10,000 and 6,005 titles) found together in 5 titles only.
    expect(starting('Learning deep')).toHaveLength(5);
    expect(index.suggest('learning deep', 5).map((e) => e.id)).toEqual(starting('Learning deep'));
  });

  it('GIVEN a word first seen after a suggestion was made THEN the next suggestion finds the titles it completes', () => {
    const local = createTitleIndex(papers);
    expect(local.suggest('learning zyx', 5)).toEqual([]);
    local.add({ id: 'yyyyyyyyyyyy', title: 'Learning zyxwv models', upvotes: 0 });
    expect(local.suggest('learning zyx', 5).map((e) => e.id)).toEqual(['yyyyyyyyyyyy']);
    local.remove('yyyyyyyyyyyy');
    expect(local.suggest('learning zyx', 5)).toEqual([]);
  });

  it('GIVEN a paper removed THEN it is suggested no more, and one added with the most upvotes comes first', () => {
    const local = createTitleIndex(papers.slice(0, SCAN_BUDGET * 2));
    local.remove(papers[0]!.id);
    expect(local.suggest('learning', 1)[0]?.id).toBe(papers[2]!.id);
    local.add({ id: 'aaaaaaaaaaaa', title: 'Learning everything at once', upvotes: 1_000_000 });
    expect(local.suggest('learn', 1)[0]?.id).toBe('aaaaaaaaaaaa');
    expect(local.suggest('', 1)[0]?.id).toBe('aaaaaaaaaaaa');
  });
});

describe('PopularityOrder', () => {
  const item = (id: string, upvotes: number | null, title = id) => suggestEntry({ id, title, upvotes }, '');

  it('GIVEN entries added one by one, in bulk and removed THEN the order is most upvoted first, ties in the order added, and removals stay out', () => {
    const order = new PopularityOrder();
    const few = [item('b', 3), item('a', 3), item('c', null), item('d', 10)];
    for (const x of few) order.add(x);
    expect(order.all().map((x) => x.entry.id)).toEqual(['d', 'b', 'a', 'c']);
    const many = Array.from({ length: 200 }, (_, i) => item(`m${String(i).padStart(3, '0')}`, i % 7));
    for (const x of many) order.add(x);
    order.remove(few[0]!);
    order.remove(many[5]!);
    const all = order.all();
    expect(all).toHaveLength(202);
    expect(all.map((x) => x.entry.id)).not.toContain('b');
    expect(all.map((x) => x.entry.id)).not.toContain('m005');
    for (let i = 1; i < all.length; i++) expect((all[i - 1]!.entry.upvotes ?? 0) >= (all[i]!.entry.upvotes ?? 0)).toBe(true);
    order.remove(all[0]!);
    order.add(item('top', 99));
    expect(order.all()[0]!.entry.id).toBe('top');
    expect(order.all()).toHaveLength(202);
  });
});
