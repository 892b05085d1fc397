/**
 * The dense side of ranking under a filter: which papers get scored, and how.
 */
import { describe, expect, it } from 'vitest';
import type { Vector } from '../../src/embedding/embedder.js';
import type { PaperVectorIndex } from '../../src/index/paper-vector-index.js';
import { Catalog, NO_FILTER } from '../../src/search/catalog.js';
import { denseCandidates } from '../../src/search/rank.js';
import type { SearchContext } from '../../src/search/search-context.js';
import type { PaperSummary } from '../../src/store/store.js';

const PAPERS = 10_000;
const DIMENSION = 8;

function summary(label: number): PaperSummary {
  return {
    label,
    id: label.toString(16).padStart(12, '0'),
    title: `Paper ${label}`,
    authors: 2,
    // One paper in a hundred is from 2023, the rest from 2024.
    date: { year: label % 100 === 0 ? 2023 : 2024, month: 7, day: 24 },
    upvotes: null,
    codeLinks: [],
    url: `https://huggingface.co/papers?q=Paper+${label}`,
    arxivId: null,
    dailyDate: null,
    addedAt: new Date('2026-05-01T00:00:00.000Z'),
    textHash: 'a'.repeat(64),
  };
}

/** Unit vectors, as the model's are (similarity is their dot product). */
function vectorOf(label: number): Vector {
  const v = Float32Array.from({ length: DIMENSION }, (_, i) => Math.sin(label * 7 + i));
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

/** A graph that records its searches and finds what a graph under a harsh filter finds: too little. */
function context(): { ctx: SearchContext; graphSearches: () => number } {
  const catalog = new Catalog(Array.from({ length: PAPERS }, (_, i) => summary(i + 1)));
  let searches = 0;
  const vectors = {
    search: () => {
      searches++;
      return [];
    },
    vector: (label: number) => vectorOf(label),
    has: () => true,
  } as unknown as PaperVectorIndex;
  return { ctx: { catalog, vectors } as unknown as SearchContext, graphSearches: () => searches };
}

describe('denseCandidates', () => {
  it('regression: under a filter only 1 % of 10,000 papers pass, they are scored exactly without walking the graph', () => {
    const { ctx, graphSearches } = context();
    const query = vectorOf(500);
    const found = denseCandidates(ctx, query, { ...NO_FILTER, yearFrom: 2023, yearTo: 2023 }, 5);
    expect(graphSearches()).toBe(0);
    expect(found[0]).toEqual({ id: summary(500).id, similarity: expect.closeTo(1, 5) });
    expect(found).toHaveLength(5);
    expect(found.every(({ id }) => ctx.catalog.get(id)?.date?.year === 2023)).toBe(true);
    expect(found.map((c) => c.similarity)).toEqual([...found.map((c) => c.similarity)].sort((a, b) => b - a));
  });

  it('GIVEN no filter THEN the graph is searched', () => {
    const { ctx, graphSearches } = context();
    denseCandidates(ctx, vectorOf(1), NO_FILTER, 5);
    expect(graphSearches()).toBe(1);
  });
});
