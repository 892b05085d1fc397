import { describe, expect, it } from 'vitest';
import { extractCodeLinks } from '../../src/corpus/extract-code-links.js';

describe('extractCodeLinks', () => {
  // Each raw form below is copied from the seeds.
  it.each([
    ['Code is available at https://github.com/GengDavid/SLCA.', 'https://github.com/GengDavid/SLCA'],
    ['Code is available at https://github.com/kleinzcy/Cr-KD-NCD{here}.', 'https://github.com/kleinzcy/Cr-KD-NCD'],
    [
      'Our code is available~https://anonymous.4open.science/r/BIB-ICLR2023-Submission/README.md{here.}',
      'https://anonymous.4open.science/r/BIB-ICLR2023-Submission/README.md',
    ],
    ['(Our implementation is available in https://github.com/LZY-the-boys/Twin-Mergin.)', 'https://github.com/LZY-the-boys/Twin-Mergin'],
    ['Code for our experiments can be found at github.com/edwardjhu/TP4.', 'https://github.com/edwardjhu/TP4'],
    ['distilled datasets are available at https://gzyaftermath.github.io/DATM.', 'https://gzyaftermath.github.io/DATM'],
    ['Our code is available at: https://github.com/daidedou/diffumatch/', 'https://github.com/daidedou/diffumatch'],
    [
      'Our code is available at https://github.com/pagand/e2etransfuser/tree/cvpr-w to facilitate future studies.',
      'https://github.com/pagand/e2etransfuser/tree/cvpr-w',
    ],
    [
      'released at https://github.com/ekinakyurek/google-research/blob/master/incontext.',
      'https://github.com/ekinakyurek/google-research/blob/master/incontext',
    ],
    ['The code is at https://github.com/AiMijie/Divide-and-Conquer', 'https://github.com/AiMijie/Divide-and-Conquer'],
  ])('GIVEN %j THEN the link is %s', (abstract, link) => {
    expect(extractCodeLinks(abstract)).toEqual([link]);
  });

  it('GIVEN the YouTube summary links of seed 000 THEN no code link is reported', () => {
    const text =
      'The paper is summarized in two short YouTube videos: https://youtu.be/gCuUyGETbTU (part 1) and https://youtu.be/XsaGI01b-1o (part 2).';
    expect(extractCodeLinks(text)).toEqual([]);
  });

  it('GIVEN LaTeX \\url{} and \\href{}{} wrappers THEN only the URL is kept', () => {
    expect(extractCodeLinks('Models: \\url{https://huggingface.co/org/model}; see \\href{https://gitlab.com/a/b}{here}.')).toEqual([
      'https://huggingface.co/org/model',
      'https://gitlab.com/a/b',
    ]);
  });

  it('GIVEN the same repository twice with other case or scheme THEN it is reported once', () => {
    expect(extractCodeLinks('Code: https://github.com/Org/Repo. Mirror: http://github.com/org/repo/')).toEqual([
      'https://github.com/Org/Repo',
    ]);
  });

  it('GIVEN a non-code host THEN it counts only when its sentence presents it as code', () => {
    expect(extractCodeLinks('Our source code is released at https://example.org/tool).')).toEqual(['https://example.org/tool']);
    expect(extractCodeLinks('Code is elsewhere. We cite https://example.org/blog for background.')).toEqual([]);
  });

  it('GIVEN a home-page path with ~user after a LaTeX non-breaking space THEN the ~ in the path is kept', () => {
    expect(extractCodeLinks('Code:~https://www.cs.example.edu/~alice/tool.')).toEqual(['https://www.cs.example.edu/~alice/tool']);
  });

  it('GIVEN a URL with balanced parentheses THEN the closing one is kept', () => {
    expect(extractCodeLinks('Code is at https://example.org/wiki/Foo_(bar).')).toEqual(['https://example.org/wiki/Foo_(bar)']);
  });

  it('GIVEN github.com mentioned without a repository or an email address THEN nothing is extracted', () => {
    expect(extractCodeLinks('We host on https://github.com. Contact me@github.com/x or see docs.')).toEqual([]);
  });

  it('GIVEN an abstract without links THEN the result is empty', () => {
    expect(extractCodeLinks('We study mathcal{O}(n) algorithms with {\\em finite sample} bounds.')).toEqual([]);
  });
});
