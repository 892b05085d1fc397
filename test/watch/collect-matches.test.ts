/**
 * Which new papers a watch hears about, on the real engine: ranked among the
 * new papers, so a watch on a broad topic the corpus already holds dozens of
 * papers about still hears of a new one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchedPaper } from '../../src/feeds/fetched-paper.js';
import type { OpenedEngine } from '../../src/search/create-engine.js';
import { collectMatches } from '../../src/watch/collect-matches.js';
import type { Watch } from '../../src/watch/watch-record.js';
import { privateTestEngine } from '../support/test-engine.js';

const TOPIC = 'large language models';
const NEW_PAPER: FetchedPaper = {
  arxivId: '2407.19555', title: 'Scaling Laws for Instruction Tuning',
  abstract: 'We study how instruction tuning helps as models grow. Larger models follow instructions better, and we fit scaling laws to the gains of language models.',
  authorNames: ['A. Author'], publishedAt: '2024-07-24T00:00:00.000Z', dailyDate: '2024-07-24', upvotes: 4, aiSummary: null, aiKeywords: [],
  githubRepo: null, githubStars: null, projectPage: null, organization: null, categories: [], source: 'huggingface',
};
const OFF_TOPIC: FetchedPaper = {
  ...NEW_PAPER, arxivId: '2407.19556', title: 'Counting Penguins from Satellite Images',
  abstract: 'We count penguin colonies in Antarctica from satellite images with a small detector. Guano stains make the colonies visible from space.',
};

let opened: OpenedEngine;
beforeAll(async () => {
  opened = await privateTestEngine();
}, 120_000);
afterAll(() => opened.engine.close());

describe('collectMatches', () => {
  it('regression: a new paper on a broad topic the corpus already holds dozens of confident matches for is announced; an off-topic one is not', { timeout: 120_000 }, async () => {
    // Sixty older papers squarely on the topic: ranked against the whole corpus, the new one comes after them all.
    const older = Array.from({ length: 60 }, (_, i) => ({
      paper: { ...NEW_PAPER, arxivId: `2407.${18_000 + i}`, title: `Large Language Models ${i}: Large Language Models Scale`, abstract: `Large language models ${i} are studied. Large language models scale; large language models reason.` },
      fetchedAt: new Date().toISOString(),
    }));
    await opened.engine.ingest(older, { interactive: true });
    expect((await opened.engine.about(TOPIC, { k: 50 })).results.some((hit) => hit.title === NEW_PAPER.title)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const watch: Watch = { id: 'w1', userId: 'u1', topic: TOPIC, createdAt: new Date().toISOString(), status: { kind: 'active' } };
    const { ids } = await opened.engine.ingest([
      { paper: NEW_PAPER, fetchedAt: new Date().toISOString() },
      { paper: OFF_TOPIC, fetchedAt: new Date().toISOString() },
    ], { interactive: true });
    const matches = await collectMatches(opened.engine, [watch], () => new Set(ids));
    expect(matches.get('u1')?.map((match) => match.card.id)).toEqual([ids[0]]);
  });
});
