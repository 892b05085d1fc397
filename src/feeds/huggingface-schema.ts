/**
 * The Hugging Face Hub papers API, as zod schemas. Shapes follow the Hub's
 * own client (`huggingface_hub` `PaperInfo`/`PaperAuthor`) and its OpenAPI
 * models: `GET /api/daily_papers?date=…` is an array of items
 * `{ paper, title, summary, publishedAt, thumbnail, numComments,
 * submittedBy, isAuthorParticipating }`; `GET /api/papers/{id}` is one
 * paper object. Only what paperbot reads is described.
 *
 * `id` and `title` decide whether an item is a paper at all, so a wrong
 * type there fails the item; any other field of the wrong type becomes null
 * (`catch`), so one odd field does not cost a whole paper.
 */
import { z } from 'zod';

const lenientString = z.string().nullish().catch(null);
const lenientNumber = z.number().nullish().catch(null);
/** Arrays whose elements are checked one by one, so one bad element does not empty the list. */
const lenientArray = z.array(z.unknown()).nullish().catch(null);

/** `organization` is an object (`{ name, fullname, avatar }`) in the Hub client; a bare string is accepted too. */
const organization = z
  .union([z.string(), z.object({ name: z.string().nullish().catch(null), fullname: z.string().nullish().catch(null) })])
  .nullish()
  .catch(null);

export const hfAuthorSchema = z.object({
  name: z.string(),
  /** "Whether the author is hidden on the Hub" (huggingface_hub `PaperAuthor`). */
  hidden: z.boolean().nullish().catch(null),
});

export const hfPaperSchema = z.object({
  /** The arXiv id. */
  id: z.string(),
  title: z.string().nullish(),
  /** The abstract. */
  summary: lenientString,
  authors: lenientArray,
  /** arXiv publication time. */
  publishedAt: lenientString,
  /** The Daily Papers day it was listed on, as midnight UTC. */
  submittedOnDailyAt: lenientString,
  upvotes: lenientNumber,
  ai_summary: lenientString,
  ai_keywords: lenientArray,
  githubRepo: lenientString,
  githubStars: lenientNumber,
  projectPage: lenientString,
  organization,
});

export const hfDailyItemSchema = z.object({
  paper: hfPaperSchema,
  /** Copies of the paper's title and abstract at the item level, used when the paper lacks them. */
  title: lenientString,
  summary: lenientString,
});

export type HfPaper = z.infer<typeof hfPaperSchema>;
export type HfDailyItem = z.infer<typeof hfDailyItemSchema>;
