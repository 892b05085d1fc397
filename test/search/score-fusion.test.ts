import { describe, expect, it } from 'vitest';
import { convexFusion, DEFAULT_WEIGHTS, denseEvidence, denseShare, type FusionScale } from '../../src/search/score-fusion.js';

/** Ids of real seed papers, so the fused lists read like the engine's own. */
const SFPROMPT = 'c37bc651aef0';
const TWIN_MERGING = '5317efeea810';
const CORDA = '4f1196eb084a';

const SCALE: FusionScale = { denseLow: 0.6, denseHigh: 0.8, lexicalMax: 20 };

describe('convexFusion', () => {
  it('GIVEN both sides THEN score = share · (dense − low)/(high − low) + (1 − share) · lexical/max', () => {
    const scores = convexFusion([{ id: SFPROMPT, dense: 0.7, lexical: 10 }], SCALE, 0.4);
    expect(scores.get(SFPROMPT)).toBeCloseTo(0.4 * 0.5 + 0.6 * 0.5, 12);
  });

  it('regression: a rare word only one paper holds keeps that paper first though its cosine is middling', () => {
    // Rank fusion gave both papers 1/61 + 1/62: the lexical margin (20 vs 2) was lost.
    const scores = convexFusion(
      [
        { id: SFPROMPT, dense: 0.7, lexical: 20 },
        { id: TWIN_MERGING, dense: 0.8, lexical: 2 },
      ],
      SCALE,
      0.5,
    );
    expect(scores.get(SFPROMPT)!).toBeGreaterThan(scores.get(TWIN_MERGING)!);
  });

  it('GIVEN a paper without a vector THEN it is scored on its lexical side alone, at full weight', () => {
    const scores = convexFusion([{ id: CORDA, dense: null, lexical: 15 }], SCALE, 0.5);
    expect(scores.get(CORDA)).toBeCloseTo(0.75, 12);
  });

  it('GIVEN a scale with no lexical match and one dense value THEN scores stay finite (no division by zero)', () => {
    const scores = convexFusion([{ id: CORDA, dense: 0.7, lexical: 0 }], { denseLow: 0.7, denseHigh: 0.7, lexicalMax: 0 }, 0.5);
    expect(scores.get(CORDA)).toBe(0.5);
  });

  it('GIVEN no candidates THEN the result is empty; a share outside [0, 1] is refused', () => {
    expect(convexFusion([], SCALE, 0.5).size).toBe(0);
    expect(() => convexFusion([], SCALE, 1.5)).toThrow(RangeError);
  });

  it('GIVEN the same scale THEN a paper scores the same whatever else is among the candidates (filters never reorder)', () => {
    const alone = convexFusion([{ id: SFPROMPT, dense: 0.75, lexical: 5 }], SCALE, 0.5).get(SFPROMPT);
    const withOthers = convexFusion(
      [
        { id: TWIN_MERGING, dense: 0.79, lexical: 19 },
        { id: SFPROMPT, dense: 0.75, lexical: 5 },
      ],
      SCALE,
      0.5,
    ).get(SFPROMPT);
    expect(withOthers).toBe(alone);
  });
});

describe('denseShare and denseEvidence', () => {
  it('GIVEN a one-word query THEN words weigh most; from longQueryWords words on, meaning does', () => {
    expect(denseShare(1)).toBe(DEFAULT_WEIGHTS.shortQueryDense);
    expect(denseShare(DEFAULT_WEIGHTS.longQueryWords)).toBeCloseTo(DEFAULT_WEIGHTS.longQueryDense, 12);
    expect(denseShare(40)).toBeCloseTo(DEFAULT_WEIGHTS.longQueryDense, 12);
    expect(denseShare(3)).toBeGreaterThan(denseShare(2));
  });

  it('GIVEN a best sentence THEN the evidence weighs it beside the abstract; without sentences it is the abstract alone', () => {
    expect(denseEvidence(0.6, 0.9)).toBeCloseTo((0.6 + DEFAULT_WEIGHTS.sentence * 0.9) / (1 + DEFAULT_WEIGHTS.sentence), 12);
    expect(denseEvidence(0.6, null)).toBe(0.6);
  });
});
