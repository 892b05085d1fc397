/**
 * What one digest post says, as plain data: the Discord layer renders it, the
 * state file stores it inside an intent (so a retried post is byte-for-byte
 * the same message), and `/digest preview` shows it.
 */
import { z } from 'zod';

export const digestCardSchema = z.object({
  paperId: z.string(),
  title: z.string(),
  url: z.string(),
  /** 1–2 sentences. */
  summary: z.string(),
  /** ISO 8601 (`2024-07-24`, or `--04-14` without a year), as the engine gives it. */
  date: z.string().nullable(),
  authors: z.number().int().nullable(),
  upvotes: z.number().int().nullable(),
  codeLinks: z.array(z.string()),
  /** Added to the corpus since the digest last posted. */
  fresh: z.boolean(),
});

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
