import { describe, expect, it } from 'vitest';
import { dateLabel, nextSlot, parseTimeOfDay, parseTimeZone, TIME_ZONES } from '../../src/digest/schedule.js';

/** The next `n` slots after `from`, each computed from the previous one, as the scheduler does day after day. */
function slots(time: string, zone: string, from: string, n: number): string[] {
  const out: string[] = [];
  let after = new Date(from);
  for (let i = 0; i < n; i++) {
    after = nextSlot(time, zone, after);
    out.push(after.toISOString());
  }
  return out;
}

describe('nextSlot', () => {
  it('GIVEN 09:00 Europe/Berlin across the spring switch (2026-03-29) THEN every slot is 09:00 local: 08:00Z before, 07:00Z after', () => {
    expect(slots('09:00', 'Europe/Berlin', '2026-03-27T12:00:00Z', 4)).toEqual([
      '2026-03-28T08:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
      '2026-03-31T07:00:00.000Z',
    ]);
  });

  it('GIVEN 09:00 Europe/Berlin across the autumn switch (2026-10-25) THEN 07:00Z before and 08:00Z from the switch day', () => {
    expect(slots('09:00', 'Europe/Berlin', '2026-10-23T12:00:00Z', 3)).toEqual([
      '2026-10-24T07:00:00.000Z',
      '2026-10-25T08:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
    ]);
  });

  it('GIVEN 08:15 America/New_York across both 2026 switches THEN 08:15 local every day', () => {
    expect(slots('08:15', 'America/New_York', '2026-03-07T00:00:00Z', 2)).toEqual(['2026-03-07T13:15:00.000Z', '2026-03-08T12:15:00.000Z']);
    expect(slots('08:15', 'America/New_York', '2026-10-31T00:00:00Z', 2)).toEqual(['2026-10-31T12:15:00.000Z', '2026-11-01T13:15:00.000Z']);
  });

  it('GIVEN 02:30 Europe/Berlin, a time that does not exist on 2026-03-29 THEN that day still gets exactly one slot', () => {
    const days = slots('02:30', 'Europe/Berlin', '2026-03-28T12:00:00Z', 2).map((iso) => dateLabel(new Date(iso), 'Europe/Berlin'));
    expect(days).toEqual(['Sunday 29 March 2026', 'Monday 30 March 2026']);
  });

  it('GIVEN 02:30 Europe/Berlin, a time that happens twice on 2026-10-25 THEN that day gets one slot, not two', () => {
    const days = slots('02:30', 'Europe/Berlin', '2026-10-24T12:00:00Z', 3).map((iso) => dateLabel(new Date(iso), 'Europe/Berlin'));
    expect(days).toEqual(['Sunday 25 October 2026', 'Monday 26 October 2026', 'Tuesday 27 October 2026']);
  });

  it('GIVEN zones with half- and quarter-hour offsets THEN the slot is the local wall time there', () => {
    expect(nextSlot('09:00', 'Asia/Kolkata', new Date('2026-01-10T00:00:00Z')).toISOString()).toBe('2026-01-10T03:30:00.000Z');
    expect(nextSlot('09:00', 'Asia/Kathmandu', new Date('2026-01-10T00:00:00Z')).toISOString()).toBe('2026-01-10T03:15:00.000Z');
    expect(nextSlot('09:00', 'UTC', new Date('2026-01-10T09:00:00Z')).toISOString()).toBe('2026-01-11T09:00:00.000Z');
  });

  it('GIVEN "after" exactly at a slot THEN the next slot is the following day (a run never re-fires its own slot)', () => {
    expect(nextSlot('09:00', 'Europe/Berlin', new Date('2026-03-30T07:00:00Z')).toISOString()).toBe('2026-03-31T07:00:00.000Z');
  });
});

describe('parseTimeOfDay', () => {
  it.each([
    ['09:00', '09:00'],
    ['9:05', '09:05'],
    [' 23:59 ', '23:59'],
    ['00:00', '00:00'],
  ])('GIVEN %j THEN it is accepted as %s', (input, expected) => {
    expect(parseTimeOfDay(input)).toEqual({ ok: true, value: expected });
  });

  it.each(['24:00', '12:60', 'noon', '9', '9:5', '', '09:00pm', '-1:00'])('GIVEN %j THEN the error names the input and the expected form', (input) => {
    const result = parseTimeOfDay(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_OPTION');
      expect(result.error.message).toContain(`"${input}"`);
      expect(result.error.message).toContain('HH:MM');
    }
  });
});

describe('parseTimeZone', () => {
  it('GIVEN a zone in any case or an alias THEN Intl\'s spelling is kept', () => {
    expect(parseTimeZone('europe/berlin')).toEqual({ ok: true, value: 'Europe/Berlin' });
    expect(parseTimeZone('UTC')).toEqual({ ok: true, value: 'UTC' });
  });

  it.each(['Mars/Olympus_Mons', '', 'GMT+25', 'Berlin'])('GIVEN %j THEN the error names the input', (input) => {
    const result = parseTimeZone(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(`"${input}"`);
  });

  it('GIVEN the autocomplete list THEN every entry is accepted and the common zones are there', () => {
    expect(TIME_ZONES).toEqual(expect.arrayContaining(['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo']));
    expect(TIME_ZONES.every((zone) => parseTimeZone(zone).ok)).toBe(true);
  });
});

describe('dateLabel', () => {
  it('GIVEN one instant THEN the date is the one on the calendar in each zone', () => {
    const instant = new Date('2026-03-29T23:30:00Z');
    expect(dateLabel(instant, 'Europe/Berlin')).toBe('Monday 30 March 2026');
    expect(dateLabel(instant, 'America/New_York')).toBe('Sunday 29 March 2026');
  });
});
