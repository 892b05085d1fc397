import { describe, expect, it } from 'vitest';
import { renderAnswer } from '../../../bot/render/answer.js';
import type { AnswerSentence } from '../../../src/search/engine-types.js';
import { hitOf, longestPapers, responseOf } from './real-papers.js';

const ZWSP = '\u200b';
const INDEXING = { papers: 200, embedded: 50, rebuildingIndex: false };

describe('renderAnswer', () => {
  it('GIVEN sentences from two papers THEN each is cited [n] as the engine numbered it, and the cards follow in that order', async () => {
    const [a, b] = await longestPapers(2);
    const answer: AnswerSentence[] = [
      { text: 'First *claim*.', paperId: b!.id, title: b!.title, citation: 1 },
      { text: 'Second claim.', paperId: a!.id, title: a!.title, citation: 2 },
      { text: 'Third claim.', paperId: b!.id, title: b!.title, citation: 1 },
    ];
    // The engine lists the cited papers first, in citation order.
    const view = renderAnswer('how?', responseOf([hitOf(b!, 'sb'), hitOf(a!, 'sa')], { answer }));
    expect(view.embeds?.[0]?.description).toBe('First \\*claim\\*. [1]\nSecond claim. [2]\nThird claim. [1]');
    expect(view.embeds).toHaveLength(3);
    expect(view.embeds?.[1]?.title).toMatch(/^\[1\] /);
    expect(view.embeds?.[1]?.url).toBe(b!.url);
    expect(view.embeds?.[2]?.title).toMatch(/^\[2\] /);
    expect(view.embeds?.[2]?.url).toBe(a!.url);
  });

  it('GIVEN results beyond the cited papers THEN only the cited papers get cards', async () => {
    const [a, b, c] = await longestPapers(3);
    const answer: AnswerSentence[] = [{ text: 'Claim.', paperId: a!.id, title: a!.title, citation: 1 }];
    const view = renderAnswer('how?', responseOf([hitOf(a!, 'sa'), hitOf(b!, 'sb'), hitOf(c!, 'sc')], { answer }));
    expect(view.embeds?.map((embed) => embed.url)).toEqual([undefined, a!.url]);
  });

  it('GIVEN a low-confidence response THEN it says the corpus cannot answer', async () => {
    const [a] = await longestPapers(1);
    const answer: AnswerSentence[] = [{ text: 'Claim.', paperId: a!.id, title: a!.title, citation: 1 }];
    const view = renderAnswer('what is love?', responseOf([hitOf(a!, 's')], { answer, lowConfidence: true }));
    expect(view.content).toContain("can't answer “what is love?”");
    expect(view.embeds).toHaveLength(1);
  });

  it('GIVEN no answer and no results THEN it says so with no cards', () => {
    const view = renderAnswer('q', responseOf([], { answer: [] }));
    expect(view.content).toBe("The papers I hold can't answer “q”.");
    expect(view.embeds).toEqual([]);
  });

  it('GIVEN papers still being embedded THEN the first line says how far indexing is, answered or not', async () => {
    const [a] = await longestPapers(1);
    const answer: AnswerSentence[] = [{ text: 'Claim.', paperId: a!.id, title: a!.title, citation: 1 }];
    const note = '⏳ still indexing: 25 % of papers have semantic vectors; the rest are found by their words.';
    const answered = renderAnswer('how?', responseOf([hitOf(a!, 's')], { answer, indexing: INDEXING }));
    expect(answered.content?.split('\n')).toEqual([note, '**“how?”**']);
    const unanswered = renderAnswer('q', responseOf([], { answer: [], indexing: INDEXING }));
    expect(unanswered.content?.split('\n')).toEqual([note, "The papers I hold can't answer “q”."]);
  });

  it('GIVEN @everyone in the question and mentions in a quoted sentence THEN all of them render neutralised', async () => {
    const [a] = await longestPapers(1);
    const answer: AnswerSentence[] = [{ text: 'Ask <@123456789012345678> or @here.', paperId: a!.id, title: a!.title, citation: 1 }];
    const view = renderAnswer('@everyone how?', responseOf([hitOf(a!, 's')], { answer }));
    expect(view.content).toBe(`**“@${ZWSP}everyone how?”**`);
    expect(view.embeds?.[0]?.description).toBe(`Ask <@${ZWSP}123456789012345678> or @${ZWSP}here. [1]`);
  });
});
