/** `/papers ask` and `/papers help` end to end. */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

async function ask(question: string) {
  const handle = await running.fake.sendCommand(papers('ask', { question }));
  return { handle, response: await handle.response() };
}

describe('/papers ask', () => {
  it('GIVEN a question the corpus answers THEN each sentence is cited [n] to a card listed under the answer', async () => {
    const { handle, response } = await ask('How can large language models be fine-tuned on resource-limited devices?');
    expect(response.type).toBe(5);
    const reply = await handle.edit();
    const [answer, ...cards] = reply.embeds as Payload[];
    expect(answer.title).toBe('Answer');
    const lines = (answer.description as string).split('\n');
    const cited = new Set<number>();
    for (const line of lines) {
      const match = / \[(\d+)\]$/.exec(line);
      expect(match).not.toBeNull();
      cited.add(Number(match![1]));
    }
    expect(cards).toHaveLength(cited.size);
    cards.forEach((card, index) => expect(card.title).toMatch(new RegExp(`^\\[${index + 1}\\] `)));
    for (const card of cards) expect(engine.papers.some((p) => p.url === card.url)).toBe(true);
  });

  it('GIVEN an answer THEN card [n] is the paper the engine numbered n', async () => {
    const question = 'How can large language models be fine-tuned on resource-limited devices?';
    const expected = await engine.ask(question);
    const cited = [...new Set((expected.answer ?? []).map((s) => s.citation))];
    expect(cited.length).toBeGreaterThan(1);
    const { handle } = await ask(question);
    const [, ...cards] = (await handle.edit()).embeds as Payload[];
    expect(cards.map((card) => card.url)).toEqual(cited.map((n) => expected.results[n - 1]?.url));
  });

  it('GIVEN a question the corpus cannot answer THEN the reply says so', async () => {
    const { handle } = await ask('What is the best pizza topping?');
    const reply = await handle.edit();
    expect(reply.content).toMatch(/^The papers I hold can't answer “What is the best pizza topping\?”\./);
  });

  it('GIVEN a blank question THEN a private sentence asks for words', async () => {
    const { response } = await ask('  ');
    expect(response.data).toMatchObject({ flags: EPHEMERAL, content: expect.stringMatching(/empty/) });
  });
});

describe('/papers help', () => {
  it('GIVEN help THEN it lists every subcommand, the paper count and when the corpus was updated, privately', async () => {
    const response = await (await running.fake.sendCommand(papers('help'))).response();
    expect(response.data.flags).toBe(EPHEMERAL);
    const text = response.data.embeds[0].description as string;
    for (const sub of ['about', 'title', 'similar', 'ask', 'help']) expect(text).toContain(`**/papers ${sub}**`);
    expect(text).toContain(`**${engine.papers.length}** papers`);
    expect(text).toMatch(/last updated <t:\d+:R>/);
  });
});
