/**
 * The lexical side: BM25 in the store's full-text index over the real seeds,
 * with stemming, typo tolerance, a title boost, filters inside the search,
 * and a bound on the work a query of common words may cost.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/paper.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { silentLogger } from '../../src/logger.js';
import { NO_FILTER } from '../../src/search/catalog.js';
import { createLexicalSearch, withinBudget, type LexicalSearch } from '../../src/search/lexical-search.js';
import { openStore } from '../../src/store/open-store.js';
import type { PaperFilter, Store } from '../../src/store/store.js';
import { SEEDS_DIR, SHARED_DATA_DIR } from '../support/test-engine.js';

const TWIN_MERGING = '5317efeea810';
const BRANCH_TRAIN_MERGE = '1d9893fda5f5';

let papers: readonly Paper[];
let store: Store;
let lexical: LexicalSearch;
let idOfLabel: Map<number, string>;
beforeAll(async () => {
  papers = (await loadCorpus(SEEDS_DIR)).papers;
  // Reading the shared store: this test never writes.
  store = (await openStore({ dataDir: SHARED_DATA_DIR, logger: silentLogger, kind: 'test' })).store;
  lexical = createLexicalSearch(store.lexical);
  idOfLabel = new Map((await store.papers.summaries()).map((p) => [p.label, p.id]));
});

const ids = async (query: string, limit = 1000, filter: PaperFilter = NO_FILTER): Promise<string[]> =>
  (await lexical.search(query, filter, limit)).map((hit) => idOfLabel.get(hit.label)!);

describe('BM25 over the real seeds', () => {
  it('GIVEN "merging" THEN the two papers with it in their title lead, best score first', async () => {
    const hits = await lexical.search('merging', NO_FILTER, 10);
    expect(hits.slice(0, 2).map((h) => idOfLabel.get(h.label))).toEqual([TWIN_MERGING, BRANCH_TRAIN_MERGE]);
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.every((s) => s > 0)).toBe(true);
  });

  it('GIVEN inflections "merge", "merged", "merging" THEN they find the same papers (stemming)', async () => {
    expect((await ids('merge')).sort()).toEqual((await ids('merging')).sort());
    expect((await ids('merged')).sort()).toEqual((await ids('merging')).sort());
  });

  it('GIVEN a typo in a long word ("transfomers", "distilation") THEN the same papers as the right spelling', async () => {
    expect((await ids('transfomers')).sort()).toEqual((await ids('transformers')).sort());
    expect((await ids('distilation')).sort()).toEqual((await ids('distillation')).sort());
    expect((await ids('distillation')).length).toBeGreaterThan(0);
  });

  it('GIVEN a short word THEN there is no fuzzy matching ("lorb" is not "lora")', async () => {
    expect((await ids('lora')).length).toBeGreaterThan(0);
    expect(await ids('lorb')).toEqual([]);
  });

  it.each([
    ['continual', /continual/i],
    ['quantization', /quantiz/i],
  ])('GIVEN "%s" THEN every paper with it in the title outranks those with it only in the abstract (title boost)', async (query, inTitle) => {
    const hits = await ids(query, 100);
    const titled = papers.filter((p) => inTitle.test(p.title)).map((p) => p.id);
    expect(titled.length).toBeGreaterThan(2);
    expect(hits.length).toBeGreaterThan(titled.length);
    expect(hits.slice(0, titled.length).sort()).toEqual([...titled].sort());
  });

  it('GIVEN only stop words, punctuation or nothing THEN there are no hits', async () => {
    expect(await ids('the of and')).toEqual([]);
    expect(await ids('')).toEqual([]);
    expect(await ids('?!')).toEqual([]);
  });

  it('GIVEN FTS5 syntax in a query ("NEAR(", quotes, a column filter) THEN it is searched as words, never parsed', async () => {
    for (const hostile of ['NEAR(model merging)', '"model" OR "merging"', 'title:merging', 'merg*', '- ^ ( ) { }']) {
      await expect(lexical.search(hostile, NO_FILTER, 10)).resolves.toBeDefined();
    }
    expect((await ids('title:merging')).slice(0, 2)).toEqual([TWIN_MERGING, BRANCH_TRAIN_MERGE]);
  });

  it('GIVEN a limit THEN at most that many hits, the best ones', async () => {
    expect(await ids('model merging', 3)).toEqual((await ids('model merging')).slice(0, 3));
    expect(await ids('model merging', 0)).toEqual([]);
  });
});

describe('filters inside the search', () => {
  const withCode = (id: string) => papers.find((p) => p.id === id)!.codeLinks.length > 0;

  // has_code and years were applied to the lexical top 100 only: "learning" with has_code kept 22 of its 35 matches.
  it('regression: "learning" with has_code finds every matching paper that has code, not the ones in an unfiltered top list', async () => {
    const all = await ids('learning', 10_000);
    const expected = all.filter(withCode);
    expect(expected.length).toBeGreaterThan(20);
    const filtered = await ids('learning', 10_000, { hasCode: true, yearFrom: null, yearTo: null, dailyFrom: null, addedFrom: null });
    expect([...filtered].sort()).toEqual([...expected].sort());
    // And a small limit gets the best five of those, in the same order.
    expect(await ids('learning', 5, { hasCode: true, yearFrom: null, yearTo: null, dailyFrom: null, addedFrom: null })).toEqual(filtered.slice(0, 5));
  });

  it('regression: "learning" with has_code and year ≥ 2024 finds every such paper (was 0 of 2)', async () => {
    const filter = { hasCode: true, yearFrom: 2024, yearTo: null, dailyFrom: null, addedFrom: null };
    const expected = (await ids('learning', 10_000)).filter((id) => {
      const paper = papers.find((p) => p.id === id)!;
      return paper.codeLinks.length > 0 && (paper.date?.year ?? 0) >= 2024;
    });
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect((await ids('learning', 10_000, filter)).sort()).toEqual(expected.sort());
  });

  it('GIVEN a year range THEN papers of unknown year are left out', async () => {
    const filtered = await ids('model', 10_000, { hasCode: false, yearFrom: 1900, yearTo: 2100, dailyFrom: null, addedFrom: null });
    expect(filtered.length).toBeGreaterThan(0);
    for (const id of filtered) expect(papers.find((p) => p.id === id)!.date?.year).toEqual(expect.any(Number));
  });
});

describe('the postings budget', () => {
  it('GIVEN terms within budget THEN all are kept; GIVEN too many postings THEN the commonest go first, never the rarest', () => {
    const terms = [
      { term: 'model', documents: 90_000 },
      { term: 'merg', documents: 9_000 },
      { term: 'task', documents: 60_000 },
      { term: 'sfprompt', documents: 1 },
    ];
    expect(withinBudget(terms, 1_000_000).sort()).toEqual(['merg', 'model', 'sfprompt', 'task']);
    expect(withinBudget(terms, 20_000)).toEqual(['sfprompt', 'merg']);
    expect(withinBudget([{ term: 'learn', documents: 80_000 }], 20_000)).toEqual(['learn']);
  });
});

describe('scoring chosen papers, compounds and phrases', () => {
  it('GIVEN labels THEN the best `limit` papers come first, then those of the labels beyond them, each with the score the full search gives it (one search, not two)', async () => {
    const all = await lexical.search('learning', NO_FILTER, 1000);
    const chosen = [all[3]!, all[40]!, all.at(-1)!];
    const scored = await lexical.search('learning', NO_FILTER, 10, chosen.map((hit) => hit.label));
    expect(scored).toEqual([...all.slice(0, 10), all[40]!, all.at(-1)!]);
    expect(await lexical.search('learning', NO_FILTER, 10, [])).toEqual(all.slice(0, 10));
    // A label whose paper does not match is not listed.
    const sfprompt = await lexical.search('sfprompt', NO_FILTER, 10);
    expect(sfprompt).toHaveLength(1);
    expect(all[3]!.label).not.toBe(sfprompt[0]!.label);
    expect(await lexical.search('sfprompt', NO_FILTER, 10, [all[3]!.label])).toEqual(sfprompt);
  });

  it.each([
    ['bi level', 'bi-level', 'Bilevel'],
    ['tsne', 't-sne', 't-SNE'],
    ['msmarco', 'ms marco', 'MS~MARCO'],
    ['person reid', 'person re-id', 'Re-Identification'],
  ])('regression: "%s" and "%s" find the paper that writes %s', async (typed, other, written) => {
    for (const query of [typed, other]) {
      const top = await ids(query, 3);
      expect(top.some((id) => papers.find((p) => p.id === id)?.abstract.toLowerCase().includes(written.toLowerCase()))).toBe(true);
    }
  });

  // "quantisation" matched nothing: the papers write "quantization", and the stems differ ("quantis" / "quantiz").
  it('regression: a British spelling finds what the American one does ("quantisation", "normalisation statistics")', async () => {
    expect(await ids('quantisation', 10)).toEqual(await ids('quantization', 10));
    expect(await ids('normalisation statistics', 10)).toEqual(await ids('normalization statistics', 10));
    expect((await ids('quantisation', 10)).length).toBeGreaterThan(0);
  });

  it('regression: "gradient reversal layer" puts the paper with that phrase first, above titles that only say "gradient"', async () => {
    const [first] = await ids('gradient reversal layer', 1);
    expect(papers.find((p) => p.id === first)?.abstract.toLowerCase()).toContain('gradient reversal layer');
  });

  it('GIVEN a two-word query, stop words aside THEN its phrase counts twice; in a longer query once', async () => {
    const scores = async (search: Promise<{ label: number; score: number }[]>) => new Map((await search).map((hit) => [hit.label, hit.score]));
    const twoWords = await scores(lexical.search('split learning', NO_FILTER, 20));
    expect(twoWords).toEqual(await scores(store.lexical.search(['split', 'learn', 'split learn', 'split learn'], NO_FILTER, 20)));
    expect(twoWords).not.toEqual(await scores(store.lexical.search(['split', 'learn', 'split learn'], NO_FILTER, 20)));
    // Stop words are not words here ("the split learning" was scored as three words).
    expect(await scores(lexical.search('the split learning', NO_FILTER, 20))).toEqual(twoWords);
    const threeWords = await scores(lexical.search('federated split learning', NO_FILTER, 20));
    expect(threeWords).toEqual(await scores(store.lexical.search(['feder', 'split', 'learn', 'feder split', 'split learn'], NO_FILTER, 20)));
  });

  it('regression: "batchnorm" finds the two papers that write "Batch Normalization" / "batch normalization", not BatchFormer (a one-letter typo of it)', async () => {
    const top = await ids('batchnorm', 2);
    const titles = top.map((id) => papers.find((p) => p.id === id)?.title ?? '');
    expect(titles.every((title) => /normali[sz]/i.test(title))).toBe(true);
    expect(titles).toHaveLength(2);
  });
});
