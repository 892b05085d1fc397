/**
 * One paper as the terminal shows it: a numbered bold title, a line of facts
 * (`Jul 24, 2024 · 5 authors · ▲ 12 · id …`), the summary, code links and the
 * paper's page.
 */
import { formatPaperDate } from '../corpus/paper-date.js';
import type { PaperDate } from '../corpus/paper.js';
import type { PaperHit } from '../search/engine-types.js';
import { block, type Layout } from './terminal-text.js';

const ISO_DATE = /^(?:(\d{4})|-)-(\d{2})-(\d{2})$/;

/** Reads a hit's ISO date back (`2024-07-24`, or `--04-14` when the listing gave no year). */
export function parseHitDate(iso: string | null): PaperDate | null {
  const m = iso === null ? null : ISO_DATE.exec(iso);
  if (!m) return null;
  return { year: m[1] === undefined ? null : Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** The facts the listing gave, leaving out whatever it did not say; the id is there to pass to `similar`. */
export function metaLine(hit: Pick<PaperHit, 'id' | 'date' | 'authors' | 'upvotes'>): string {
  const parts: string[] = [];
  const date = parseHitDate(hit.date);
  if (date !== null) parts.push(formatPaperDate(date));
  if (hit.authors !== null) parts.push(`${hit.authors} ${hit.authors === 1 ? 'author' : 'authors'}`);
  if (hit.upvotes !== null) parts.push(`▲ ${hit.upvotes}`);
  parts.push(`id ${hit.id}`);
  return parts.join(' · ');
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
