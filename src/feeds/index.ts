/**
 * Upstream paper feeds: one polite HTTP client, and the Hugging Face Daily
 * Papers and arXiv sources that parse into {@link FetchedPaper}. Import from
 * here rather than from the individual modules.
 */
export type { FetchedPaper, FeedSourceName } from './fetched-paper.js';
export { FeedError, FEED_ERROR_TEXT, type FeedErrorCode, type FeedResult } from './feed-error.js';
export { parsePaperRef, normaliseArxivId, type PaperRef } from './arxiv-id.js';
export {
  createHttpClient, DEFAULT_TIMEOUT_MS, DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_AFTER_MS,
  type HttpClient, type HttpClientOptions, type HttpOutcome, type GetOptions,
} from './http-client.js';
export type { RawResponse } from './raw-response.js';
export type { SourceHealth } from './source-health.js';
export { createMemoryValidatorCache, type ValidatorCache, type Validators } from './validator-cache.js';
export { ARXIV_MIN_INTERVAL_MS, type FeedTime } from './host-spacing.js';
export { MAX_BODY_BYTES } from './read-body.js';
export { PAPERBOT_USER_AGENT } from './user-agent.js';
export type { SourceBatch, SkippedItem } from './source-batch.js';
export { createHuggingFaceSource, HF_API_BASE, type HuggingFaceSource, type HuggingFaceSourceOptions } from './huggingface-source.js';
export {
  createArxivSource, ARXIV_API_BASE, MAX_ARXIV_RESULTS,
  type ArxivSource, type ArxivSourceOptions, type ArxivBatch, type CategoryPage,
} from './arxiv-source.js';
