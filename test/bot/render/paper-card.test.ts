import { describe, expect, it } from 'vitest';
import { Limits } from '../../../bot/render/limits.js';
import { embedLength, prepareMessage } from '../../../bot/render/message.js';
import { codeLinksText, fullCardEmbed, hitEmbed, maskedLink, metaLine } from '../../../bot/render/paper-card.js';
import { hitOf, realPapers } from './real-papers.js';

const ZWSP = '\u200b';

describe('metaLine', () => {
  it('GIVEN everything known THEN shows date · authors · upvotes', () => {
    expect(metaLine({ date: { year: 2024, month: 7, day: 24 }, authors: 3, upvotes: 12 })).toBe('Jul 24, 2024 · 3 authors · ▲ 12');
  });

  it('GIVEN an unknown year, one author and no upvotes THEN shows only what is known', () => {
    expect(metaLine({ date: { year: null, month: 4, day: 14 }, authors: 1, upvotes: null })).toBe('Apr 14 · 1 author');
  });

  it('GIVEN nothing known THEN is empty', () => {
    expect(metaLine({ date: null, authors: null, upvotes: null })).toBe('');
  });
});

describe('maskedLink', () => {
  it('GIVEN a title with brackets and markdown and a URL with parentheses THEN neither can break out of the link', () => {
    const link = maskedLink('A [b] *c*', 'https://example.org/a_(b)');
    expect(link).toBe('[A \\[b\\] \\*c\\*](https://example.org/a_%28b%29)');
  });
});

describe('codeLinksText', () => {
  it('GIVEN more links than fit THEN keeps whole links and counts the rest', () => {
    const links = Array.from({ length: 40 }, (_, i) => `https://github.com/owner/repository-number-${i}`);
    const text = codeLinksText(links);
    expect(text.length).toBeLessThanOrEqual(Limits.embedFieldValue);
    expect(text).toMatch(/… and \d+ more$/);
  });
});

describe('fullCardEmbed on the real corpus', () => {
  it('GIVEN every real paper THEN its full card is within every limit and links to the paper', async () => {
    for (const paper of await realPapers()) {
      const embed = fullCardEmbed(hitOf(paper, 'a summary'), paper.abstract);
      const [prepared] = prepareMessage({ embeds: [embed] }).embeds;
      expect(prepared).toEqual(embed);
      expect(embed.url).toBe(paper.url);
      expect(embedLength(embed)).toBeLessThanOrEqual(Limits.embedTotal);
    }
  });

  it('GIVEN a paper with code links THEN the card has a Code field with masked links', async () => {
    const paper = (await realPapers()).find((p) => p.codeLinks.length > 0);
    expect(paper).toBeDefined();
    const embed = fullCardEmbed(hitOf(paper!, 'a summary'), paper!.abstract);
    expect(embed.fields?.[0]?.name).toMatch(/^Code/);
    expect(embed.fields?.[0]?.value).toContain(`](${paper!.codeLinks[0]})`);
  });
});

describe('cards from one PaperCard', () => {
  it('GIVEN a real paper THEN the list card shows its summary and the full card the body it is given, with the same title, link, code and facts', async () => {
    // Short enough to be shown whole, and without backslashes of its own, so unescaping gives it back.
    const paper = (await realPapers()).find((p) => p.codeLinks.length > 0 && p.date !== null && p.abstract.length < 2000 && !p.abstract.includes('\\'))!;
    const card = hitOf(paper, 'The one sentence chosen for the query.');
    const listed = hitEmbed(card, '3.');
    const full = fullCardEmbed(card, paper.abstract);
    expect(listed.title).toMatch(/^3\. /);
    expect(listed.description).toBe('The one sentence chosen for the query.');
    expect(full.description?.replace(/\\/g, '')).toBe(paper.abstract);
    for (const embed of [listed, full]) {
      expect(embed.url).toBe(paper.url);
      expect(embed.footer?.text).toBe(metaLine(paper));
      expect(embed.fields?.[0]?.value).toContain(`](${paper.codeLinks[0]})`);
    }
  });

  it('GIVEN extra fields THEN the full card lists them after the code links', async () => {
    const paper = (await realPapers()).find((p) => p.codeLinks.length > 0)!;
    const embed = fullCardEmbed(hitOf(paper), paper.abstract, [{ name: 'Similar papers', value: 'x' }]);
    expect(embed.fields?.map((field) => field.name)).toEqual([paper.codeLinks.length === 1 ? 'Code' : 'Code links', 'Similar papers']);
  });

  it('GIVEN mentions in paper text THEN title, summary and body render them neutralised', async () => {
    const [paper] = await realPapers();
    const card = { ...hitOf(paper!), title: '@everyone look: <@&123456789012345678>', summary: 'Ask <@123456789012345678> in <#123456789012345678> or @here.' };
    const listed = hitEmbed(card, '1.');
    expect(listed.title).toBe(`1. @${ZWSP}everyone look: <@${ZWSP}&123456789012345678>`);
    expect(listed.description).toBe(`Ask <@${ZWSP}123456789012345678> in <#${ZWSP}123456789012345678> or @${ZWSP}here.`);
    const full = fullCardEmbed(card, 'Body for @everyone.');
    expect(full.title).toBe(`@${ZWSP}everyone look: <@${ZWSP}&123456789012345678>`);
    expect(full.description).toBe(`Body for @${ZWSP}everyone.`);
  });
});
