/**
 * Splits an abstract into sentences for summaries and extractive answers.
 * Uses the platform's ICU sentence segmenter (Intl.Segmenter) rather than a
 * regex: it already keeps "e.g. convolutional", decimals and URLs intact.
 */

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Fragments shorter than this ("et al.", "(ii)") are glued to the sentence before them. */
const MIN_SENTENCE_CHARS = 25;

export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    const sentence = segment.trim();
    if (sentence === '') continue;
    const previous = sentences.at(-1);
    if (previous !== undefined && (sentence.length < MIN_SENTENCE_CHARS || previous.length < MIN_SENTENCE_CHARS)) {
      sentences[sentences.length - 1] = `${previous} ${sentence}`;
    } else {
      sentences.push(sentence);
    }
  }
  return sentences;
}
