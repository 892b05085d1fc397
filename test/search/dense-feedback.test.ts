/**
 * Dense pseudo-relevance feedback: the query vector moved toward the top papers' vectors.
 */
import { describe, expect, it } from 'vitest';
import { cosine } from '../../src/embedding/embedder.js';
import { feedbackVector } from '../../src/search/dense-feedback.js';

const unit = (...xs: number[]) => {
  const v = Float32Array.from(xs);
  const norm = Math.sqrt(cosine(v, v));
  return v.map((x) => x / norm);
};

describe('feedbackVector', () => {
  it('GIVEN no top papers or a zero weight THEN the query is returned unchanged', () => {
    const query = unit(1, 0);
    expect(feedbackVector(query, [], 0.5)).toBe(query);
    expect(feedbackVector(query, [unit(0, 1)], 0)).toBe(query);
  });

  it('GIVEN one top paper THEN the result is unit length and between the query and the paper, nearer the query at weight < 1', () => {
    const query = unit(1, 0);
    const paper = unit(0, 1);
    const moved = feedbackVector(query, [paper], 0.5);
    expect(cosine(moved, moved)).toBeCloseTo(1, 6);
    expect(cosine(moved, paper)).toBeGreaterThan(cosine(query, paper));
    expect(cosine(moved, query)).toBeGreaterThan(cosine(moved, paper));
  });

  it('GIVEN a top paper opposite the query at weight 1 THEN it falls back to the query instead of dividing by zero', () => {
    const query = unit(1, 0);
    expect(feedbackVector(query, [unit(-1, 0)], 1)).toBe(query);
  });

  it('GIVEN several top papers THEN it moves toward their mean, not the first one', () => {
    const moved = feedbackVector(unit(1, 0, 0), [unit(0, 1, 0), unit(0, 0, 1)], 1);
    expect(moved[1]).toBeCloseTo(moved[2]!, 6);
  });
});
