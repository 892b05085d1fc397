/**
 * How texts are grouped into forward passes. A batch is padded to its longest
 * text, so texts of similar length go together (a 300-token abstract beside
 * 20-token sentences would multiply the work ~10×), and a batch is capped by
 * its padded size as well as its count: long abstracts go a few at a time,
 * which also bounds how long an interactive request can wait behind one batch.
 */

/** Texts per forward pass at most: enough to amortise the per-call overhead. */
export const MAX_BATCH_TEXTS = 16;
/** Padded characters per pass at most (≈ 3,000 tokens): ~0.5 s on two cores with the bundled model. */
export const MAX_BATCH_CHARS = 12_000;

/** Indices of `texts`, grouped into batches, shortest texts first. */
export function planBatches(texts: readonly string[], maxTexts = MAX_BATCH_TEXTS, maxChars = MAX_BATCH_CHARS): number[][] {
  const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length || a - b);
  const batches: number[][] = [];
  let current: number[] = [];
  for (const index of order) {
    // Sorted ascending, so this text is the batch's longest: it sets the padded width.
    const width = Math.max(1, texts[index]!.length);
    if (current.length > 0 && (current.length >= maxTexts || (current.length + 1) * width > maxChars)) {
      batches.push(current);
      current = [];
    }
    current.push(index);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
