import { describe, expect, it } from 'vitest';
import { mean, ndcgAtK, recallAtK } from './metrics.js';

describe('GIVEN graded judgements', () => {
  const grades = new Map([
    ['a', 2],
    ['b', 1],
  ]);

  it('THEN the ideal order scores nDCG 1 and the reversed order less', () => {
    expect(ndcgAtK(['a', 'b', 'x'], grades, 10)).toBeCloseTo(1, 10);
    // DCG of b,a = 1/log2(2) + 3/log2(3); ideal = 3 + 1/log2(3).
    const expected = (1 + 3 / Math.log2(3)) / (3 + 1 / Math.log2(3));
    expect(ndcgAtK(['b', 'a'], grades, 10)).toBeCloseTo(expected, 10);
  });

  it('THEN relevant papers beyond the cutoff do not count', () => {
    expect(ndcgAtK(['x', 'y', 'a'], grades, 2)).toBe(0);
    expect(recallAtK(['x', 'a', 'b'], new Set(grades.keys()), 2)).toBe(0.5);
  });

  it('THEN no judgements give 0, not NaN', () => {
    expect(ndcgAtK(['a'], new Map(), 10)).toBe(0);
    expect(recallAtK(['a'], new Set(), 10)).toBe(0);
    expect(mean([])).toBe(0);
  });
});
