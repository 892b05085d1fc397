/**
 * REST routes for the guild and its channels (and the bot's DM channels with users: open one, post in
 * it, 403/50007 when the user's DMs are closed): fetch them, list a channel's messages, and create,
 * fetch, edit and delete the bot's messages in a channel — answering 404 Unknown Channel / 403 Missing
 * Access per channel state. A post with `enforce_nonce` and a nonce the bot used in that channel
 * while the nonce is fresh gets the original message back (200), as on Discord, not a second one.
 */
import { dmChannelPayload, guildPayload, textChannelPayload } from './payloads.js';
import { DMS_CLOSED, type FakeState } from './state.js';
import { asJson, checkMessage } from './message-limits.js';
import { historyPage } from './message-history.js';
import type { Route, RouteResult } from './rest-server.js';

const UNKNOWN_GUILD: RouteResult = { status: 404, body: { code: 10004, message: 'Unknown Guild' } };
const UNKNOWN_MESSAGE: RouteResult = { status: 404, body: { code: 10008, message: 'Unknown Message' } };
/** What a single-message fetch gets without Read Message History (the list is merely empty). */
const NO_HISTORY: RouteResult = { status: 403, body: { code: 50013, message: 'Missing Permissions' } };

export function channelRoutes(state: FakeState): Route[] {
  const { config } = state;
  const guild = () => guildPayload({ id: config.guildId, ownerId: config.ownerId, channelIds: config.channelIds, botUser: config.botUser, joinedAt: config.joinedAt, roles: config.roles });
  const channelError = (channelId: string): RouteResult | null => {
    const error = state.channelError(channelId);
    return error ? { status: error.status, body: error.body } : null;
  };
  /** A message of this channel, or the error Discord would give. */
  const messageIn = (channelId: string, messageId: string) => {
    const message = state.messages.get(messageId);
    return message?.channel_id === channelId ? message : undefined;
  };
  const channelPayload = (id: string) => {
    const recipient = state.dmRecipients.get(id);
    return recipient === undefined ? textChannelPayload(id, config.guildId, Math.max(0, config.channelIds.indexOf(id))) : dmChannelPayload(id, recipient);
  };

  return [
    { method: 'GET', pattern: '/guilds/:guild', handle: ({ params }) => (params.guild === config.guildId ? { status: 200, body: guild() } : UNKNOWN_GUILD) },
    {
      method: 'GET', pattern: '/guilds/:guild/channels', handle: ({ params }) =>
        params.guild === config.guildId
          ? { status: 200, body: [...state.channelStates].filter(([, s]) => s !== 'deleted').map(([id]) => channelPayload(id)) }
          : UNKNOWN_GUILD,
    },
    {
      // Discord opens (or returns the existing) DM channel whether or not the user accepts DMs: only sending fails.
      method: 'POST', pattern: '/users/@me/channels', handle: ({ body }) => {
        const recipient = asJson(body).recipient_id;
        if (typeof recipient !== 'string' || !/^\d{1,22}$/.test(recipient)) {
          return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: { recipient_id: { _errors: [{ code: 'NUMBER_TYPE_COERCE', message: `Value "${String(recipient)}" is not snowflake.` }] } } } };
        }
        return { status: 200, body: state.openDm(recipient) };
      },
    },
    { method: 'GET', pattern: '/channels/:channel', handle: ({ params }) => channelError(params.channel ?? '') ?? { status: 200, body: channelPayload(params.channel ?? '') } },
    {
      method: 'GET', pattern: '/channels/:channel/messages', handle: ({ params, query }) => {
        const channelId = params.channel ?? '';
        const refused = channelError(channelId);
        if (refused) return refused;
        const page = historyPage(state.channelHistory(channelId), query);
        if (!page.ok) return { status: page.error.status, body: page.error.body };
        // Discord's documented answer without Read Message History: no error, just no messages.
        if (state.channelStates.get(channelId) === 'no-history') return { status: 200, body: [] };
        return { status: 200, body: page.messages.map((message) => state.view(message)) };
      },
    },
    {
      method: 'POST', pattern: '/channels/:channel/messages', handle: ({ params, body, files }) => {
        const channelId = params.channel ?? '';
        const refused = channelError(channelId);
        if (refused) return refused;
        const recipient = state.dmRecipients.get(channelId);
        if (recipient !== undefined && state.closedDms.has(recipient.id)) return { status: DMS_CLOSED.status, body: DMS_CLOSED.body };
        const json = asJson(body);
        const invalid = checkMessage(json, true, files.length);
        if (invalid) return { status: invalid.status, body: invalid.body };
        const original = json.enforce_nonce === true && json.nonce !== undefined ? state.findByNonce(channelId, config.botUser.id, json.nonce) : undefined;
        if (original) return { status: 200, body: state.view(original) };
        return { status: 200, body: state.view(state.createChannelPost(channelId, json, files)) };
      },
    },
    {
      method: 'GET', pattern: '/channels/:channel/messages/:message', handle: ({ params }) => {
        const channelId = params.channel ?? '';
        const message = messageIn(channelId, params.message ?? '');
        if (state.channelStates.get(channelId) === 'no-history') return NO_HISTORY;
        return channelError(channelId) ?? (message ? { status: 200, body: state.view(message) } : UNKNOWN_MESSAGE);
      },
    },
    {
      method: 'PATCH', pattern: '/channels/:channel/messages/:message', handle: ({ params, body, files }) => {
        const refused = channelError(params.channel ?? '');
        if (refused) return refused;
        const message = messageIn(params.channel ?? '', params.message ?? '');
        if (!message) return UNKNOWN_MESSAGE;
        const invalid = checkMessage(asJson(body), false, files.length);
        return invalid ? { status: invalid.status, body: invalid.body } : { status: 200, body: state.editMessage(message, asJson(body), files) };
      },
    },
    {
      method: 'DELETE', pattern: '/channels/:channel/messages/:message', handle: ({ params }) => {
        const refused = channelError(params.channel ?? '');
        if (refused) return refused;
        const message = messageIn(params.channel ?? '', params.message ?? '');
        if (!message) return UNKNOWN_MESSAGE;
        state.messages.delete(String(message.id));
        return { status: 204 };
      },
    },
  ];
}
