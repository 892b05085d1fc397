import { describe, expect, it } from 'vitest';
import { BGE_SMALL_MODEL, calibrationFor } from '../../src/search/calibration.js';
import {
  confidenceScore,
  COVERAGE_WEIGHT,
  isLowConfidence,
  SENTENCE_WEIGHT,
  type ConfidenceSignals,
} from '../../src/search/confidence.js';

const CONFIDENCE_THRESHOLD = calibrationFor(BGE_SMALL_MODEL).confidenceThreshold;

const signals = (overrides: Partial<ConfidenceSignals>): ConfidenceSignals => ({
  bestSimilarity: 0.7,
  bestSentenceSimilarity: 0.7,
  termCoverage: 0,
  namedByTitle: false,
  namesRareTerm: false,
  ...overrides,
});

describe('confidenceScore', () => {
  it('GIVEN the three signals THEN the score is best + coverage weight × coverage + sentence weight × sentence lift', () => {
    expect(confidenceScore(signals({ bestSimilarity: 0.68, bestSentenceSimilarity: 0.74, termCoverage: 0.5 }))).toBeCloseTo(
      0.68 + COVERAGE_WEIGHT * 0.5 + SENTENCE_WEIGHT * (0.74 - 0.68),
      12,
    );
  });

  it('GIVEN no shared words and no sentence standing out THEN the score is the best similarity alone', () => {
    expect(confidenceScore(signals({ bestSimilarity: 0.66, bestSentenceSimilarity: 0.66 }))).toBeCloseTo(0.66, 12);
  });

  it('GIVEN all signals zero THEN the score is zero, not NaN', () => {
    expect(confidenceScore(signals({ bestSimilarity: 0, bestSentenceSimilarity: 0, termCoverage: 0 }))).toBe(0);
  });
});

describe('isLowConfidence', () => {
  it('GIVEN a score just below the threshold THEN it is low confidence; at the threshold it is not', () => {
    expect(isLowConfidence(signals({ bestSimilarity: CONFIDENCE_THRESHOLD - 0.001, bestSentenceSimilarity: CONFIDENCE_THRESHOLD - 0.001 }), CONFIDENCE_THRESHOLD)).toBe(true);
    expect(isLowConfidence(signals({ bestSimilarity: CONFIDENCE_THRESHOLD, bestSentenceSimilarity: CONFIDENCE_THRESHOLD }), CONFIDENCE_THRESHOLD)).toBe(false);
  });

  it('GIVEN an off-topic similarity (~0.65) THEN the query words found in the top papers can lift it over the line', () => {
    expect(isLowConfidence(signals({ bestSimilarity: 0.65, bestSentenceSimilarity: 0.66, termCoverage: 0 }), CONFIDENCE_THRESHOLD)).toBe(true);
    expect(isLowConfidence(signals({ bestSimilarity: 0.65, bestSentenceSimilarity: 0.66, termCoverage: 1 }), CONFIDENCE_THRESHOLD)).toBe(false);
  });

  it('GIVEN the query names a paper by title THEN it is confident whatever the signals', () => {
    expect(isLowConfidence(signals({ bestSimilarity: 0, bestSentenceSimilarity: 0, namedByTitle: true }), CONFIDENCE_THRESHOLD)).toBe(false);
  });

  it('GIVEN one top paper holds the whole query, a rare word included THEN it is confident whatever the signals', () => {
    expect(isLowConfidence(signals({ bestSimilarity: 0, bestSentenceSimilarity: 0, namesRareTerm: true }), CONFIDENCE_THRESHOLD)).toBe(false);
  });
});
