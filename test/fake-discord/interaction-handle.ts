/**
 * The test's view of one dispatched interaction: waits for the bot's callback, edits and follow-ups
 * in the request log, and reads the message as the fake's store has it now.
 */
import type { FakeState, InteractionRecord } from './state.js';
import type { InteractionHandle, Payload, RecordedRequest } from './types.js';

/** Below vitest's default 5 s test timeout, so a missing answer fails with the fake's clearer message. */
export const DEFAULT_TIMEOUT_MS = 4000;
/** How many recent requests a timeout message lists. */
const RECENT_REQUESTS = 8;

const succeeded = (r: RecordedRequest): boolean => r.status >= 200 && r.status < 300;

/** "METHOD /path → status" for the last few requests, to say what the bot did instead. */
export function recentRequests(state: FakeState): string {
  const recent = state.requests.items.slice(-RECENT_REQUESTS).map((r) => `${r.method} ${r.path} → ${r.status}`);
  return recent.length === 0 ? 'no requests yet' : `recent requests: ${recent.join('; ')}`;
}

export function createHandle(state: FakeState, record: InteractionRecord): InteractionHandle {
  const { id, token } = record;
  const callbackPath = `/interactions/${id}/${token}/callback`;
  const webhookPath = `/webhooks/${state.config.applicationId}/${token}`;
  const originalPath = `${webhookPath}/messages/@original`;
  let editsTaken = 0;

  return {
    id,
    token,
    async response(timeoutMs = DEFAULT_TIMEOUT_MS) {
      const request = await state.requests.waitForNth(
        (r) => r.method === 'POST' && r.path === callbackPath && succeeded(r), 0, timeoutMs,
        () => `no successful callback for interaction ${id}; ${recentRequests(state)}`,
      );
      return request.body as { type: number; data?: Payload };
    },
    async edit(timeoutMs = DEFAULT_TIMEOUT_MS) {
      const request = await state.requests.waitForNth(
        (r) => r.method === 'PATCH' && r.path === originalPath && succeeded(r), editsTaken, timeoutMs,
        () => `no edit #${editsTaken + 1} of @original for interaction ${id}; ${recentRequests(state)}`,
      );
      editsTaken += 1;
      return request.body;
    },
    followUps() {
      return state.requests.items.filter((r) => r.method === 'POST' && r.path === webhookPath && succeeded(r)).map((r) => r.body);
    },
    currentMessage() {
      if (record.deleted) return null;
      const message = state.messages.get(record.originalMessageId ?? '');
      if (message) return structuredClone(message);
      // No message (autocomplete, or no callback yet): the callback's data, if any, is all there is.
      const callback = state.requests.items.find((r) => r.method === 'POST' && r.path === callbackPath && succeeded(r));
      return (callback?.body as { data?: Payload } | undefined)?.data;
    },
  };
}
