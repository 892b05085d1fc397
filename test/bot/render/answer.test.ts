import { describe, expect, it } from 'vitest';
import { renderAnswer } from '../../../bot/render/answer.js';
import { cardFromPaper } from '../../../bot/render/paper-card.js';
import { hitOf, longestPapers, responseOf } from './real-papers.js';

describe('renderAnswer', () => {
  it('GIVEN sentences from two papers THEN each is cited [n] by first appearance and the cards follow in that order', async () => {
    const [a, b] = await longestPapers(2);
    const answer = [
      { text: 'First *claim*.', paperId: b!.id, title: b!.title },
      { text: 'Second claim.', paperId: a!.id, title: a!.title },
      { text: 'Third claim.', paperId: b!.id, title: b!.title },
    ];
    const view = renderAnswer('how?', responseOf([hitOf(a!, 'sa'), hitOf(b!, 'sb')], { answer }), () => undefined);
    expect(view.embeds?.[0]?.description).toBe('First \\*claim\\*. [1]\nSecond claim. [2]\nThird claim. [1]');
    expect(view.embeds?.[1]?.title).toMatch(/^\[1\] /);
    expect(view.embeds?.[1]?.url).toBe(b!.url);
    expect(view.embeds?.[2]?.url).toBe(a!.url);
  });

  it('GIVEN a cited paper missing from the results THEN its card comes from the lookup', async () => {
    const [a] = await longestPapers(1);
    const answer = [{ text: 'Claim.', paperId: a!.id, title: a!.title }];
    const view = renderAnswer('how?', responseOf([], { answer }), (id) => (id === a!.id ? cardFromPaper(a!) : undefined));
    expect(view.embeds).toHaveLength(2);
  });

  it('GIVEN a low-confidence response THEN it says the corpus cannot answer', async () => {
    const [a] = await longestPapers(1);
    const answer = [{ text: 'Claim.', paperId: a!.id, title: a!.title }];
    const view = renderAnswer('what is love?', responseOf([hitOf(a!, 's')], { answer, lowConfidence: true }), () => undefined);
    expect(view.content).toContain("can't answer “what is love?”");
    expect(view.embeds).toHaveLength(1);
  });

  it('GIVEN no answer and no results THEN it says so with no cards', () => {
    const view = renderAnswer('q', responseOf([], { answer: [] }), () => undefined);
    expect(view.content).toBe("The papers I hold can't answer “q”.");
    expect(view.embeds).toEqual([]);
  });
});
