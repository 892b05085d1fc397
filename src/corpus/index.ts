/**
 * The corpus: Daily Papers dumps on disk → unique {@link Paper}s. Import from
 * here rather than from the individual modules.
 */
export type { Paper, PaperDate, PaperSource } from './paper.js';
export { loadCorpus, type CorpusLoad, type CorpusIssue, type LoadedFile, type SkippedFile } from './load-corpus.js';
export { parseListing, MAX_TITLE_CHARS, type ListingEntry, type ListingIssue, type ParsedListing } from './parse-listing.js';
export { mergePapers, PAPER_SEARCH_URL, type FileEntries } from './merge-papers.js';
export { capList, capText, MAX_ABSTRACT_CHARS, MAX_SITE_SUMMARY_CHARS } from './text-limits.js';
export { extractCodeLinks } from './extract-code-links.js';
export { normaliseTitle, paperId, PAPER_ID_LENGTH } from './paper-id.js';
export { parseDateLine, formatPaperDate, isoPaperDate, type DateLine } from './paper-date.js';
export { readListingFile, MAX_LISTING_BYTES, type ReadListingResult, type ListingFile } from './read-listing-file.js';
