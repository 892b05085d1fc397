/**
 * Does a response's `Content-Type` match what the caller can parse? A JSON
 * API that answers with an HTML page (a login wall, a maintenance page, a
 * captive portal) is an error worth naming, not a JSON syntax error.
 */

/** What a caller asks an upstream for. */
export type ExpectedBody = 'json' | 'atom';

const ACCEPT: Record<ExpectedBody, string> = {
  json: 'application/json',
  atom: 'application/atom+xml, application/xml;q=0.9, text/xml;q=0.8',
};

/** The `Accept` header for an expectation. */
export function acceptHeader(expect: ExpectedBody): string {
  return ACCEPT[expect];
}

/** `Application/JSON; charset=utf-8` → `application/json`. */
export function mediaType(contentType: string | null): string | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type === undefined || type === '' ? null : type;
}

function matches(expect: ExpectedBody, type: string): boolean {
  if (expect === 'json') return type === 'application/json' || type.endsWith('+json');
  return type === 'application/atom+xml' || type === 'application/xml' || type === 'text/xml';
}

/** Null when `contentType` fits `expect`; otherwise a sentence saying what came instead. */
export function contentTypeProblem(expect: ExpectedBody, contentType: string | null): string | null {
  const type = mediaType(contentType);
  if (type !== null && matches(expect, type)) return null;
  const wanted = expect === 'json' ? 'JSON' : 'an Atom/XML feed';
  if (type === null) return `expected ${wanted}, got no content type`;
  if (type === 'text/html' || type === 'application/xhtml+xml') return `expected ${wanted}, got an HTML page (${type})`;
  return `expected ${wanted}, got ${type}`;
}
