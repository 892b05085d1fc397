/**
 * Code links in an abstract. The dumps come from LaTeX sources scraped to
 * plain text, so links arrive glued to sentence punctuation (`…/SLCA.`),
 * wrapped in leftovers (`…/Cr-KD-NCD{here}.`, `available~https://…`,
 * `\url{…}`), or without a scheme (`github.com/edwardjhu/TP4.`).
 */

/** Hosts whose links are code/model/project resources whatever the sentence says. */
const CODE_HOSTS = [
  'github.com',
  'gitlab.com',
  'huggingface.co',
  'hf.co',
  'bitbucket.org',
  'codeberg.org',
  'sourceforge.net',
  'anonymous.4open.science',
];
/** Project pages hosted from a repository (`user.github.io/project`). */
const CODE_HOST_SUFFIXES = ['.github.io', '.gitlab.io'];

/** For any other host the link counts only when its sentence presents it as code ("code is available at …"). */
const CODE_CONTEXT =
  /\b(code|codes|source|implementation|implementations|repository|repo|project page|checkpoints?|weights|pretrained models?|released?|open[- ]sourced?|available)\b/i;
/** How far back (characters) to look for that context, stopping at the previous sentence end. */
const CONTEXT_WINDOW = 120;

/** An explicit http(s) link, or a scheme-less link on a known code host (not preceded by `/` or a word character). */
const CANDIDATE =
  /https?:\/\/[^\s<>"]+|(?<![\w/.@-])(?:www\.)?(?:github\.com|gitlab\.com|huggingface\.co|hf\.co|bitbucket\.org|[\w-]+\.github\.io)\/[^\s<>"]+/gi;

/** LaTeX leftovers end a link: `{here}`, `}`, `\footnote`. (`~` does not: `/~user/` paths are real.) */
const LATEX_TAIL = /[{}\\].*$/s;
/** Sentence punctuation that cannot end a URL in prose. */
const TRAILING_PUNCTUATION = /[.,;:!?'"*]+$/;

function isCodeHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^www\./, '');
  return CODE_HOSTS.includes(h) || CODE_HOST_SUFFIXES.some((suffix) => h.endsWith(suffix));
}

function count(text: string, ch: string): number {
  return text.split(ch).length - 1;
}

/** Strips trailing punctuation and closing brackets that the URL did not open, until stable. */
function trimTail(raw: string): string {
  let url = raw.replace(LATEX_TAIL, '');
  for (;;) {
    const before = url;
    url = url.replace(TRAILING_PUNCTUATION, '');
    for (const [open, close] of [['(', ')'], ['[', ']']] as const) {
      if (url.endsWith(close) && count(url, close) > count(url, open)) url = url.slice(0, -1);
    }
    if (url === before) return url;
  }
}

/** A cleaned absolute URL, or `null` when what is left is not a usable web link. */
function cleanLink(raw: string): string | null {
  const trimmed = trimTail(raw);
  const withScheme = /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (!url.hostname.includes('.')) return null;
  // Every known code host serves https; upgrading keeps duplicates from differing by scheme alone.
  if (url.protocol === 'http:' && isCodeHost(url.hostname)) url.protocol = 'https:';
  const href = url.href;
  return url.pathname.length > 1 && href.endsWith('/') ? href.slice(0, -1) : href;
}

/** True when the sentence leading up to `index` presents the link as code. */
function hasCodeContext(text: string, index: number): boolean {
  const window = text.slice(Math.max(0, index - CONTEXT_WINDOW), index);
  const sentenceStart = Math.max(window.lastIndexOf('. '), window.lastIndexOf('? '), window.lastIndexOf('! '));
  return CODE_CONTEXT.test(window.slice(sentenceStart + 1));
}

/**
 * Links to code, models or project pages in an abstract: cleaned, absolute,
 * de-duplicated (case-insensitively), in order of appearance. Links on code
 * hosts always count; other links only when introduced as code/resources.
 */
export function extractCodeLinks(abstract: string): string[] {
  const links: string[] = [];
  const seen = new Set<string>();
  for (const match of abstract.matchAll(CANDIDATE)) {
    const link = cleanLink(match[0]);
    if (link === null) continue;
    const { hostname, pathname } = new URL(link);
    if (hostname === 'github.com' && pathname === '/') continue; // "on github.com" names no repository
    if (!isCodeHost(hostname) && !hasCodeContext(abstract, match.index)) continue;
    const key = link.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    links.push(link);
  }
  return links;
}
