import { describe, expect, it } from 'vitest';
import { normaliseArxivId, parsePaperRef } from '../../src/feeds/arxiv-id.js';

describe('parsePaperRef', () => {
  it.each([
    ['2407.12345', '2407.12345'],
    ['2407.12345v3', '2407.12345'],
    ['arXiv:2407.12345', '2407.12345'],
    ['ARXIV: 2407.12345v2', '2407.12345'],
    ['0704.0001', '0704.0001'],
    ['hep-th/9901001', 'hep-th/9901001'],
    ['hep-th/9901001v2', 'hep-th/9901001'],
    ['math.GT/0309136', 'math.GT/0309136'],
    ['https://arxiv.org/abs/2407.12345', '2407.12345'],
    ['https://arxiv.org/abs/2407.12345v2/', '2407.12345'],
    ['http://export.arxiv.org/abs/hep-th/9901001v1', 'hep-th/9901001'],
    ['https://arxiv.org/pdf/2407.12345.pdf', '2407.12345'],
    ['https://arxiv.org/pdf/2407.12345v1', '2407.12345'],
    ['https://www.arxiv.org/abs/2407.12345?context=cs', '2407.12345'],
    ['arxiv.org/abs/2407.12345', '2407.12345'],
    ['https://huggingface.co/papers/2407.12345', '2407.12345'],
    ['https://huggingface.co/papers/2407.12345#community', '2407.12345'],
    ['hf.co/papers/2407.12345/', '2407.12345'],
    ['  \t2407.12345 \n', '2407.12345'],
    ['2407.12345///', '2407.12345'],
  ])('GIVEN %j THEN it is arXiv id %s', (input, id) => {
    expect(parsePaperRef(input)).toEqual({ ok: true, arxivId: id });
  });

  it.each([
    ['', /no paper id/],
    ['   ', /no paper id/],
    ['banana', /not an arXiv id/],
    ['2407.123', /not an arXiv id/],
    ['2413.12345', /not an arXiv id/],
    ['2407.123456', /not an arXiv id/],
    ['2407.12345v', /not an arXiv id/],
    ['HEP-TH/9901001', /not an arXiv id/],
    ['hep-th/990100', /not an arXiv id/],
    ['https://example.com/abs/2407.12345', /example\.com is not an arXiv or Hugging Face paper link/],
    ['https://github.com/org/repo', /github\.com is not an arXiv/],
    ['https://arxiv.org/list/cs.LG/recent', /does not point at a paper/],
    ['https://huggingface.co/papers', /does not point at a paper/],
    ['https://huggingface.co/models/2407.12345', /does not point at a paper/],
    ['https://arxiv.org/abs/not-an-id', /"not-an-id" is not an arXiv id/],
    ['javascript:alert(1)', /not an arXiv id/],
    // regression: a broken %-escape threw URIError out of the command ("something went wrong on my side").
    ['https://arxiv.org/abs/2407.16001%', /not a valid link \(a broken %-escape\)/],
    // regression: a 100 KB run of slashes took 9 s (a quadratic trailing-slash match) and was echoed whole.
    ['/'.repeat(100_000) + 'x', /^that is not an arXiv id or paper link: 100001 characters, where a link has at most 300$/],
    ['x'.repeat(200), /^"x{60}…" is not an arXiv id/],
  ])('GIVEN %j THEN it is refused with a reason matching %s', (input, reason) => {
    const ref = parsePaperRef(input);
    expect(ref.ok).toBe(false);
    expect(ref.ok ? '' : ref.reason).toMatch(reason);
  });
});

describe('normaliseArxivId', () => {
  it('GIVEN ids with versions THEN the version is dropped and nothing else changes', () => {
    expect(['2407.00001v12', '1501.00001', 'cond-mat/0702661v2', 'physics.comp-ph/0101001'].map(normaliseArxivId)).toEqual([
      '2407.00001', '1501.00001', 'cond-mat/0702661', null,
    ]);
  });

  it('GIVEN a URL or prefix THEN null: only bare ids are normalised (links go through parsePaperRef)', () => {
    expect(normaliseArxivId('arXiv:2407.12345')).toBeNull();
    expect(normaliseArxivId('http://arxiv.org/abs/2407.12345')).toBeNull();
  });
});
