/**
 * What `/digest set` asks for, checked: a time of day, a zone, an optional
 * topic and a count. Every problem comes back as a user error that names it.
 */
import { UserError } from '../errors.js';
import { hasWords, TOPIC_WITHOUT_WORDS } from '../search/query.js';
import { parseTimeOfDay, parseTimeZone, type Checked } from './schedule.js';

export const MAX_TOPIC_CHARS = 100;
export const DEFAULT_COUNT = 5;
export const MAX_COUNT = 10;

/** As typed by the user (time and zone unchecked). */
export interface DigestSettings {
  readonly guildId: string;
  readonly channelId: string;
  readonly time: string;
  readonly timezone: string;
  readonly topic?: string | null;
  readonly count?: number | null;
  readonly userId: string | null;
}

export interface ValidSettings {
  /** `HH:MM` */
  readonly time: string;
  /** Intl's spelling of the zone. */
  readonly timezone: string;
  readonly topic: string | null;
  readonly count: number;
}

export function invalid(message: string): { ok: false; error: UserError } {
  return { ok: false, error: new UserError('INVALID_OPTION', message) };
}

export function parseTopic(raw: string | null): Checked<string | null> {
  const topic = raw?.replace(/\s+/g, ' ').trim() ?? '';
  if (topic === '') return { ok: true, value: null };
  if (topic.length > MAX_TOPIC_CHARS) return invalid(`The topic is too long: at most ${MAX_TOPIC_CHARS} characters.`);
  if (!hasWords(topic)) return invalid(TOPIC_WITHOUT_WORDS);
  return { ok: true, value: topic };
}

export function parseSettings(settings: DigestSettings): Checked<ValidSettings> {
  const time = parseTimeOfDay(settings.time);
  if (!time.ok) return time;
  const zone = parseTimeZone(settings.timezone);
  if (!zone.ok) return zone;
  const topic = parseTopic(settings.topic ?? null);
  if (!topic.ok) return topic;
  const count = settings.count ?? DEFAULT_COUNT;
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) return invalid(`count must be a whole number from 1 to ${MAX_COUNT}.`);
  return { ok: true, value: { time: time.value, timezone: zone.value, topic: topic.value, count } };
}
