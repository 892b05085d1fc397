/**
 * Papers → digest cards: the paper's own fields, plus a 1–2 sentence summary
 * the engine chose (query-focused for a topic digest, "what the paper is
 * about" for a general one).
 */
import type { Paper } from '../corpus/paper.js';
import { isoPaperDate } from '../corpus/paper-date.js';
import type { DigestCard } from './digest-message.js';

export function cardFor(paper: Paper, fresh: boolean, summary: string): DigestCard {
  return {
    paperId: paper.id,
    title: paper.title,
    url: paper.url,
    summary,
    date: paper.date === null ? null : isoPaperDate(paper.date),
    authors: paper.authors,
    upvotes: paper.upvotes,
    codeLinks: [...paper.codeLinks],
    fresh,
  };
}
