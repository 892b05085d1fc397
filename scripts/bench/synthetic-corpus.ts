/**
 * Synthetic papers shaped like the seeds, for the store at scale. Each paper
 * copies the shape of a randomly drawn seed paper (title word count, the word
 * count of every abstract sentence, authors, date, upvotes, whether it links
 * code) and fills it with words drawn from the seeds' own title and abstract
 * vocabularies, each word as often as it occurs there. So lengths, sentence
 * counts and term frequencies follow the seeds; the text means nothing. One
 * seeded PRNG: the same N always gives the same papers.
 *
 * The vocabulary is the seeds' (~11,000 words). A real corpus of 100,000
 * papers has a far longer tail, so common terms here have more postings than
 * they would there: pessimistic for the lexical side.
 */
import type { ListingEntry } from '../../src/corpus/parse-listing.js';
import type { Paper } from '../../src/corpus/paper.js';
import { normaliseTitle } from '../../src/corpus/paper-id.js';
import { splitSentences } from '../../src/search/sentences.js';
import { mulberry32, type Random } from './prng.js';

export const CORPUS_SEED = 20_250_611;
/** Bumped whenever the generator changes, so a cached store made by another version is rebuilt. */
export const GENERATOR_VERSION = 1;

interface Shape {
  readonly titleWords: number;
  readonly sentenceWords: readonly number[];
  readonly authors: number | null;
  readonly date: Paper['date'];
  readonly upvotes: number | null;
  readonly codeLinks: number;
}

/** The seeds' shapes and vocabularies. */
export interface CorpusModel {
  readonly shapes: readonly Shape[];
  /** Every word of every title, repeats kept: a uniform draw is a draw by frequency. */
  readonly titleWords: readonly string[];
  readonly abstractWords: readonly string[];
}

/** Letters, digits and inner hyphens: no full stops, so sentence boundaries are only the ones generated. */
const words = (text: string): string[] =>
  text
    .split(/\s+/)
    .map((word) => word.replace(/[^\p{L}\p{N}-]/gu, '').replace(/^-+|-+$/g, ''))
    .filter((word) => word !== '');

export function corpusModel(papers: readonly Paper[]): CorpusModel {
  return {
    shapes: papers.map((paper) => ({
      titleWords: Math.max(1, words(paper.title).length),
      sentenceWords: splitSentences(paper.abstract).map((sentence) => Math.max(1, words(sentence).length)),
      authors: paper.authors,
      date: paper.date,
      upvotes: paper.upvotes,
      codeLinks: paper.codeLinks.length,
    })),
    titleWords: papers.flatMap((paper) => words(paper.title)),
    abstractWords: papers.flatMap((paper) => words(paper.abstract)),
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const draw = (random: Random, vocabulary: readonly string[], count: number): string =>
  Array.from({ length: count }, () => pick(random, vocabulary)).join(' ');

/** One listing entry of the given shape. Code links are set as the parser would have found them, not written into the text. */
function entry(random: Random, model: CorpusModel, shape: Shape, title: string, line: number, n: number): ListingEntry {
  const abstract = shape.sentenceWords.map((count) => `${capitalise(draw(random, model.abstractWords, count))}.`).join(' ');
  const codeLinks = Array.from({ length: shape.codeLinks }, (_, i) => `https://github.com/paperbot-bench/paper-${n}-${i}`);
  return { title, abstract, line, authors: shape.authors, date: shape.date, upvotes: shape.upvotes, codeLinks };
}

/**
 * `count` entries with distinct normalised titles (a repeated title would be
 * merged into one paper), in the order the generator made them.
 */
export function syntheticEntries(model: CorpusModel, count: number, seed = CORPUS_SEED): ListingEntry[] {
  const random = mulberry32(seed);
  const seen = new Set<string>();
  const out: ListingEntry[] = [];
  while (out.length < count) {
    const shape = pick(random, model.shapes);
    const title = capitalise(draw(random, model.titleWords, shape.titleWords));
    if (seen.has(normaliseTitle(title))) continue;
    seen.add(normaliseTitle(title));
    // Lines as a dump lays entries out: header, then about eight lines per paper.
    out.push(entry(random, model, shape, title, 13 + 8 * out.length, out.length));
  }
  return out;
}

/** A paper for the "add one paper" measurement: its title is marked so it can never collide with the corpus. */
export function extraEntry(model: CorpusModel, n: number): ListingEntry {
  const random = mulberry32(CORPUS_SEED + 1 + n);
  const shape = pick(random, model.shapes);
  return entry(random, model, shape, `Benchmark added paper ${n}: ${draw(random, model.titleWords, shape.titleWords)}`, 13, -1 - n);
}

/** One entry as a Daily Papers dump prints it (what `refresh()` picks up from SEEDS_DIR). */
export function listingText(entry: ListingEntry): string {
  const header = ['new', 'Get trending papers in your email inbox!', 'Subscribe', 'Daily Papers', 'byAK and the research community', 'Dec 11'];
  const meta = `  • ${entry.authors ?? 3} authors\n·\nJul 24, 2024`;
  return `${[...header, entry.title, entry.abstract, meta].join('\n\n')}\n`;
}
