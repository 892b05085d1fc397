import { describe, expect, it } from 'vitest';
import { BGE_MINILM_ENSEMBLE, BGE_SMALL_MODEL, calibrationFor } from '../../src/search/calibration.js';
import { loadEngineConfig } from '../../src/config.js';

describe('calibrationFor', () => {
  it('GIVEN the default model THEN its calibration is bge-small\'s, the one the engine uses out of the box', () => {
    expect(loadEngineConfig({}).EMBEDDING_MODEL).toBe(BGE_SMALL_MODEL);
    expect(calibrationFor(BGE_SMALL_MODEL)).toEqual({ confidenceThreshold: 1.025, quantityBonus: 0.1 });
  });

  it('GIVEN the bundled ensemble THEN its own, fitted for its lower, wider cosines', () => {
    const ensemble = calibrationFor(BGE_MINILM_ENSEMBLE);
    expect(ensemble.confidenceThreshold).toBeLessThan(calibrationFor(BGE_SMALL_MODEL).confidenceThreshold);
    expect(ensemble.quantityBonus).toBeGreaterThan(calibrationFor(BGE_SMALL_MODEL).quantityBonus);
  });

  it('GIVEN a model nobody calibrated THEN bge-small\'s values', () => {
    expect(calibrationFor('someone/other-model')).toEqual(calibrationFor(BGE_SMALL_MODEL));
  });
});
