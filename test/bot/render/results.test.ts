import { ComponentType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { Limits } from '../../../bot/render/limits.js';
import { embedLength, prepareMessage } from '../../../bot/render/message.js';
import { quoted, renderResultList, WEAK_MATCH_NOTE } from '../../../bot/render/results.js';
import { hitOf, longestPapers, responseOf } from './real-papers.js';

const controls = { previousId: 'papers:page:k:0', moreId: 'papers:page:k:20', detailsId: 'papers:details' };

describe('renderResultList', () => {
  it('GIVEN the 10 longest real abstracts as summaries THEN the prepared page keeps all 10 within 6000 characters', async () => {
    const hits = (await longestPapers(10)).map((p) => hitOf(p));
    const message = prepareMessage(renderResultList({ heading: 'Papers', emptyText: 'none', response: responseOf(hits), offset: 0, controls }));
    expect(message.embeds).toHaveLength(10);
    expect(message.embeds.reduce((sum, e) => sum + embedLength(e), 0)).toBeLessThanOrEqual(Limits.embedTotal);
    expect(message.embeds[0]?.title).toMatch(/^1\. /);
  });

  it('GIVEN page 2 of a longer list THEN numbers continue, and both Previous and More are offered', async () => {
    const hits = (await longestPapers(5)).map((p) => hitOf(p, 'summary'));
    const view = renderResultList({ heading: 'Papers', emptyText: 'none', response: responseOf(hits, { total: 12 }), offset: 5, controls });
    expect(view.content).toContain('results 6–10 of 17');
    expect(view.embeds?.[0]?.title).toMatch(/^6\. /);
    const buttons = view.components?.[0]?.components.map((c) => ('custom_id' in c ? c.custom_id : '')) ?? [];
    expect(buttons).toEqual([controls.previousId, controls.moreId]);
  });

  it('GIVEN the last page THEN there is no More button, and the select lists the shown papers by id', async () => {
    const hits = (await longestPapers(3)).map((p) => hitOf(p, 'summary'));
    const view = renderResultList({ heading: 'Papers', emptyText: 'none', response: responseOf(hits), offset: 0, controls });
    expect(view.components).toHaveLength(1);
    const select = view.components?.[0]?.components[0];
    expect(select?.type).toBe(ComponentType.StringSelect);
    expect(select && 'options' in select ? select.options.map((o) => o.value) : []).toEqual(hits.map((h) => h.id));
  });

  it('GIVEN a low-confidence response THEN the first line says so plainly', async () => {
    const hits = (await longestPapers(2)).map((p) => hitOf(p, 'summary'));
    const view = renderResultList({ heading: 'Papers', emptyText: 'none', response: responseOf(hits, { lowConfidence: true }), offset: 0, controls });
    expect(view.content?.split('\n')[0]).toBe(WEAK_MATCH_NOTE);
  });

  it('GIVEN no results THEN only the empty text is said', () => {
    expect(renderResultList({ heading: 'Papers', emptyText: 'No papers.', response: responseOf([]), offset: 0, controls })).toEqual({ content: 'No papers.' });
  });
});

describe('quoted', () => {
  it('GIVEN user text with markdown, @everyone and newlines THEN it is escaped, on one line and short', () => {
    const out = quoted(`@everyone **model**\nmerging ${'x'.repeat(300)}`);
    expect(out.startsWith('“@everyone \\*\\*model\\*\\* merging')).toBe(true);
    expect(out.length).toBeLessThanOrEqual(102);
  });
});
