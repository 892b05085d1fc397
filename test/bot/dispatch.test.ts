/**
 * The dispatch pipeline end to end: rate limiting (with a clock the test
 * moves), refusals for commands and buttons the bot does not know, and the
 * timed log line every interaction gets.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNKNOWN_COMMAND } from '../../bot/messages.js';
import { EPHEMERAL, papers, privateBotEngine, startBot, until, type PrivateEngine, type RunningBot } from './harness.js';
import { ManualClock } from '../support/manual-clock.js';

let opened: PrivateEngine;
let running: RunningBot;
const clock = new ManualClock(new Date(Date.UTC(2025, 0, 1, 12)));
const WINDOW_SECONDS = 30;
const alice = { id: '300000000000000001', username: 'alice' };
const bob = { id: '300000000000000002', username: 'bob' };

beforeAll(async () => {
  opened = await privateBotEngine();
  running = await startBot({
    opened,
    clock,
    env: { RATE_LIMIT_COMMANDS: '2', RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS) },
  });
});

afterAll(async () => {
  await running.close();
  await opened.engine.close();
  await rm(opened.dataDir, { recursive: true, force: true });
});

const help = async (user: typeof alice) => (await (await running.fake.sendCommand({ ...papers('help'), user })).response()).data;

describe('rate limit', () => {
  it('GIVEN a user over the limit THEN they are told privately when to retry; autocomplete and other users are unaffected', async () => {
    const start = clock.now().getTime();
    expect((await help(alice)).embeds).toHaveLength(1);
    await clock.advanceBy(10_000);
    expect((await help(alice)).embeds).toHaveLength(1);
    const refused = await help(alice);
    expect(refused.flags).toBe(EPHEMERAL);
    expect(refused.content).toContain(`<t:${Math.ceil((start + WINDOW_SECONDS * 1000) / 1000)}:R>`);
    expect(refused.allowed_mentions).toEqual({ parse: [] });

    const choices = await (await running.fake.sendAutocomplete({ ...papers('title', { title: 'merg' }, 'title'), user: alice })).response();
    expect(choices.data.choices.length).toBeGreaterThan(0);
    expect((await help(bob)).embeds).toHaveLength(1);

    await clock.advanceTo(new Date(start + WINDOW_SECONDS * 1000 + 1)); // the first command has left the window
    expect((await help(alice)).embeds).toHaveLength(1);
  });

  it('GIVEN buttons THEN clicks count against the same budget', async () => {
    await clock.advanceBy(10 * WINDOW_SECONDS * 1000);
    const carol = { id: '300000000000000003', username: 'carol' };
    const search = await running.fake.sendCommand({ ...papers('about', { query: 'robotics' }), user: carol });
    const more = (await search.edit()).components[0].components[0].custom_id as string;
    await (await running.fake.sendComponent({ customId: more, componentType: 2, user: carol })).response();
    const refused = await (await running.fake.sendComponent({ customId: more, componentType: 2, user: carol })).response();
    expect(refused.data).toMatchObject({ flags: EPHEMERAL, content: expect.stringMatching(/<t:\d+:R>/) });
  });
});

describe('routing', () => {
  it('GIVEN a command the bot does not have (a stale registration) THEN a private sentence says so', async () => {
    await clock.advanceBy(10 * WINDOW_SECONDS * 1000);
    const response = await (await running.fake.sendCommand({ name: 'ping' })).response();
    expect(response.data).toMatchObject({ flags: EPHEMERAL, content: UNKNOWN_COMMAND });
  });

  it('GIVEN a button from another command or an old version THEN a private sentence says so', async () => {
    await clock.advanceBy(10 * WINDOW_SECONDS * 1000);
    const response = await (await running.fake.sendComponent({ customId: 'papers:vote:abc', componentType: 2 })).response();
    expect(response.data).toMatchObject({ flags: EPHEMERAL, content: expect.stringMatching(/no longer works/) });
  });

  it('GIVEN any handled interaction THEN one log line names the command, the outcome and the duration', async () => {
    await clock.advanceBy(10 * WINDOW_SECONDS * 1000);
    const dave = { id: '300000000000000004', username: 'dave' };
    await help(dave);
    await (await running.fake.sendCommand({ ...papers('about', { query: '   ' }), user: dave })).response();
    await (await running.fake.sendCommand({ name: 'ping', user: dave })).response();
    // The line is written once the reply is sent, so it may land just after the fake has the reply.
    const handledFor = () => running.logs.find('interaction handled').filter((entry) => entry.user === dave.id);
    await until(() => handledFor().length === 3);
    const handled = handledFor();
    expect(handled.map((entry) => [entry.command, entry.outcome])).toEqual([
      ['papers help', 'ok'],
      ['papers about', 'expected-failure'],
      ['ping', 'expected-failure'],
    ]);
    for (const entry of running.logs.find('interaction handled')) {
      expect(entry).toMatchObject({ command: expect.any(String), outcome: expect.stringMatching(/^(ok|refused|expected-failure)$/), durationMs: expect.any(Number) });
    }
  });
});
