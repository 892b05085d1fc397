/**
 * One paper as the terminal shows it: a numbered bold title, a line of facts
 * (`Jul 24, 2024 · 5 authors · ▲ 12 · id …`), the summary, code links and the
 * paper's page.
 */
import { paperFacts } from '../corpus/paper-facts.js';
import type { PaperHit } from '../search/engine-types.js';
import { block, type Layout } from './terminal-text.js';

/** The facts the listing gave, leaving out whatever it did not say; the id is there to pass to `similar`. */
export function metaLine(hit: Pick<PaperHit, 'id' | 'date' | 'authors' | 'upvotes'>): string {
  return [...paperFacts(hit), `id ${hit.id}`].join(' · ');
}

/**
 * A result card. `label` is the number (`1.`); `body` replaces the summary
 * (the title lookup shows the whole abstract).
 */
export function paperCard(layout: Layout, hit: PaperHit, label: string, body: string = hit.summary): string[] {
  const indent = label.length + 1;
  const lines = [
    ...block(layout, hit.title, { label: `${label} `, format: 'bold' }),
    ...block(layout, metaLine(hit), { indent, format: 'dim' }),
    ...block(layout, body, { indent }),
  ];
  if (hit.codeLinks.length > 0) {
    lines.push(...block(layout, hit.codeLinks.join(' '), { indent, label: 'Code: ', labelFormat: 'dim', format: 'cyan' }));
  }
  lines.push(...block(layout, hit.url, { indent, label: 'Page: ', labelFormat: 'dim', format: 'cyan' }));
  return lines;
}

/** A one-line mention of a paper (title and id), for lists of other close titles. */
export function paperLine(layout: Layout, hit: Pick<PaperHit, 'id' | 'title'>, label: string): string[] {
  return block(layout, `${hit.title} (id ${hit.id})`, { indent: 2, label: `${label} ` });
}
