/**
 * Atom feeds in the shape the arXiv API returns (user manual §3.3 and the
 * error example in §3.4): feed metadata, OpenSearch counts, then entries.
 */
import { createHash } from 'node:crypto';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function header(query: string, total: number, start: number, perPage: number): string {
  const queryId = createHash('sha1').update(query).digest('base64url').slice(0, 27);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">',
    `  <link href="http://arxiv.org/api/query?${escapeXml(query)}" rel="self" type="application/atom+xml"/>`,
    `  <title type="html">ArXiv Query: ${escapeXml(query)}</title>`,
    `  <id>http://arxiv.org/api/${queryId}</id>`,
    '  <updated>2024-07-26T00:00:00-04:00</updated>',
    `  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${total}</opensearch:totalResults>`,
    `  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${start}</opensearch:startIndex>`,
    `  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${perPage}</opensearch:itemsPerPage>`,
  ].join('\n');
}

/** A results feed holding `entries` (already-serialised `<entry>` elements). */
export function resultsFeed(query: string, entries: readonly string[], total: number, start: number, perPage: number): string {
  return `${header(query, total, start, perPage)}\n  ${entries.join('\n  ')}\n</feed>\n`;
}

/** The feed arXiv sends for a malformed id: one entry titled "Error" under `/api/errors#…`. */
export function errorFeed(query: string, badId: string): string {
  const anchor = `incorrect_id_format_for_${escapeXml(badId)}`;
  const entry = [
    '<entry>',
    `    <id>http://arxiv.org/api/errors#${anchor}</id>`,
    '    <title>Error</title>',
    `    <summary>incorrect id format for ${escapeXml(badId)}</summary>`,
    '    <updated>2024-07-26T00:00:00-04:00</updated>',
    `    <link href="http://arxiv.org/api/errors#${anchor}" rel="alternate" type="text/html"/>`,
    '    <author>',
    '      <name>arXiv api core</name>',
    '    </author>',
    '  </entry>',
  ].join('\n');
  return resultsFeed(query, [entry], 1, 0, 1);
}
