/**
 * The `User-Agent` every upstream request carries, so the people running
 * Hugging Face and arXiv can see who is calling and where to find us. It is
 * read from package.json, never made up: with no `repository` or `homepage`
 * there is no URL in it.
 */
import { z } from 'zod';
import packageJson from '../../package.json' with { type: 'json' };

const packageSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  repository: z.union([z.string(), z.object({ url: z.string() })]).optional(),
  homepage: z.string().optional(),
});

/** `git+https://github.com/o/r.git` → `https://github.com/o/r`; anything that is not an http(s) URL → null. */
function webUrl(value: string | undefined): string | null {
  if (value === undefined) return null;
  const url = value.trim().replace(/^git\+/, '').replace(/\.git$/, '');
  return /^https?:\/\/\S+$/.test(url) ? url : null;
}

/**
 * `name/version (+url)` from a package.json's fields: the repository when it
 * is a web URL, else the homepage, else no URL at all.
 */
export function userAgentFrom(pkg: unknown): string {
  const parsed = packageSchema.parse(pkg);
  const repository = typeof parsed.repository === 'string' ? parsed.repository : parsed.repository?.url;
  const url = webUrl(repository) ?? webUrl(parsed.homepage);
  return url === null ? `${parsed.name}/${parsed.version}` : `${parsed.name}/${parsed.version} (+${url})`;
}

/** paperbot's own User-Agent, from its package.json. */
export const PAPERBOT_USER_AGENT = userAgentFrom(packageJson);
