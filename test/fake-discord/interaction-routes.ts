/**
 * REST routes of the interaction lifecycle: the callback (reply, defer, update, autocomplete, modal)
 * and the interaction webhook (edit/fetch/delete @original, follow-ups), with Discord's rules on
 * order: one callback per interaction, nothing on the webhook before it.
 */
import { InteractionResponseType, InteractionType, MessageFlags, MessageType } from 'discord.js';
import type { Json } from './payloads.js';
import type { InteractionRecord, FakeState } from './state.js';
import { asJson, checkChoices, checkMessage, type ApiError } from './message-limits.js';
import type { Route, RouteContext, RouteResult } from './rest-server.js';

const UNKNOWN_INTERACTION: ApiError = { status: 404, body: { code: 10062, message: 'Unknown interaction' } };
const ALREADY_ACKNOWLEDGED: ApiError = { status: 400, body: { code: 40060, message: 'Interaction has already been acknowledged.' } };
const UNKNOWN_WEBHOOK: ApiError = { status: 404, body: { code: 10015, message: 'Unknown Webhook' } };
const UNKNOWN_MESSAGE: ApiError = { status: 404, body: { code: 10008, message: 'Unknown Message' } };

const R = InteractionResponseType;
/** Which callback types Discord accepts for which interaction type. */
const ALLOWED_CALLBACKS: Record<number, readonly number[]> = {
  [InteractionType.ApplicationCommand]: [R.ChannelMessageWithSource, R.DeferredChannelMessageWithSource, R.Modal],
  [InteractionType.MessageComponent]: [R.ChannelMessageWithSource, R.DeferredChannelMessageWithSource, R.DeferredMessageUpdate, R.UpdateMessage, R.Modal],
  [InteractionType.ApplicationCommandAutocomplete]: [R.ApplicationCommandAutocompleteResult],
  [InteractionType.ModalSubmit]: [R.ChannelMessageWithSource, R.DeferredChannelMessageWithSource, R.DeferredMessageUpdate, R.UpdateMessage],
};

const fail = (error: ApiError): RouteResult => ({ status: error.status, body: error.body });

function messageType(record: InteractionRecord): MessageType {
  return record.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default;
}

function callback(state: FakeState, { params, body, files, query }: RouteContext): RouteResult {
  const record = state.interactions.get(params.token ?? '');
  if (!record || record.id !== params.id) return fail(UNKNOWN_INTERACTION);
  if (record.callbackType !== undefined) return fail(ALREADY_ACKNOWLEDGED);
  const type = Number(asJson(body).type);
  const data = asJson(asJson(body).data);
  if (!(ALLOWED_CALLBACKS[record.type] ?? []).includes(type)) {
    return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: { type: { _errors: [{ code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: `Callback type ${type} is not valid for interaction type ${record.type}` }] } } } };
  }
  const invalid = type === R.ChannelMessageWithSource ? checkMessage(data, true, files.length)
    : type === R.UpdateMessage ? checkMessage(data, false, files.length)
      : type === R.ApplicationCommandAutocompleteResult ? checkChoices(data) : null;
  if (invalid) return fail(invalid);

  let message: Json | undefined;
  if (type === R.ChannelMessageWithSource) {
    message = state.createMessage(record.channelId, data, files, messageType(record), state.config.applicationId);
  } else if (type === R.DeferredChannelMessageWithSource) {
    const flags = (Number(data.flags ?? 0) & MessageFlags.Ephemeral) | MessageFlags.Loading;
    message = state.createMessage(record.channelId, { flags }, [], messageType(record), state.config.applicationId);
  } else if (type === R.DeferredMessageUpdate || type === R.UpdateMessage) {
    message = state.messages.get(record.componentMessageId ?? '');
    if (message && type === R.UpdateMessage) state.editMessage(message, data, files);
  }
  record.callbackType = type;
  if (message) record.originalMessageId = String(message.id);

  if (query.get('with_response') !== 'true') return { status: 204 };
  const flags = Number(message?.flags ?? 0);
  return {
    status: 200,
    body: {
      interaction: {
        id: record.id, type: record.type, response_message_id: message?.id,
        response_message_loading: (flags & MessageFlags.Loading) !== 0, response_message_ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
      },
      resource: message ? { type, message } : { type },
    },
  };
}

/** The interaction a webhook path belongs to, or the error Discord gives for it. */
function webhookRecord(state: FakeState, params: Record<string, string>): InteractionRecord | ApiError {
  const record = state.interactions.get(params.token ?? '');
  if (params.app !== state.config.applicationId || !record || record.callbackType === undefined) return UNKNOWN_WEBHOOK;
  return record;
}

function webhookMessage(state: FakeState, params: Record<string, string>): { record: InteractionRecord; message: Json } | ApiError {
  const record = webhookRecord(state, params);
  if ('status' in record) return record;
  const id = params.messageId === '@original' ? record.originalMessageId : params.messageId;
  const message = state.messages.get(id ?? '');
  return message ? { record, message } : UNKNOWN_MESSAGE;
}

export function interactionRoutes(state: FakeState): Route[] {
  return [
    { method: 'POST', pattern: '/interactions/:id/:token/callback', handle: (ctx) => callback(state, ctx) },
    {
      method: 'POST', pattern: '/webhooks/:app/:token', handle: ({ params, body, files, query }) => {
        const record = webhookRecord(state, params);
        if ('status' in record) return fail(record);
        const invalid = checkMessage(asJson(body), true, files.length);
        if (invalid) return fail(invalid);
        const message = state.createMessage(record.channelId, asJson(body), files, messageType(record), state.config.applicationId);
        return query.get('wait') === 'true' ? { status: 200, body: message } : { status: 204 };
      },
    },
    {
      method: 'GET', pattern: '/webhooks/:app/:token/messages/:messageId', handle: ({ params }) => {
        const found = webhookMessage(state, params);
        return 'status' in found ? fail(found) : { status: 200, body: found.message };
      },
    },
    {
      method: 'PATCH', pattern: '/webhooks/:app/:token/messages/:messageId', handle: ({ params, body, files }) => {
        const found = webhookMessage(state, params);
        if ('status' in found) return fail(found);
        const invalid = checkMessage(asJson(body), false, files.length);
        if (invalid) return fail(invalid);
        return { status: 200, body: state.editMessage(found.message, asJson(body), files) };
      },
    },
    {
      method: 'DELETE', pattern: '/webhooks/:app/:token/messages/:messageId', handle: ({ params }) => {
        const found = webhookMessage(state, params);
        if ('status' in found) return fail(found);
        state.messages.delete(String(found.message.id));
        if (found.message.id === found.record.originalMessageId) found.record.deleted = true;
        return { status: 204 };
      },
    },
  ];
}
