/** `/papers title` and `/papers similar` end to end, with title autocomplete. */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Limits } from '../../../bot/render/limits.js';
import type { RefreshableEngine } from '../../../src/search/engine-types.js';
import { EPHEMERAL, papers, privateBotEngine, sentMessages, startBot, type PrivateEngine, type RunningBot } from '../../bot/harness.js';
import type { Payload } from '../../fake-discord/fake-discord.js';

let opened: PrivateEngine;
let running: RunningBot;
let engine: RefreshableEngine;

beforeAll(async () => {
  opened = await privateBotEngine();
  engine = opened.engine;
  running = await startBot({ opened });
});

afterAll(async () => {
  await running.close();
  await engine.close();
  await rm(opened.dataDir, { recursive: true, force: true });
  for (const { body } of sentMessages(running.fake)) expect(body.allowed_mentions).toEqual({ parse: [] });
});

const SFPROMPT = 'SFPrompt: Communication-Efficient Split Federated Fine-Tuning for Large Pre-Trained Models over Resource-Limited Devices';

async function command(sub: string, title: string) {
  return (await (await running.fake.sendCommand(papers(sub, { title }))).response());
}

describe('title autocomplete', () => {
  it('GIVEN a partial title THEN at most 25 choices, names ≤ 100 characters, values are paper ids', async () => {
    for (const typed of ['', 'sfp', 'diffusion', 'a']) {
      const response = await (await running.fake.sendAutocomplete(papers('title', { title: typed }, 'title'))).response();
      expect(response.type).toBe(8);
      const choices = response.data.choices as { name: string; value: string }[];
      expect(choices.length).toBeLessThanOrEqual(Limits.autocompleteChoices);
      for (const choice of choices) {
        expect(choice.name.length).toBeGreaterThan(0);
        expect(choice.name.length).toBeLessThanOrEqual(Limits.choiceName);
        expect((await engine.paper(choice.value))?.title.startsWith(choice.name.replace(/…$/, ''))).toBe(true);
      }
    }
  });

  it('GIVEN the start of a long title THEN it is the first choice, its name cut to 100 characters', async () => {
    const response = await (await running.fake.sendAutocomplete(papers('similar', { title: 'sfprompt' }, 'title'))).response();
    const [first] = response.data.choices as { name: string; value: string }[];
    expect((await engine.paper(first!.value))?.title).toBe(SFPROMPT);
    // The engine suggests whole titles; the bot cuts them to Discord's 100 characters, at a word.
    expect(SFPROMPT.length).toBeGreaterThan(Limits.choiceName);
    expect(first!.name.length).toBeLessThanOrEqual(Limits.choiceName);
    expect(first!.name).toMatch(/\S…$/);
    expect(SFPROMPT.startsWith(first!.name.slice(0, -1))).toBe(true);
  });
});

describe('/papers title', () => {
  it('GIVEN a chosen paper id THEN its card shows the full abstract and links, publicly', async () => {
    const paper = (await engine.title(SFPROMPT)).match!;
    const response = await command('title', paper.id);
    expect(response.type).toBe(4);
    expect(response.data.flags ?? 0).toBe(0);
    const [card] = response.data.embeds;
    expect(card.title).toBe(SFPROMPT);
    expect(card.url).toBe(paper.url);
    expect(card.description.replace(/\\/g, '')).toBe(paper.abstract);
    expect(card.footer.text).toBe('Jul 24, 2024 · 3 authors');
  });

  it('GIVEN free text that matches no choice exactly THEN the fuzzy match is shown', async () => {
    const response = await command('title', 'sfprompt split federated');
    expect(response.data.embeds[0].title).toBe(SFPROMPT);
  });

  it('GIVEN text that matches no paper THEN a private sentence says so', async () => {
    const response = await command('title', 'zzqx qqzv wvvx');
    expect(response.type).toBe(4);
    expect(response.data.flags).toBe(EPHEMERAL);
    expect(response.data.content).toMatch(/^I have no paper titled “zzqx qqzv wvvx”\./);
  });

  it('GIVEN a blank title THEN a private sentence asks for words', async () => {
    const response = await command('title', ' ');
    expect(response.data).toMatchObject({ flags: EPHEMERAL, content: expect.stringMatching(/empty/) });
  });
});

describe('/papers similar', () => {
  it('GIVEN a paper THEN its nearest other papers are listed, paged, never the paper itself', async () => {
    const paper = (await engine.title(SFPROMPT)).match!;
    const response = await command('similar', paper.id);
    expect(response.type).toBe(4);
    expect(response.data.content).toMatch(/^Papers similar to \*\*SFPrompt: .*\*\* \(results 1–5 of \d+\)$/);
    expect(response.data.embeds).toHaveLength(5);
    for (const embed of response.data.embeds) expect(embed.url).not.toBe(paper.url);
    const more = response.data.components[0].components[0].custom_id as string;
    const click = await running.fake.sendComponent({ customId: more, componentType: 2 });
    await click.response();
    const next: Payload = await click.edit();
    expect(next.content).toContain('results 6–10');
    for (const embed of next.embeds) expect(embed.url).not.toBe(paper.url);
  });
});
