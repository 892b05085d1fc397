/**
 * REST routes about the bot itself: gateway discovery, its user and application, and its
 * application commands (bulk overwrite, list, create), globally and per guild.
 */
import { ApplicationCommandType } from 'discord.js';
import { userPayload } from './payloads.js';
import type { FakeState, StoredCommand } from './state.js';
import { asJson } from './message-limits.js';
import { checkCommands } from './command-limits.js';
import type { Route, RouteResult } from './rest-server.js';
import { nextSnowflake } from './snowflake.js';

const UNKNOWN_APPLICATION: RouteResult = { status: 404, body: { code: 10002, message: 'Unknown Application' } };
const MISSING_ACCESS: RouteResult = { status: 403, body: { code: 50001, message: 'Missing Access' } };

/** Session limits high enough that reconnect tests never wait on identify throttling. */
const SESSION_START_LIMIT = { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 };

export function appRoutes(state: FakeState, gatewayUrl: () => string): Route[] {
  const { applicationId, botUser } = state.config;

  /** Keeps ids stable for commands that keep their name across overwrites, as Discord does. */
  const store = (body: unknown, previous: readonly StoredCommand[], guildId?: string): StoredCommand[] =>
    (body as unknown[]).map(asJson).map((command) => ({
      type: ApplicationCommandType.ChatInput, options: [], default_member_permissions: null, nsfw: false, ...command,
      id: previous.find((p) => p.name === command.name)?.id ?? nextSnowflake(), name: String(command.name),
      application_id: applicationId, version: nextSnowflake(), ...(guildId === undefined ? {} : { guild_id: guildId }),
    }));

  const overwrite = (body: unknown, previous: readonly StoredCommand[], save: (commands: StoredCommand[]) => void, guildId?: string): RouteResult => {
    const invalid = checkCommands(body);
    if (invalid) return { status: invalid.status, body: invalid.body };
    const commands = store(body, previous, guildId);
    save(commands);
    return { status: 200, body: commands };
  };

  const appCheck = (app: string | undefined): RouteResult | null => (app === applicationId ? null : UNKNOWN_APPLICATION);
  const guildCheck = (guild: string | undefined): RouteResult | null => (guild === state.config.guildId ? null : MISSING_ACCESS);

  return [
    { method: 'GET', pattern: '/gateway/bot', handle: () => ({ status: 200, body: { url: gatewayUrl(), shards: 1, session_start_limit: SESSION_START_LIMIT } }) },
    { method: 'GET', pattern: '/gateway', handle: () => ({ status: 200, body: { url: gatewayUrl() } }) },
    { method: 'GET', pattern: '/users/@me', handle: () => ({ status: 200, body: userPayload(botUser, true) }) },
    {
      method: 'GET', pattern: '/applications/@me', handle: () => ({
        status: 200,
        body: {
          id: applicationId, name: botUser.username, icon: null, description: '', summary: '', bot_public: false,
          bot_require_code_grant: false, verify_key: '0'.repeat(64), flags: 0, team: null, tags: [],
          owner: userPayload({ id: state.config.ownerId, username: 'owner' }), bot: userPayload(botUser, true),
        },
      }),
    },
    { method: 'GET', pattern: '/applications/:app/commands', handle: ({ params }) => appCheck(params.app) ?? { status: 200, body: state.globalCommands } },
    {
      method: 'PUT', pattern: '/applications/:app/commands', handle: ({ params, body }) =>
        appCheck(params.app) ?? overwrite(body, state.globalCommands, (commands) => { state.globalCommands = commands; }),
    },
    {
      method: 'POST', pattern: '/applications/:app/commands', handle: ({ params, body }) => {
        const refused = appCheck(params.app);
        if (refused) return refused;
        const others = state.globalCommands.filter((c) => c.name !== asJson(body).name);
        const result = overwrite([body], state.globalCommands, (commands) => { state.globalCommands = [...others, ...commands]; });
        return result.status === 200 ? { status: 201, body: (result.body as unknown[])[0] } : result;
      },
    },
    {
      method: 'GET', pattern: '/applications/:app/guilds/:guild/commands', handle: ({ params }) =>
        appCheck(params.app) ?? guildCheck(params.guild) ?? { status: 200, body: state.guildCommands.get(params.guild ?? '') ?? [] },
    },
    {
      method: 'PUT', pattern: '/applications/:app/guilds/:guild/commands', handle: ({ params, body }) => {
        const guild = params.guild ?? '';
        return appCheck(params.app) ?? guildCheck(guild) ??
          overwrite(body, state.guildCommands.get(guild) ?? [], (commands) => state.guildCommands.set(guild, commands), guild);
      },
    },
  ];
}
