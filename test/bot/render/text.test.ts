import { describe, expect, it } from 'vitest';
import { ELLIPSIS, escapeText, joinWithin, neutraliseMentions, oneLine, truncate } from '../../../bot/render/text.js';

const ZWSP = '\u200b';

describe('truncate', () => {
  it('GIVEN text exactly at the limit THEN returns it unchanged', () => {
    const text = 'a'.repeat(256);
    expect(truncate(text, 256)).toBe(text);
  });

  it('GIVEN text one over the limit THEN cuts at a word boundary and ends with an ellipsis', () => {
    const text = `${'word '.repeat(51)}x`; // 256 characters
    const out = truncate(text, 255);
    expect(out.length).toBeLessThanOrEqual(255);
    expect(out.endsWith(`word${ELLIPSIS}`)).toBe(true);
  });

  it('GIVEN one long word with no spaces THEN cuts mid-word to exactly the limit', () => {
    const out = truncate('x'.repeat(5000), 1024);
    expect(out).toHaveLength(1024);
    expect(out.endsWith(ELLIPSIS)).toBe(true);
  });

  it('GIVEN a short word followed by a huge one THEN does not throw away most of the budget for a word boundary', () => {
    const out = truncate(`a ${'y'.repeat(500)}`, 100);
    expect(out).toHaveLength(100);
  });

  it('GIVEN a cut inside a surrogate pair THEN drops the half character', () => {
    const out = truncate(`${'a'.repeat(8)}😀😀😀`, 10);
    expect(out).toBe(`${'a'.repeat(8)}${ELLIPSIS}`);
  });

  it('GIVEN a cut between an escape and its character THEN leaves no dangling backslash', () => {
    const escaped = escapeText('*'.repeat(20)); // \*\*\*…
    const out = truncate(escaped, 10);
    expect(out.length).toBeLessThanOrEqual(10);
    expect(/(?<!\\)(\\\\)*\\…$/.test(out)).toBe(false);
  });

  it('GIVEN empty text or a zero limit THEN returns empty', () => {
    expect(truncate('', 10)).toBe('');
    expect(truncate('abc', 0)).toBe('');
  });
});

describe('escapeText', () => {
  it('GIVEN markdown from a paper THEN every construct is escaped', () => {
    const out = escapeText('**bold** _it_ `code` ~~s~~ ||spoiler||\n# Heading\n- item\n[link](https://x.y)');
    expect(out).toContain('\\*\\*bold\\*\\*');
    expect(out).toContain('\\_it\\_');
    expect(out).toContain('\\`code\\`');
    expect(out).toContain('\\~\\~s\\~\\~');
    expect(out).toContain('\\|\\|spoiler\\|\\|');
    expect(out).toContain('\\# Heading');
    expect(out).toContain('\\- item');
    expect(out).toContain('\\[link](https://x.y)');
  });

  // Changed on purpose: allowedMentions stops the ping, but Discord still renders the mention; now it cannot.
  it('GIVEN @everyone and @here THEN a zero-width space after the @ keeps them from being mentions', () => {
    expect(escapeText('@everyone model merging')).toBe(`@${ZWSP}everyone model merging`);
    expect(escapeText('ask @here, @Everyone')).toBe(`ask @${ZWSP}here, @${ZWSP}Everyone`);
  });

  it('GIVEN markdown around a mention THEN both are escaped', () => {
    expect(escapeText('**@everyone**')).toBe(`\\*\\*@${ZWSP}everyone\\*\\*`);
  });
});

describe('neutraliseMentions', () => {
  it('GIVEN user, nickname, role and channel mentions THEN each gets a zero-width space after its @ or #', () => {
    expect(neutraliseMentions('<@123> <@!123> <@&456> <#789>')).toBe(`<@${ZWSP}123> <@${ZWSP}!123> <@${ZWSP}&456> <#${ZWSP}789>`);
  });

  it('regression: GIVEN a slash-command mention, a timestamp, a custom emoji or a server page THEN a zero-width space after the < keeps it from rendering (a title made a clickable /papers chip)', () => {
    expect(neutraliseMentions('</papers about:1234567890123456789> </digest set:1>')).toBe(`<${ZWSP}/papers about:1234567890123456789> <${ZWSP}/digest set:1>`);
    expect(neutraliseMentions('<t:0:R> <t:1700000000> <:blob:123> <a:spin:456> <id:customize> <id:linked-roles:123>')).toBe(`<${ZWSP}t:0:R> <${ZWSP}t:1700000000> <${ZWSP}:blob:123> <${ZWSP}a:spin:456> <${ZWSP}id:customize> <${ZWSP}id:linked-roles:123>`);
    for (const text of ['</b>', 'a </ b', '<t:soon>', '<:smile:>']) expect(neutraliseMentions(text)).toBe(text);
  });

  it('GIVEN text that only looks like a mention THEN it is left alone', () => {
    for (const text of ['<@abc>', '<#general>', 'mail me at a@b.org', '@every one', 'C# <3']) expect(neutraliseMentions(text)).toBe(text);
  });
});

describe('oneLine', () => {
  it('GIVEN newlines and runs of spaces THEN collapses them', () => {
    expect(oneLine('  a\n\n b\t c ')).toBe('a b c');
  });
});

describe('joinWithin', () => {
  it('GIVEN items that fit THEN joins them all', () => {
    expect(joinWithin(['a', 'b', 'c'], ', ', 100)).toBe('a, b, c');
  });

  it('GIVEN items that do not fit THEN keeps whole items and says how many are left out', () => {
    const items = Array.from({ length: 20 }, (_, i) => `[paper ${i}](https://example.org/${i})`);
    const out = joinWithin(items, '\n', 200);
    expect(out.length).toBeLessThanOrEqual(200);
    expect(out).toMatch(/… and \d+ more$/);
    for (const line of out.split('\n').slice(0, -1)) expect(items).toContain(line);
  });

  it('GIVEN no items THEN returns empty', () => {
    expect(joinWithin([], ', ', 10)).toBe('');
  });
});
