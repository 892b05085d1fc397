import { ComponentType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { Limits } from '../../../bot/render/limits.js';
import { embedLength, prepareMessage } from '../../../bot/render/message.js';
import { quoted, renderResultList, WEAK_MATCH_NOTE } from '../../../bot/render/results.js';
import { hitOf, longestPapers, responseOf } from './real-papers.js';

const ZWSP = '\u200b';

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

  it('GIVEN papers still being embedded THEN the first line says how far indexing is, before any warning, with or without results', async () => {
    const hits = (await longestPapers(2)).map((p) => hitOf(p, 'summary'));
    const indexing = { papers: 3, embedded: 2, rebuildingIndex: false };
    const note = '⏳ still indexing: 66 % of papers have semantic vectors; the rest are found by their words.';
    const view = renderResultList({ heading: 'Papers', emptyText: 'none', response: responseOf(hits, { lowConfidence: true, indexing }), offset: 0, controls });
    expect(view.content?.split('\n')).toEqual([note, WEAK_MATCH_NOTE, 'Papers (results 1–2 of 2)']);
    const empty = renderResultList({ heading: 'Papers', emptyText: 'No papers.', response: responseOf([], { indexing }), offset: 0, controls });
    expect(empty).toEqual({ content: `${note}\nNo papers.` });
  });

  it('GIVEN the vector index being rebuilt THEN the note says results come from words alone', async () => {
    const hits = (await longestPapers(1)).map((p) => hitOf(p, 'summary'));
    const indexing = { papers: 3, embedded: 0, rebuildingIndex: true };
    const view = renderResultList({ heading: 'Papers', emptyText: 'none', response: responseOf(hits, { indexing }), offset: 0, controls });
    expect(view.content?.split('\n')[0]).toBe('⏳ still indexing: the vector index is being rebuilt, so results come from words alone for now.');
  });

  it('GIVEN a paper title with mentions THEN its card title is neutralised, and the select label (plain text, never a mention) keeps it', async () => {
    const [paper] = await longestPapers(1);
    const hit = { ...hitOf(paper!, 'summary'), title: 'Why @everyone needs <@123456789012345678>' };
    const view = renderResultList({ heading: 'Papers', emptyText: 'none', response: responseOf([hit]), offset: 0, controls });
    expect(view.embeds?.[0]?.title).toBe(`1. Why @${ZWSP}everyone needs <@${ZWSP}123456789012345678>`);
    const select = view.components?.at(-1)?.components[0];
    expect(select && 'options' in select ? select.options[0]?.label : undefined).toBe('1. Why @everyone needs <@123456789012345678>');
  });
});

describe('quoted', () => {
  it('GIVEN user text with markdown, @everyone and newlines THEN it is escaped, on one line and short', () => {
    const out = quoted(`@everyone **model**\nmerging ${'x'.repeat(300)}`);
    expect(out.startsWith(`“@${ZWSP}everyone \\*\\*model\\*\\* merging`)).toBe(true);
    expect(out.length).toBeLessThanOrEqual(102);
  });
});
