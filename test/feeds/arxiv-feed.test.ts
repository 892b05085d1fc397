import { describe, expect, it } from 'vitest';
import { parseArxivFeed } from '../../src/feeds/arxiv-feed.js';
import { errorFeed, resultsFeed } from '../fake-upstream/atom-feed.js';

const entry = (id: string, title: string): string =>
  `<entry><id>${id}</id><title>${title}</title><summary>s</summary><author><name>A</name></author></entry>`;

describe('parseArxivFeed', () => {
  it("GIVEN arXiv's error feed for a malformed id THEN the problem is its message, flagged as an API error", () => {
    expect(parseArxivFeed(errorFeed('id_list=1234.12345', '1234.12345'))).toEqual({ ok: false, apiError: true, problem: 'incorrect id format for 1234.12345' });
  });

  it('GIVEN a real paper titled "Error" THEN it is a paper: only an id under /api/errors marks the error entry', () => {
    const parsed = parseArxivFeed(resultsFeed('q', [entry('http://arxiv.org/abs/2407.00001v1', 'Error')], 1, 0, 10));
    expect(parsed).toMatchObject({ ok: true, feed: { totalResults: 1, entries: [expect.objectContaining({ title: 'Error' })] } });
  });

  it('GIVEN one entry THEN entries is still an array, and ids stay strings (2407.10 is not the number 2407.1)', () => {
    const parsed = parseArxivFeed(resultsFeed('q', [entry('2407.10', 'T')], 1, 0, 10));
    expect(parsed.ok && parsed.feed.entries).toEqual([expect.objectContaining({ id: '2407.10' })]);
  });

  it('GIVEN no entries and totalResults 0 THEN an empty feed (how arXiv answers an unknown id)', () => {
    expect(parseArxivFeed(resultsFeed('q', [], 0, 0, 10))).toEqual({ ok: true, feed: { totalResults: 0, entries: [] } });
  });

  it('GIVEN a feed cut in half THEN "not well-formed XML" with the line', () => {
    const whole = resultsFeed('q', [entry('http://arxiv.org/abs/2407.00001v1', 'T')], 1, 0, 10);
    expect(parseArxivFeed(whole.slice(0, whole.length / 2))).toMatchObject({ ok: false, apiError: false, problem: expect.stringMatching(/^not well-formed XML \(line \d+: /) });
  });

  it('GIVEN well-formed XML that is not Atom (RSS) THEN "not an Atom feed"', () => {
    expect(parseArxivFeed('<?xml version="1.0"?><rss><channel><title>x</title></channel></rss>')).toEqual({ ok: false, apiError: false, problem: 'not an Atom feed (no <feed> element)' });
  });

  it('regression: GIVEN character references in a title THEN they are decoded, as XML requires (they were kept as "&#xE9;")', () => {
    const parsed = parseArxivFeed(resultsFeed('q', [entry('2407.00001', 'Caf&#xE9; and na&#239;ve &amp; &lt;b&gt; &#x40;everyone')], 1, 0, 10));
    expect(parsed).toMatchObject({ ok: true, feed: { entries: [{ title: 'Café and naïve & <b> @everyone' }] } });
  });

  it('GIVEN an entity-expansion bomb THEN a problem value, not a hang or a throw', () => {
    const lol = '<!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>';
    const parsed = parseArxivFeed(`<?xml version="1.0"?>${lol}<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id><title>&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;</title></entry></feed>`);
    if (parsed.ok) expect(JSON.stringify(parsed.feed).length).toBeLessThan(1_000_000);
    else expect(parsed.problem).toMatch(/XML could not be read|not well-formed/);
  });
});
