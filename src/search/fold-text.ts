/**
 * Folds text so that spellings a reader takes for the same word compare
 * equal: accents dropped ("Bézier" = "Bezier"), LaTeX accent commands read as
 * their letter ("Fr\'echet" = "Frechet", "na\"{\i}ve" = "naive"), ligatures and
 * compatibility forms spelled out ("ﬁ" = "fi", full-width letters). Case is
 * kept: the tokenizer lower-cases. Applied alike to what is indexed and to
 * queries, so both sides of a match meet in the same form.
 */

/**
 * `\'e`, `\"{o}`, `\"{\i}`, `\^o`…: a LaTeX accent command before one letter (or dotless i/j),
 * braces optional. The accent goes, the letter stays.
 */
const LATEX_SYMBOL_ACCENT = /\\['"`^~=.]\s*(?:\{\s*)?\\?([A-Za-z])(?:\s*\})?/g;
/** Accent commands spelled as letters (`\v{s}`, `\c{c}`, `\u{a}`, `\H{o}`, `\k{a}`, `\r{a}`) take braces. */
const LATEX_LETTER_ACCENT = /\\[vcuHkrdb]\s*\{\s*\\?([A-Za-z])\s*\}/g;
/** Combining marks left once letters are decomposed (NFKD). */
const COMBINING_MARKS = /\p{M}+/gu;
/** Latin letters NFKD does not decompose, written as a reader would type them. */
const UNDECOMPOSED: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const UNDECOMPOSED_LETTERS = new RegExp(`[${Object.keys(UNDECOMPOSED).join('')}]`, 'g');

/** Text with accents, LaTeX accent commands and compatibility forms folded; everything else as it was. */
export function foldText(text: string): string {
  // ASCII without a backslash (most of every abstract) has nothing to fold.
  // eslint-disable-next-line no-control-regex -- the ASCII range is the point of the test.
  if (/^[\x00-\x5b\x5d-\x7f]*$/.test(text)) return text;
  return text
    .replace(LATEX_SYMBOL_ACCENT, '$1')
    .replace(LATEX_LETTER_ACCENT, '$1')
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(UNDECOMPOSED_LETTERS, (letter) => UNDECOMPOSED[letter] ?? letter)
    // Scripts whose syllables NFKD took apart (Hangul) are put back together.
    .normalize('NFC');
}
