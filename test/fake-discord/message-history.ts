/**
 * GET /channels/{id}/messages as Discord answers it: `limit` 1–100 (default 50) and at most one of
 * `before`, `after` or `around` (message ids). The page is always newest first, whichever direction
 * it was taken in: `after` gives the `limit` messages right after the anchor, not the newest ones.
 */
import { FormErrors, type ApiError } from './message-limits.js';
import type { Json } from './payloads.js';
import { compareIds } from './state.js';

export const HISTORY_LIMIT = { default: 50, min: 1, max: 100 } as const;

const ANCHORS = ['around', 'before', 'after'] as const;
type AnchorKind = (typeof ANCHORS)[number];
const SNOWFLAKE = /^\d{1,20}$/;

interface HistoryQuery {
  limit: number;
  anchor: { kind: AnchorKind; id: string } | null;
}

function parseQuery(query: URLSearchParams): HistoryQuery | ApiError {
  const errors = new FormErrors();
  const rawLimit = query.get('limit');
  const limit = rawLimit === null ? HISTORY_LIMIT.default : Number(rawLimit);
  if (rawLimit !== null && (rawLimit.trim() === '' || !Number.isInteger(limit))) {
    errors.add(['limit'], 'NUMBER_TYPE_COERCE', `Value "${rawLimit}" is not int.`);
  } else if (limit < HISTORY_LIMIT.min) {
    errors.add(['limit'], 'NUMBER_TYPE_MIN', `int value should be greater than or equal to ${HISTORY_LIMIT.min}.`);
  } else if (limit > HISTORY_LIMIT.max) {
    errors.add(['limit'], 'NUMBER_TYPE_MAX', `int value should be less than or equal to ${HISTORY_LIMIT.max}.`);
  }
  const given = ANCHORS.filter((kind) => query.has(kind));
  for (const kind of given) {
    const value = query.get(kind) ?? '';
    if (!SNOWFLAKE.test(value)) errors.add([kind], 'NUMBER_TYPE_COERCE', `Value "${value}" is not snowflake.`);
  }
  // Discord documents the three as mutually exclusive; the fake refuses a mix rather than guess a precedence.
  if (given.length > 1) errors.add([given[1] ?? ''], 'FAKE_ANCHORS_EXCLUSIVE', `Only one of ${ANCHORS.join(', ')} may be given.`);
  const invalid = errors.result();
  if (invalid) return invalid;
  const kind = given[0];
  return { limit, anchor: kind === undefined ? null : { kind, id: query.get(kind) ?? '' } };
}

/** The page of `oldestFirst` (one channel's messages, oldest first) that `query` asks for, newest first; or Discord's 400. */
export function historyPage(oldestFirst: readonly Json[], query: URLSearchParams): { ok: true; messages: Json[] } | { ok: false; error: ApiError } {
  const parsed = parseQuery(query);
  if ('status' in parsed) return { ok: false, error: parsed };
  const { limit, anchor } = parsed;
  const cmp = (message: Json): number => (anchor === null ? 0 : compareIds(String(message.id), anchor.id));
  let page: Json[];
  if (anchor === null) {
    page = oldestFirst.slice(-limit);
  } else if (anchor.kind === 'before') {
    page = oldestFirst.filter((m) => cmp(m) < 0).slice(-limit);
  } else if (anchor.kind === 'after') {
    page = oldestFirst.filter((m) => cmp(m) > 0).slice(0, limit);
  } else {
    // Half before the anchor, the rest from the anchor on (so `limit=1` returns the anchor itself).
    const older = Math.floor(limit / 2);
    const before = older === 0 ? [] : oldestFirst.filter((m) => cmp(m) < 0).slice(-older);
    page = [...before, ...oldestFirst.filter((m) => cmp(m) >= 0).slice(0, limit - older)];
  }
  return { ok: true, messages: page.reverse() };
}
