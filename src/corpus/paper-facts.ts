/**
 * The facts line every paper card shows, in the CLI and in Discord alike:
 * `Jul 24, 2024 · 3 authors · ▲ 12`, leaving out whatever the listing did not say.
 */
import type { Paper } from './paper.js';
import { formatPaperDate } from './paper-date.js';

export function paperFacts(paper: Pick<Paper, 'date' | 'authors' | 'upvotes'>): string[] {
  const parts: string[] = [];
  if (paper.date !== null) parts.push(formatPaperDate(paper.date));
  if (paper.authors !== null) parts.push(`${paper.authors} ${paper.authors === 1 ? 'author' : 'authors'}`);
  if (paper.upvotes !== null) parts.push(`▲ ${paper.upvotes}`);
  return parts;
}
