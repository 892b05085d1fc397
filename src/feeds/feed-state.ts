/**
 * What paperbot remembers of each feed between runs (kept in the store,
 * validated on load): shown by `/papers help`, and the last Daily Papers day
 * fetched is where the next start's catch-up begins.
 */
import { z } from 'zod';

export const feedStateSchema = z.object({
  lastSuccessAt: z.string().nullable(),
  lastError: z.object({ code: z.string(), message: z.string(), at: z.string() }).nullable(),
  nextAttemptAt: z.string().nullable(),
  /** Papers this source has returned, all runs together. */
  papersFetched: z.number().int().nonnegative(),
  /** Hugging Face: the latest Daily Papers day fetched successfully (`YYYY-MM-DD`). */
  lastDay: z.string().nullable(),
});

export type FeedState = z.infer<typeof feedStateSchema>;

/** `lastError.code` when the upstream answered but the store refused its papers (a full disk). */
export const STORE_ERROR_CODE = 'STORE';

export function emptyFeedState(): FeedState {
  return { lastSuccessAt: null, lastError: null, nextAttemptAt: null, papersFetched: 0, lastDay: null };
}
