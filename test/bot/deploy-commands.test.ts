/** deploy-commands against the fake Discord: guild-scoped when DISCORD_GUILD_ID is set, else global. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../bot/commands.js';
import { registerCommands } from '../../bot/register-commands.js';
import { FakeDiscord } from '../fake-discord/fake-discord.js';
import { runEntryPoint } from './entry-points.js';
import { TOKEN } from './harness.js';

let fake: FakeDiscord;

beforeAll(async () => {
  fake = await FakeDiscord.start();
});

afterAll(() => fake.close());

const config = () => ({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_API_BASE: fake.apiBase });

describe('registering commands', () => {
  it('GIVEN DISCORD_GUILD_ID THEN every command is PUT to that guild, and Discord accepts the definitions', async () => {
    const result = await registerCommands({ ...config(), DISCORD_GUILD_ID: fake.guildId }, commands);
    const put = await fake.waitForRequest((r) => r.method === 'PUT');
    expect(put.path).toBe(`/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`);
    expect(put.status).toBe(200);
    expect(put.body).toEqual(commands.map((command) => command.data));
    expect(result).toMatchObject({ scope: 'guild', guildId: fake.guildId });
    expect(result.commands).toHaveLength(commands.length);
    expect(result.commands).toContain('/papers (about, title, similar, ask, new, add, watch, watches, unwatch, help)');
  });

  it('GIVEN no guild THEN `npm run deploy-commands` PUTs globally and prints what it registered', async () => {
    const run = await runEntryPoint('deploy-commands.ts', { ...config(), LOG_LEVEL: 'info' });
    const { code, stdout, stderr } = await run.finished;
    expect(stderr).not.toContain(TOKEN);
    expect(code).toBe(0);
    const [header, ...lines] = stdout.trimEnd().split('\n');
    expect(header).toBe(`Registered ${commands.length} command(s) to all guilds (global):`);
    expect(lines).toHaveLength(commands.length);
    expect(lines).toContain('  /papers (about, title, similar, ask, new, add, watch, watches, unwatch, help)');
    const put = fake.requests.filter((r) => r.method === 'PUT').at(-1);
    expect(put?.path).toBe(`/applications/${fake.applicationId}/commands`);
    expect(put?.status).toBe(200);
  });
});
