/**
 * arXiv identifiers: what a user may paste (an id, `arXiv:…`, an abs/pdf
 * link, a Hugging Face paper link) → the bare id, without version, that
 * every source and the store key papers by.
 *
 * Shapes (https://info.arxiv.org/help/arxiv_identifier.html): since April
 * 2007 `YYMM.NNNN` (four digits to Dec 2014, five from Jan 2015); before,
 * `archive[.SUBJECT]/YYMMNNN` such as `hep-th/9901001` or `math.GT/0309136`.
 */

/** New-style id with an optional version: month 01–12, then four or five digits. */
const NEW_ID = /^(\d{2})(0[1-9]|1[0-2])\.(\d{4,5})(?:v\d+)?$/;
/** Old-style id with an optional version: lower-case archive, optional upper-case subject class, YYMMNNN. */
const OLD_ID = /^([a-z]+(?:-[a-z]+)*)(\.[A-Z]{2})?\/(\d{2})(0[1-9]|1[0-2])(\d{3})(?:v\d+)?$/;

/** Hosts whose links name a paper by arXiv id, and the path prefix that precedes the id. */
const PAPER_LINK_PATHS: Readonly<Record<string, readonly string[]>> = {
  'arxiv.org': ['/abs/', '/pdf/', '/html/'],
  'export.arxiv.org': ['/abs/', '/pdf/'],
  'huggingface.co': ['/papers/'],
  'hf.co': ['/papers/'],
};

export type PaperRef = { readonly ok: true; readonly arxivId: string } | { readonly ok: false; readonly reason: string };

/**
 * The bare arXiv id (no version) for a well-formed id, else null. New-style
 * ids from 2007–2014 have four digits after the dot and later ones five; both
 * are accepted without checking which era they claim, as arXiv does.
 */
export function normaliseArxivId(id: string): string | null {
  const trimmed = id.trim();
  const fresh = NEW_ID.exec(trimmed);
  if (fresh) return `${fresh[1]}${fresh[2]}.${fresh[3]}`;
  const old = OLD_ID.exec(trimmed);
  if (old) return `${old[1]}${old[2] ?? ''}/${old[3]}${old[4]}${old[5]}`;
  return null;
}

function fail(reason: string): PaperRef {
  return { ok: false, reason };
}

/** The longest paper link anyone pastes is ~100 characters; past this it is not one (and is not read further). */
const MAX_REF_CHARS = 300;
/** How much of a bad id a reason quotes. */
const QUOTED_CHARS = 60;

const quoted = (text: string): string => `"${text.length > QUOTED_CHARS ? `${text.slice(0, QUOTED_CHARS)}…` : text}"`;

/** The id part of a paper link, or a reason the link names no paper. */
function idFromLink(text: string): string | PaperRef {
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return fail(`${quoted(text)} is not a valid link`);
  }
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const prefixes = PAPER_LINK_PATHS[host];
  if (prefixes === undefined) return fail(`a link to ${host} is not an arXiv or Hugging Face paper link`);
  let path: string;
  try {
    path = decodeURIComponent(url.pathname).replace(/\/+$/, '');
  } catch {
    return fail(`${quoted(text)} is not a valid link (a broken %-escape)`);
  }
  const prefix = prefixes.find((p) => path.startsWith(p));
  if (prefix === undefined) return fail(`${url.href} does not point at a paper (expected ${prefixes.join(' or ')}…)`);
  return path.slice(prefix.length).replace(/\.pdf$/i, '');
}

/**
 * What a user typed → an arXiv id, or a reason it is not one. Accepts
 * `2407.12345`, `2407.12345v3`, `arXiv:2407.12345`, `hep-th/9901001`,
 * `https://arxiv.org/abs/…`, `https://arxiv.org/pdf/….pdf`,
 * `https://huggingface.co/papers/…`, with surrounding whitespace and
 * trailing slashes.
 */
export function parsePaperRef(input: string): PaperRef {
  const trimmed = input.trim();
  if (trimmed.length > MAX_REF_CHARS) return fail(`that is not an arXiv id or paper link: ${trimmed.length} characters, where a link has at most ${MAX_REF_CHARS}`);
  const text = trimmed.replace(/\/+$/, '');
  if (text === '') return fail('no paper id or link given');
  const looksLikeLink = /^https?:\/\//i.test(text) || /^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+\//i.test(text);
  let candidate: string;
  if (looksLikeLink && !normaliseArxivId(text)) {
    const fromLink = idFromLink(text);
    if (typeof fromLink !== 'string') return fromLink;
    candidate = fromLink;
  } else {
    candidate = text.replace(/^arxiv:\s*/i, '');
  }
  const arxivId = normaliseArxivId(candidate);
  if (arxivId !== null) return { ok: true, arxivId };
  return fail(`${quoted(candidate)} is not an arXiv id (expected something like 2407.12345 or hep-th/9901001)`);
}
