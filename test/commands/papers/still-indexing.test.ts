/**
 * /papers while papers are still being embedded (a cold start, a large new
 * dump): the bot answers at once, from the papers' words, and says plainly
 * how far indexing is. The engine here holds its embedding until the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { papers, sentMessages, startBot, type RunningBot } from '../../bot/harness.js';
import type { Embedder } from '../../../src/embedding/embedder.js';
import { HELD_PAPERS, heldEmbeddingEngine, testModel, type HeldEngine } from '../../bot/store-states.js';
import { removeTemps } from '../../support/temp-dir.js';

const TWIN_MERGING = 'Twin-Merging: Dynamic Integration of Modular Expertise in Model Merging';
const NOTE = '⏳ still indexing: 0 % of papers have semantic vectors; the rest are found by their words.';

let model: Embedder;
let held: HeldEngine;
let running: RunningBot;

beforeAll(async () => {
  model = await testModel();
  held = await heldEmbeddingEngine(model);
  running = await startBot({ opened: held, env: { SEEDS_DIR: held.seedsDir } });
});

afterAll(async () => {
  await running.close();
  await held.close();
  await model.close();
  await removeTemps();
  for (const { body } of sentMessages(running.fake)) expect(body.allowed_mentions).toEqual({ parse: [] });
});

describe('while no paper has vectors yet', () => {
  it('GIVEN /papers about THEN the page opens with the indexing line and finds the paper by its words', async () => {
    expect(held.engine.status()).toMatchObject({ papers: HELD_PAPERS, embedded: 0 });
    const handle = await running.fake.sendCommand(papers('about', { query: 'model merging' }));
    await handle.response();
    const page = await handle.edit();
    const [note, heading] = (page.content as string).split('\n');
    expect(note).toBe(NOTE);
    expect(heading).toMatch(/^Papers about “model merging” \(results 1–\d of \d\)$/);
    expect(page.embeds[0].title).toBe(`1. ${TWIN_MERGING}`);
  });

  it('GIVEN /papers ask THEN the reply opens with the indexing line', async () => {
    const handle = await running.fake.sendCommand(papers('ask', { question: 'how can model merging combine task-specific models?' }));
    await handle.response();
    const reply = await handle.edit();
    expect((reply.content as string).split('\n')[0]).toBe(NOTE);
  });

  it('GIVEN /papers help THEN it says indexing is under way, and how far', async () => {
    const response = await (await running.fake.sendCommand(papers('help'))).response();
    const text = response.data.embeds[0].description as string;
    expect(text).toContain(`**${HELD_PAPERS}** papers`);
    expect(text).toContain('⏳ Still indexing: 0 % of papers have semantic vectors; the rest are found by their words.');
  });
});
