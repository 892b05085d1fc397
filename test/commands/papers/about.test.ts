/**
 * `/papers about` end to end: the real bot, the real engine and the real
 * discord.js client against the fake Discord; assertions are on what the bot
 * sent.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Limits } from '../../../bot/render/limits.js';
import { RESULTS_EXPIRED } from '../../../bot/messages.js';
import { WEAK_MATCH_NOTE } from '../../../bot/render/results.js';
import { DEFAULT_PAGE_TTL_MS } from '../../../bot/page-store.js';
import { EPHEMERAL, papers, privateBotEngine, sentMessages, startBot, type PrivateEngine, type RunningBot } from '../../bot/harness.js';
import type { Payload } from '../../fake-discord/fake-discord.js';
import { ManualClock } from '../../support/manual-clock.js';

const ZWSP = '\u200b';

let opened: PrivateEngine;
let running: RunningBot;
const clock = new ManualClock(new Date(Date.UTC(2025, 0, 1)));

const customIds = (message: Payload): string[] =>
  message.components.flatMap((row: Payload) => row.components.map((component: Payload) => component.custom_id));

async function about(options: Record<string, string | number | boolean>) {
  const handle = await running.fake.sendCommand(papers('about', options));
  return { handle, response: await handle.response() };
}

beforeAll(async () => {
  opened = await privateBotEngine();
  running = await startBot({ opened, clock });
});

afterAll(async () => {
  await running.close();
  await opened.engine.close();
  await rm(opened.dataDir, { recursive: true, force: true });
  for (const { body } of sentMessages(running.fake)) expect(body.allowed_mentions).toEqual({ parse: [] });
});

describe('/papers about', () => {
  it('GIVEN a topic THEN the reply is deferred, then filled with 5 linked cards, a More button and a details menu', async () => {
    const { handle, response } = await about({ query: 'continual learning' });
    expect(response.type).toBe(5);
    const page = await handle.edit();
    expect(page.content).toMatch(/^Papers about “continual learning” \(results 1–5 of \d+\)$/);
    expect(page.embeds).toHaveLength(5);
    expect(page.embeds[0].title).toMatch(/^1\. .*Continual/i);
    for (const embed of page.embeds) {
      expect(embed.url).toMatch(/^https:\/\/huggingface\.co\/papers\?q=/);
      expect(embed.description.length).toBeGreaterThan(20);
      // A paper the listing gave no authors, upvotes or date has no meta line, so no footer.
      if (embed.footer !== undefined) expect(embed.footer.text).toMatch(/\d+ authors?|▲ \d+|\w{3} \d+/);
    }
    expect(page.embeds.some((embed: Payload) => embed.footer !== undefined)).toBe(true);
    const [more, details] = customIds(page);
    expect(more).toMatch(/^papers:page:[\w-]{8}:5$/);
    expect(details).toBe('papers:details');
    const options = page.components[1].components[0].options;
    expect(options).toHaveLength(5);
    for (const option of options) expect(option.value).toMatch(/^[0-9a-f]{12}$/);
  });

  it('GIVEN count and has_code THEN exactly that many papers, each with a code link', async () => {
    const { handle } = await about({ query: 'image generation', count: 3, has_code: true });
    const page = await handle.edit();
    expect(page.content).toMatch(/^Papers with code about/);
    expect(page.embeds).toHaveLength(3);
    for (const embed of page.embeds) expect(embed.fields[0].name).toMatch(/^Code/);
  });

  it('regression: "model merging" lists only the papers above the relevance floor, with no More button into unrelated ones', async () => {
    const { handle } = await about({ query: 'model merging' });
    const page = await handle.edit();
    expect(page.content).toBe('Papers about “model merging” (results 1–5 of 5)');
    expect(page.embeds[0].title).toMatch(/^1\. .*Merg/i);
    expect(customIds(page)).toEqual(['papers:details']);
  });

  it('GIVEN the More results button THEN the same message shows the next page, with Previous and More', async () => {
    const { handle } = await about({ query: 'continual learning' });
    const first = await handle.edit();
    const [more] = customIds(first);
    const click = await running.fake.sendComponent({ customId: more!, componentType: 2 });
    expect((await click.response()).type).toBe(6);
    const second = await click.edit();
    expect(second.content).toContain('results 6–10');
    expect(second.embeds[0].title).toMatch(/^6\. /);
    const firstTitles = new Set(first.embeds.map((e: Payload) => e.title.replace(/^\d+\. /, '')));
    for (const embed of second.embeds) expect(firstTitles.has(embed.title.replace(/^\d+\. /, ''))).toBe(false);
    const [previous, next] = customIds(second);
    expect(previous).toBe(more!.replace(/:5$/, ':0'));
    expect(next).toBe(more!.replace(/:5$/, ':10'));
  });

  it('GIVEN the details menu THEN only the chooser sees the full abstract, links and three similar papers', async () => {
    const { engine } = opened;
    const withCode = await Promise.all(engine.papers.filter((p) => p.codeLinks.length > 0).map((p) => engine.paper(p.id)));
    const paper = withCode.find((p) => p !== undefined && p.abstract.length > 1000)!;
    const pick = await running.fake.sendComponent({ customId: 'papers:details', componentType: 3, values: [paper.id] });
    const response = await pick.response();
    expect(response.type).toBe(4);
    expect(response.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const [card] = response.data.embeds;
    expect(card.url).toBe(paper.url);
    expect(card.description.replace(/\\/g, '')).toBe(paper.abstract);
    expect(card.fields.map((f: Payload) => f.name)).toEqual([paper.codeLinks.length === 1 ? 'Code' : 'Code links', 'Similar papers']);
    expect(card.fields[1].value.split('\n')).toHaveLength(3);
    expect(card.fields[1].value).not.toContain(paper.url);
  });

  it('GIVEN a More button older than the page TTL THEN the user is told to run the command again', async () => {
    const { handle } = await about({ query: 'continual learning' });
    const [more] = customIds(await handle.edit());
    await clock.advanceBy(DEFAULT_PAGE_TTL_MS + 1);
    const click = await running.fake.sendComponent({ customId: more!, componentType: 2 });
    const response = await click.response();
    expect(response.type).toBe(4);
    expect(response.data).toMatchObject({ content: RESULTS_EXPIRED, flags: EPHEMERAL });
  });

  it('GIVEN a query nothing in the corpus is about THEN the reply says plainly that the matches are weak', async () => {
    const { handle } = await about({ query: 'best pizza dough hydration for a wood-fired oven' });
    const page = await handle.edit();
    expect(page.content.split('\n')[0]).toBe(WEAK_MATCH_NOTE);
  });
});

describe('/papers about with bad input', () => {
  it('GIVEN a blank query THEN a private sentence asks for words, without deferring', async () => {
    const { response } = await about({ query: '   ' });
    expect(response.type).toBe(4);
    expect(response.data.flags).toBe(EPHEMERAL);
    expect(response.data.content).toMatch(/empty/);
  });

  it('GIVEN a 2,000-character query THEN a private sentence gives the limit', async () => {
    const { response } = await about({ query: `${'attention '.repeat(199)}attention!` });
    expect(response.data).toMatchObject({ flags: EPHEMERAL, content: expect.stringMatching(/2000 characters long — please keep it under 300/) });
  });

  it('GIVEN a count outside 1–10 THEN a private sentence gives the range', async () => {
    const { response } = await about({ query: 'transformers', count: 50 });
    expect(response.data).toMatchObject({ flags: EPHEMERAL, content: 'count must be between 1 and 10.' });
  });

  it('regression: a query with @everyone is echoed as a mention', async () => {
    const { handle } = await about({ query: '@everyone model merging' });
    const page = await handle.edit();
    // Echoed, but as text: a zero-width space after the @, and no mention can ping either way.
    expect(page.content).toMatch(new RegExp(`^Papers about “@${ZWSP}everyone model merging” \\(results 1–5 of \\d+\\)$`));
    expect(page.content).not.toContain('@everyone');
    expect(page.allowed_mentions).toEqual({ parse: [] });
  });

  it('GIVEN user, role and channel mentions in the query THEN they are echoed neutralised, with nothing left to ping', async () => {
    const { handle } = await about({ query: 'model merging <@123456789012345678> <@&223456789012345678> <#323456789012345678> @here' });
    const page = await handle.edit();
    expect(page.content).toContain(`“model merging <@${ZWSP}123456789012345678> <@${ZWSP}&223456789012345678> <#${ZWSP}323456789012345678> @${ZWSP}here”`);
    expect(page.content).not.toMatch(/<[@#]&?\d|@here/);
    expect(page.allowed_mentions).toEqual({ parse: [] });
  });

  it('GIVEN markdown in the query THEN it is echoed escaped', async () => {
    const { handle } = await about({ query: '**bold** _merging_ `code` [x](https://evil.example)' });
    const page = await handle.edit();
    expect(page.content).toContain('“\\*\\*bold\\*\\* \\_merging\\_ \\`code\\` \\[x](https://evil.example)”');
  });

  it('GIVEN any reply THEN it respects the message limits', () => {
    for (const { body } of sentMessages(running.fake)) {
      expect((body.content ?? '').length).toBeLessThanOrEqual(Limits.content);
      expect((body.embeds ?? []).length).toBeLessThanOrEqual(Limits.embedsPerMessage);
    }
  });
});
