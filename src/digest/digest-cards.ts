/**
 * A ranked paper → a digest card: the engine's card model (with the summary
 * it chose: for the topic, or what the paper is about) plus whether the paper
 * is new since the digest last posted.
 */
import type { PaperCard } from '../search/engine-types.js';
import type { DigestCard } from './digest-message.js';

export function cardFor(card: PaperCard, fresh: boolean): DigestCard {
  return { ...card, codeLinks: [...card.codeLinks], authorNames: [...card.authorNames], keywords: [...card.keywords], fresh };
}
