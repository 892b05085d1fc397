import { describe, expect, it } from 'vitest';
import { PageStore } from '../../bot/page-store.js';
import { ManualClock } from '../support/manual-clock.js';

function store(ttlMs = 1000, maxEntries = 3) {
  const clock = new ManualClock(new Date(0));
  return { clock, pages: new PageStore<string>({ ttlMs, maxEntries, clock }) };
}

describe('PageStore', () => {
  it('GIVEN a stored value THEN its key is short, custom_id-safe and returns the value', () => {
    const { pages } = store();
    const key = pages.put('a');
    expect(key).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(pages.get(key)).toBe('a');
  });

  it('GIVEN the TTL has passed THEN the value is gone', async () => {
    const { clock, pages } = store(1000);
    const key = pages.put('a');
    await clock.advanceTo(new Date(999));
    expect(pages.get(key)).toBe('a');
    await clock.advanceTo(new Date(1000));
    expect(pages.get(key)).toBeUndefined();
    expect(pages.size).toBe(0);
  });

  it('GIVEN more entries than the cap THEN the least recently used is evicted', () => {
    const { pages } = store(1000, 2);
    const a = pages.put('a');
    const b = pages.put('b');
    pages.get(a); // b is now the least recently used
    const c = pages.put('c');
    expect(pages.get(b)).toBeUndefined();
    expect(pages.get(a)).toBe('a');
    expect(pages.get(c)).toBe('c');
  });

  it('GIVEN an unknown key THEN returns undefined', () => {
    expect(store().pages.get('nope')).toBeUndefined();
  });

  it('GIVEN the key generator repeats itself THEN keys still never collide', () => {
    const keys = ['k1', 'k1', 'k2'];
    const pages = new PageStore<string>({ ttlMs: 1000, maxEntries: 10, clock: new ManualClock(new Date(0)), newKey: () => keys.shift() ?? 'k3' });
    expect([pages.put('a'), pages.put('b')]).toEqual(['k1', 'k2']);
  });
});
