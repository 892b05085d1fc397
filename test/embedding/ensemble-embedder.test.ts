/**
 * The ensemble embedder: unit vectors of the summed dimension whose cosine is
 * the mean of the parts' cosines.
 */
import { describe, expect, it } from 'vitest';
import { cosine, type Embedder } from '../../src/embedding/embedder.js';
import { createEnsembleEmbedder, ensembleModelIds } from '../../src/embedding/ensemble-embedder.js';
import { createHashEmbedder } from '../../src/embedding/hash-embedder.js';

const named = (modelId: string, dimension: number): Embedder => ({ ...createHashEmbedder(dimension), modelId });

describe('createEnsembleEmbedder', () => {
  const a = named('acme/a', 8);
  const b = named('acme/b', 4);

  it('GIVEN two models THEN a vector is unit length, of the summed dimension, and a cosine is the mean of theirs', async () => {
    const ensemble = createEnsembleEmbedder([a, b]);
    expect(ensemble.dimension).toBe(12);
    expect(ensemble.modelId).toBe('acme/a+acme/b');
    const [passage] = await ensemble.embedDocuments(['a passage about model merging']);
    const query = await ensemble.embedQuery('merging models');
    expect(cosine(query, query)).toBeCloseTo(1, 5);
    const partCosine = async (part: Embedder) => cosine(await part.embedQuery('merging models'), (await part.embedDocuments(['a passage about model merging']))[0]!);
    expect(cosine(query, passage!)).toBeCloseTo(((await partCosine(a)) + (await partCosine(b))) / 2, 5);
  });

  it('GIVEN progress THEN it runs from the first model to the last and ends at the total', async () => {
    const seen: number[] = [];
    await createEnsembleEmbedder([a, b]).embedDocuments(['x', 'y'], { onProgress: (done) => seen.push(done) });
    // Each hash embedder reports once, at its end: halfway (first model done), then the total.
    expect(seen).toEqual([1, 2]);
  });

  it('GIVEN one model THEN it refuses: an ensemble of one is that model', () => {
    expect(() => createEnsembleEmbedder([a])).toThrow(/at least two/);
  });
});

describe('ensembleModelIds', () => {
  it('GIVEN ids joined by "+" (spaces allowed) THEN each id; one id alone THEN itself', () => {
    expect(ensembleModelIds('BAAI/bge-small-en-v1.5 + sentence-transformers/all-MiniLM-L6-v2')).toEqual(['BAAI/bge-small-en-v1.5', 'sentence-transformers/all-MiniLM-L6-v2']);
    expect(ensembleModelIds('BAAI/bge-small-en-v1.5')).toEqual(['BAAI/bge-small-en-v1.5']);
  });
});
