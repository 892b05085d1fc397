import { describe, expect, it } from 'vitest';
import { normaliseTitle, PAPER_ID_LENGTH, paperId } from '../../src/corpus/paper-id.js';

describe('normaliseTitle', () => {
  it('GIVEN case, spacing and punctuation differences THEN the normalised titles are equal', () => {
    const a = normaliseTitle('[Re] Don\'t Judge an Object by Its Context: Learning to Overcome Contextual Bias');
    const b = normaliseTitle('  re dont judge an object  by its context -- learning to overcome contextual bias!');
    expect(a).toBe('re dont judge an object by its context learning to overcome contextual bias');
    expect(b).toBe(a);
  });

  it('GIVEN a curly apostrophe or full-width letters THEN they normalise like ASCII', () => {
    expect(normaliseTitle('Don’t Ｓtop')).toBe('dont stop');
  });

  it('GIVEN different words THEN the normalised titles differ', () => {
    expect(normaliseTitle('Pointer Networks')).not.toBe(normaliseTitle('Pointer Network'));
  });
});

describe('paperId', () => {
  it('GIVEN real seed titles THEN the ids are pinned (changing them breaks caches and digests)', () => {
    expect(paperId('Geometry-Aware Adaptation for Pretrained Models')).toBe('58f227cbb4c1');
    expect(paperId('Learning to Relax: Setting Solver Parameters Across a Sequence of Linear System Instances')).toBe(
      '4e123601ed54',
    );
  });

  it('GIVEN the same title with other case/punctuation THEN the id is the same', () => {
    expect(paperId('GEOMETRY AWARE adaptation, for pretrained models.')).toBe('58f227cbb4c1');
  });

  it('GIVEN any title THEN the id is PAPER_ID_LENGTH lower-case hex chars', () => {
    expect(paperId('x')).toMatch(new RegExp(`^[0-9a-f]{${PAPER_ID_LENGTH}}$`));
  });
});
