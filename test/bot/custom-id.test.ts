import { describe, expect, it } from 'vitest';
import { encodeCustomId, parseCustomId } from '../../bot/custom-id.js';

describe('custom ids', () => {
  it('GIVEN command, action and args THEN they round-trip', () => {
    const id = encodeCustomId('papers', 'page', 'AbC-_123', '10');
    expect(id).toBe('papers:page:AbC-_123:10');
    expect(parseCustomId(id)).toEqual({ command: 'papers', action: 'page', args: ['AbC-_123', '10'] });
  });

  it('GIVEN a result of exactly 100 characters THEN it is accepted; over 100 THEN it throws', () => {
    expect(encodeCustomId('p', 'a', 'x'.repeat(96))).toHaveLength(100);
    expect(() => encodeCustomId('p', 'a', 'x'.repeat(97))).toThrow(/100/);
  });

  it('GIVEN a part containing the separator THEN it throws rather than produce an ambiguous id', () => {
    expect(() => encodeCustomId('papers', 'page', 'a:b')).toThrow();
  });
});
