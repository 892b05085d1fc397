/**
 * `npm start` as a real process: a bad config exits 1 with one line per
 * variable; a store held by another paperbot exits 2 saying so; a good one
 * connects, answers, and shuts down cleanly on SIGTERM without ever logging
 * the token.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fake-discord/fake-discord.js';
import { runEntryPoint } from './entry-points.js';
import { papers, privateBotDataDir, testEnv, TOKEN } from './harness.js';
import { foreignWriter } from './store-states.js';

let fake: FakeDiscord;
const dataDirs: string[] = [];

/** A private copy of the shared warm store: the bot takes its writer lease. */
async function dataDir(): Promise<string> {
  const dir = await privateBotDataDir();
  dataDirs.push(dir);
  return dir;
}

beforeAll(async () => {
  fake = await FakeDiscord.start();
});

afterAll(async () => {
  await fake.close();
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('GIVEN missing and invalid settings THEN it exits 1 naming each variable, with no stack trace', async () => {
    const run = await runEntryPoint('main.ts', { DISCORD_CLIENT_ID: '12', RATE_LIMIT_COMMANDS: 'lots' });
    const { code, stderr } = await run.finished;
    expect(code).toBe(1);
    expect(stderr).toContain('DISCORD_TOKEN is not set: add it to .env (see .env.example)');
    expect(stderr).toContain('DISCORD_CLIENT_ID must be a Discord id');
    expect(stderr).toContain('RATE_LIMIT_COMMANDS');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('GIVEN a valid config THEN it connects, answers a command, and exits 0 on SIGTERM after disconnecting', async () => {
    const run = await runEntryPoint('main.ts', testEnv(fake, await dataDir()));
    await fake.waitForReady(20_000);
    // Commands are answered either "warming up" or for real, depending on timing; wait for the real thing.
    let answered = false;
    for (let attempt = 0; attempt < 100 && !answered; attempt++) {
      const response = await (await fake.sendCommand(papers('help'))).response(10_000);
      answered = response.data.embeds?.length === 1;
      if (!answered) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(answered).toBe(true);
    run.child.kill('SIGTERM');
    const { code, stderr } = await run.finished;
    expect(code).toBe(0);
    const messages = stderr.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(expect.arrayContaining(['connected to Discord', 'engine ready: accepting commands', 'shutting down', 'disconnected']));
    expect(stderr).not.toContain(TOKEN);
  }, 60_000);

  it('GIVEN another paperbot holds the DATA_DIR THEN it exits 2 with one line saying so, and no stack trace', async () => {
    const dir = await dataDir();
    const other = await foreignWriter(dir, 'bot');
    try {
      const run = await runEntryPoint('main.ts', testEnv(fake, dir));
      const { code, stderr } = await run.finished;
      expect(code).toBe(2);
      const lines = stderr.split('\n').filter(Boolean);
      const said = lines.filter((line) => line.startsWith('paperbot: '));
      expect(said).toEqual([expect.stringMatching(new RegExp(`^paperbot: DATA_DIR is in use by another paperbot \\(bot, pid ${other.pid} on .+\\): stop it, or give this bot its own DATA_DIR\\.$`))]);
      const logged = lines.filter((line) => !line.startsWith('paperbot: ')).map((line) => JSON.parse(line) as { level: number; code?: string });
      expect(logged).toContainEqual(expect.objectContaining({ code: 'HELD' }));
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(stderr).not.toContain(TOKEN);
    } finally {
      await other.stop();
    }
  }, 60_000);
});
