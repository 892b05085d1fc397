/**
 * Splits an abstract into sentences for summaries and extractive answers.
 * Uses the platform's ICU sentence segmenter (Intl.Segmenter) rather than a
 * regex: it already keeps "e.g. convolutional", decimals and URLs intact.
 */

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Fragments shorter than this ("et al.", "(ii)") are glued to the sentence before them. */
const MIN_SENTENCE_CHARS = 25;

/** ICU ends a sentence at "e.g. ImageNet": these abbreviations never end one in an abstract. */
const ENDS_WITH_ABBREVIATION = /\b(e\.g|i\.e|cf|vs|et al|resp|approx|Fig|Eq|Sec)\.$/i;

/** A stray "(" must not glue the rest of an abstract into one sentence: joining stops at this length. */
const MAX_JOINED_CHARS = 600;

/** True when the text so far cannot end a sentence: an abbreviation, or a bracket still open. */
function continues(text: string): boolean {
  if (text.length > MAX_JOINED_CHARS) return false;
  const open = (text.match(/[([]/g) ?? []).length;
  const close = (text.match(/[)\]]/g) ?? []).length;
  return ENDS_WITH_ABBREVIATION.test(text) || open > close;
}

export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    const sentence = segment.trim();
    if (sentence === '') continue;
    const previous = sentences.at(-1);
    if (previous !== undefined && (sentence.length < MIN_SENTENCE_CHARS || previous.length < MIN_SENTENCE_CHARS || continues(previous))) {
      sentences[sentences.length - 1] = `${previous} ${sentence}`;
    } else {
      sentences.push(sentence);
    }
  }
  return sentences;
}
