/**
 * What one digest post says, as plain data: the Discord layer renders it, the
 * state file stores it inside an intent (so a retried post is byte-for-byte
 * the same message), and `/digest preview` shows it.
 */
import { z } from 'zod';
import { parseIsoPaperDate } from '../corpus/paper-date.js';

/** A listing date; intents written by paperbot 0.1 stored it as ISO text (`2024-07-24`, `--04-14`), read here once. */
const paperDateSchema = z.preprocess(
  (value) => (typeof value === 'string' ? parseIsoPaperDate(value) : value),
  z.object({ year: z.number().int().nullable(), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) }).nullable(),
);

/** Intents written by paperbot 0.1 named the card's paper `paperId`; read once as `id`. */
function legacyCard(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('paperId' in value) || 'id' in value) return value;
  const { paperId, ...rest } = value as Record<string, unknown>;
  return { id: paperId, ...rest };
}

/** The engine's paper card (search/engine-types.ts `PaperCard`), plus whether the paper is new to the digest. */
const cardObject = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string(),
  /** 1–2 sentences. */
  summary: z.string(),
  date: paperDateSchema,
  authors: z.number().int().nullable(),
  upvotes: z.number().int().nullable(),
  codeLinks: z.array(z.string()),
  // The feeds' fields; cards recorded before the feeds existed have none of them.
  arxivId: z.string().nullable().default(null),
  authorNames: z.array(z.string()).default([]),
  arxivUrl: z.string().nullable().default(null),
  pdfUrl: z.string().nullable().default(null),
  projectPage: z.string().nullable().default(null),
  keywords: z.array(z.string()).default([]),
  siteSummary: z.string().nullable().default(null),
  /** Added to the corpus since the digest last posted. */
  fresh: z.boolean(),
});
export const digestCardSchema = z.preprocess(legacyCard, cardObject);

const header = {
  /** The run's calendar date in the digest's zone, e.g. `Monday 30 March 2026`. */
  dateLabel: z.string(),
  topic: z.string().nullable(),
  /** Set when the post went out well after its slot (after downtime): the scheduled instant, ISO. */
  lateFor: z.string().nullable(),
};

export const digestMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('papers'), ...header, cards: z.array(digestCardSchema).min(1).max(10) }),
  /** Nothing new and relevant is left: one short line instead of repeating old papers. */
  z.object({ kind: z.literal('exhausted'), ...header }),
]);

export type DigestCard = z.infer<typeof digestCardSchema>;
export type DigestMessage = z.infer<typeof digestMessageSchema>;
