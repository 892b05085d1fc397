/**
 * Wall-clock times in IANA zones: validating what a user typed, finding the
 * next slot, and formatting instants in a digest's own zone.
 */
// croner computes "next 09:00 in Europe/Berlin" from the zone's rules (DST gaps and repeats included), so no offset arithmetic lives here.
import { Cron } from 'croner';
import { UserError } from '../errors.js';

/** A checked value, or the user error that explains what is wrong with the input. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: UserError };

const TIME_OF_DAY = /^(\d{1,2}):(\d{2})$/;

/** `9:05` or `09:05` → `09:05`; anything outside 00:00–23:59 is a user error. */
export function parseTimeOfDay(text: string): Checked<string> {
  const m = TIME_OF_DAY.exec(text.trim());
  const hours = Number(m?.[1]);
  const minutes = Number(m?.[2]);
  if (!m || hours > 23 || minutes > 59) {
    return fail(`"${text}" is not a time of day: use 24-hour HH:MM, e.g. 09:00 or 18:30.`);
  }
  return { ok: true, value: `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}` };
}

/** Every zone name the platform knows, for autocomplete (`UTC` is valid but not in the ICU list). */
export const TIME_ZONES: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone')];

/** Accepts any zone Intl accepts (any case, aliases such as `Asia/Calcutta`, `UTC`); returns Intl's spelling of it. */
export function parseTimeZone(text: string): Checked<string> {
  const zone = text.trim();
  try {
    if (zone === '') throw new RangeError('empty');
    return { ok: true, value: new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone };
  } catch {
    return fail(`"${text}" is not a time zone: pick an IANA name from the list, e.g. Europe/Berlin or America/New_York.`);
  }
}

/** The first slot at `time` (HH:MM) in `zone` strictly after `after`. */
export function nextSlot(time: string, zone: string, after: Date): Date {
  const [hours, minutes] = time.split(':').map(Number);
  const cron = new Cron(`0 ${minutes} ${hours} * * *`, { timezone: zone, paused: true });
  const next = cron.nextRun(after);
  // A daily pattern always has a next run; null would mean croner rejected the pattern.
  if (next === null) throw new Error(`no next run for ${time} in ${zone}`);
  return next;
}

/** `Monday 30 March 2026` as the calendar reads in `zone` at `instant`. */
export function dateLabel(instant: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
    .format(instant)
    .replace(',', '');
}

/** `Mon 30 Mar, 09:00 CEST` in `zone`: for `/digest list`. */
export function formatInZone(instant: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(instant);
}

function fail(message: string): { ok: false; error: UserError } {
  return { ok: false, error: new UserError('INVALID_OPTION', message) };
}
