/**
 * REST routes for the guild and its channels: fetch them, and create, fetch, edit and delete the
 * bot's messages in a channel — answering 404 Unknown Channel / 403 Missing Access per channel state.
 */
import { guildPayload, textChannelPayload } from './payloads.js';
import type { FakeState } from './state.js';
import { asJson, checkMessage } from './message-limits.js';
import type { Route, RouteResult } from './rest-server.js';

const UNKNOWN_GUILD: RouteResult = { status: 404, body: { code: 10004, message: 'Unknown Guild' } };
const UNKNOWN_MESSAGE: RouteResult = { status: 404, body: { code: 10008, message: 'Unknown Message' } };

export function channelRoutes(state: FakeState): Route[] {
  const { config } = state;
  const guild = () => guildPayload({ id: config.guildId, ownerId: config.ownerId, channelIds: config.channelIds, botUser: config.botUser, joinedAt: config.joinedAt });
  const channelError = (channelId: string): RouteResult | null => {
    const error = state.channelError(channelId);
    return error ? { status: error.status, body: error.body } : null;
  };
  /** A message of this channel, or the error Discord would give. */
  const messageIn = (channelId: string, messageId: string) => {
    const message = state.messages.get(messageId);
    return message?.channel_id === channelId ? message : undefined;
  };
  const channelPayload = (id: string) => textChannelPayload(id, config.guildId, Math.max(0, config.channelIds.indexOf(id)));

  return [
    { method: 'GET', pattern: '/guilds/:guild', handle: ({ params }) => (params.guild === config.guildId ? { status: 200, body: guild() } : UNKNOWN_GUILD) },
    {
      method: 'GET', pattern: '/guilds/:guild/channels', handle: ({ params }) =>
        params.guild === config.guildId
          ? { status: 200, body: [...state.channelStates].filter(([, s]) => s !== 'deleted').map(([id]) => channelPayload(id)) }
          : UNKNOWN_GUILD,
    },
    { method: 'GET', pattern: '/channels/:channel', handle: ({ params }) => channelError(params.channel ?? '') ?? { status: 200, body: channelPayload(params.channel ?? '') } },
    {
      method: 'POST', pattern: '/channels/:channel/messages', handle: ({ params, body, files }) => {
        const channelId = params.channel ?? '';
        const refused = channelError(channelId);
        if (refused) return refused;
        const invalid = checkMessage(asJson(body), true, files.length);
        if (invalid) return { status: invalid.status, body: invalid.body };
        const message = state.createMessage(channelId, asJson(body), files);
        state.channelPosts.set(channelId, [...(state.channelPosts.get(channelId) ?? []), String(message.id)]);
        return { status: 200, body: message };
      },
    },
    {
      method: 'GET', pattern: '/channels/:channel/messages/:message', handle: ({ params }) => {
        const message = messageIn(params.channel ?? '', params.message ?? '');
        return channelError(params.channel ?? '') ?? (message ? { status: 200, body: message } : UNKNOWN_MESSAGE);
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
