import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PAPERBOT_USER_AGENT, userAgentFrom } from '../../src/feeds/user-agent.js';

describe('userAgentFrom', () => {
  it('GIVEN a repository object with a git+https URL THEN the UA names the web address of the repository', () => {
    expect(userAgentFrom({ name: 'paperbot', version: '1.2.3', repository: { type: 'git', url: 'git+https://github.com/o/paperbot.git' } })).toBe(
      'paperbot/1.2.3 (+https://github.com/o/paperbot)',
    );
  });

  it('GIVEN no repository but a homepage THEN the homepage is used', () => {
    expect(userAgentFrom({ name: 'paperbot', version: '1.2.3', homepage: 'https://paperbot.example.org' })).toBe('paperbot/1.2.3 (+https://paperbot.example.org)');
  });

  it('GIVEN neither, or a repository shorthand that is not a URL THEN no URL is made up', () => {
    expect(userAgentFrom({ name: 'paperbot', version: '1.2.3' })).toBe('paperbot/1.2.3');
    expect(userAgentFrom({ name: 'paperbot', version: '1.2.3', repository: 'github:o/paperbot' })).toBe('paperbot/1.2.3');
  });

  it("GIVEN paperbot's own package.json THEN the UA is built from its name, version and (if any) repository", () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    expect(PAPERBOT_USER_AGENT.startsWith(`${pkg.name}/${pkg.version}`)).toBe(true);
    expect(PAPERBOT_USER_AGENT).toBe(userAgentFrom(pkg));
  });
});
