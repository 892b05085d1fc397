import { describe, expect, it } from 'vitest';
import { rankByScore, reciprocalRankFusion, RRF_K } from '../../src/search/fusion.js';

/** Ids of real seed papers, so the fused lists read like the engine's own. */
const TWIN_MERGING = '5317efeea810';
const BRANCH_TRAIN_MERGE = '1d9893fda5f5';
const SFPROMPT = 'c37bc651aef0';
const CORDA = '4f1196eb084a';

describe('reciprocalRankFusion', () => {
  it('GIVEN two rankings with default k THEN each score is Σ weight / (60 + rank), rank from 1', () => {
    const scores = reciprocalRankFusion([
      { ids: [TWIN_MERGING, BRANCH_TRAIN_MERGE, SFPROMPT], weight: 1 },
      { ids: [BRANCH_TRAIN_MERGE, CORDA], weight: 1 },
    ]);
    expect(RRF_K).toBe(60);
    expect(scores.size).toBe(4);
    expect(scores.get(TWIN_MERGING)).toBeCloseTo(1 / 61, 12);
    expect(scores.get(BRANCH_TRAIN_MERGE)).toBeCloseTo(1 / 62 + 1 / 61, 12);
    expect(scores.get(SFPROMPT)).toBeCloseTo(1 / 63, 12);
    expect(scores.get(CORDA)).toBeCloseTo(1 / 62, 12);
    // Agreement between lists beats one list's top hit.
    expect(rankByScore(scores)).toEqual([BRANCH_TRAIN_MERGE, TWIN_MERGING, CORDA, SFPROMPT]);
  });

  it('GIVEN weights THEN each ranking contributes in proportion to its weight', () => {
    const scores = reciprocalRankFusion([
      { ids: [TWIN_MERGING], weight: 2 },
      { ids: [SFPROMPT], weight: 0.5 },
    ]);
    expect(scores.get(TWIN_MERGING)).toBeCloseTo(2 / 61, 12);
    expect(scores.get(SFPROMPT)).toBeCloseTo(0.5 / 61, 12);
  });

  it('GIVEN a weight of 0 THEN that ranking adds its ids with score 0 and changes no other score', () => {
    const scores = reciprocalRankFusion([
      { ids: [TWIN_MERGING, SFPROMPT], weight: 1 },
      { ids: [SFPROMPT, CORDA], weight: 0 },
    ]);
    expect(scores.get(SFPROMPT)).toBeCloseTo(1 / 62, 12);
    expect(scores.get(CORDA)).toBe(0);
  });

  it('GIVEN a custom k THEN it replaces 60 in the formula; k = 0 gives 1/rank', () => {
    const scores = reciprocalRankFusion([{ ids: [TWIN_MERGING, SFPROMPT], weight: 1 }], 0);
    expect(scores.get(TWIN_MERGING)).toBe(1);
    expect(scores.get(SFPROMPT)).toBe(0.5);
    expect(reciprocalRankFusion([{ ids: [TWIN_MERGING], weight: 1 }], 10).get(TWIN_MERGING)).toBeCloseTo(1 / 11, 12);
  });

  it('GIVEN one ranking listing a document twice THEN it counts once, at its best rank, and later ranks are not shifted', () => {
    const scores = reciprocalRankFusion([{ ids: [TWIN_MERGING, SFPROMPT, TWIN_MERGING, CORDA], weight: 1 }]);
    expect(scores.get(TWIN_MERGING)).toBeCloseTo(1 / 61, 12);
    expect(scores.get(SFPROMPT)).toBeCloseTo(1 / 62, 12);
    // The duplicate still occupies position 3: CORDA keeps the rank it was given.
    expect(scores.get(CORDA)).toBeCloseTo(1 / 64, 12);
  });

  it('GIVEN no rankings, or only empty ones THEN the result is empty and ranks to an empty list', () => {
    expect(reciprocalRankFusion([]).size).toBe(0);
    const scores = reciprocalRankFusion([
      { ids: [], weight: 1 },
      { ids: [], weight: 1 },
    ]);
    expect(scores.size).toBe(0);
    expect(rankByScore(scores)).toEqual([]);
  });

  it('GIVEN one empty ranking and one with a single document THEN that document is the whole result', () => {
    const scores = reciprocalRankFusion([
      { ids: [], weight: 1 },
      { ids: [CORDA], weight: 1 },
    ]);
    expect([...scores]).toEqual([[CORDA, 1 / 61]]);
    expect(rankByScore(scores)).toEqual([CORDA]);
  });

  it.each([-1, Number.NaN, -Infinity])('GIVEN k = %s THEN it throws a RangeError naming k', (k) => {
    expect(() => reciprocalRankFusion([{ ids: [CORDA], weight: 1 }], k)).toThrow(RangeError);
    expect(() => reciprocalRankFusion([{ ids: [CORDA], weight: 1 }], k)).toThrow(/RRF k must be ≥ 0/);
  });
});

describe('rankByScore', () => {
  it('GIVEN distinct scores THEN ids come best first', () => {
    expect(rankByScore(new Map([[SFPROMPT, 0.1], [CORDA, 0.3], [TWIN_MERGING, 0.2]]))).toEqual([CORDA, TWIN_MERGING, SFPROMPT]);
  });

  it('GIVEN tied scores THEN ties break by id in code-point order, whatever the insertion order', () => {
    const ids = [SFPROMPT, CORDA, TWIN_MERGING, BRANCH_TRAIN_MERGE];
    const expected = [...ids].sort();
    expect(rankByScore(new Map(ids.map((id) => [id, 0.5])))).toEqual(expected);
    expect(rankByScore(new Map([...ids].reverse().map((id) => [id, 0.5])))).toEqual(expected);
  });

  it('GIVEN two documents tied on fused score from mirrored rankings THEN the order is the same both ways round', () => {
    const forward = reciprocalRankFusion([
      { ids: [TWIN_MERGING, SFPROMPT], weight: 1 },
      { ids: [SFPROMPT, TWIN_MERGING], weight: 1 },
    ]);
    const backward = reciprocalRankFusion([
      { ids: [SFPROMPT, TWIN_MERGING], weight: 1 },
      { ids: [TWIN_MERGING, SFPROMPT], weight: 1 },
    ]);
    expect(forward.get(TWIN_MERGING)).toBe(forward.get(SFPROMPT));
    expect(rankByScore(forward)).toEqual(rankByScore(backward));
    expect(rankByScore(forward)).toEqual([TWIN_MERGING, SFPROMPT]);
  });

  it('GIVEN all scores zero THEN every id is kept, ordered by id', () => {
    expect(rankByScore(new Map([[SFPROMPT, 0], [CORDA, 0]]))).toEqual([CORDA, SFPROMPT]);
  });
});

describe('reciprocalRankFusion with rankings that cannot list every document', () => {
  // While papers are being embedded, a new paper had only its lexical rank and fell below every paper both sides
  // knew: "CorDA context-oriented decomposition adaptation" put Twin-Merging above CorDA itself.
  it('regression: a document one ranking could not list is scored on the others, scaled to the full weight', () => {
    const scores = reciprocalRankFusion([
      { ids: ['old'], weight: 1, covers: (id) => id !== 'new' },
      { ids: ['new', 'old'], weight: 1 },
    ]);
    // new: lexical rank 1 only, counted twice; old: dense rank 1 + lexical rank 2.
    expect(scores.get('new')).toBeCloseTo(2 / 61, 10);
    expect(scores.get('old')).toBeCloseTo(1 / 61 + 1 / 62, 10);
    expect(rankByScore(scores)).toEqual(['new', 'old']);
  });

  it('GIVEN every document covered THEN scores are exactly plain RRF', () => {
    const rankings = [
      { ids: ['a', 'b'], weight: 1 },
      { ids: ['b', 'c'], weight: 2 },
    ];
    const plain = reciprocalRankFusion(rankings);
    expect(reciprocalRankFusion(rankings.map((r) => ({ ...r, covers: () => true })))).toEqual(plain);
  });

  it('GIVEN a ranking that covers nothing THEN the order is the other ranking\'s', () => {
    const scores = reciprocalRankFusion([
      { ids: [], weight: 1, covers: () => false },
      { ids: ['x', 'y', 'z'], weight: 1 },
    ]);
    expect(rankByScore(scores)).toEqual(['x', 'y', 'z']);
  });
});
