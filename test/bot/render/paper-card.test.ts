import { describe, expect, it } from 'vitest';
import { Limits } from '../../../bot/render/limits.js';
import { embedLength, prepareMessage } from '../../../bot/render/message.js';
import { cardFromPaper, codeLinksText, fullCardEmbed, maskedLink, metaLine } from '../../../bot/render/paper-card.js';
import { realPapers } from './real-papers.js';

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
      const embed = fullCardEmbed(cardFromPaper(paper));
      const [prepared] = prepareMessage({ embeds: [embed] }).embeds;
      expect(prepared).toEqual(embed);
      expect(embed.url).toBe(paper.url);
      expect(embedLength(embed)).toBeLessThanOrEqual(Limits.embedTotal);
    }
  });

  it('GIVEN a paper with code links THEN the card has a Code field with masked links', async () => {
    const paper = (await realPapers()).find((p) => p.codeLinks.length > 0);
    expect(paper).toBeDefined();
    const embed = fullCardEmbed(cardFromPaper(paper!));
    expect(embed.fields?.[0]?.name).toMatch(/^Code/);
    expect(embed.fields?.[0]?.value).toContain(`](${paper!.codeLinks[0]})`);
  });
});
