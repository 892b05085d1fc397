/**
 * What of a paper gets embedded and indexed: the whole text (title and
 * abstract) for retrieval, each abstract sentence for summaries and quoted
 * answers, and the processed terms of both for the lexical index.
 */
import { createHash } from 'node:crypto';
import type { Paper } from '../corpus/paper.js';
import type { PaperWrite } from '../store/store.js';
import { splitSentences } from './sentences.js';
import { lexicalTerms } from './text-terms.js';

/**
 * Bumped whenever the sentence splitter or the term processing changes: at
 * the next start every stored paper's hash and lexical terms are derived
 * again, and papers whose texts changed are re-embedded (vectors must line up
 * with sentences). The hash itself is of the texts, so it needs no version.
 */
export const TEXT_VERSION = 2;

export interface PaperTexts {
  readonly document: string;
  readonly sentences: readonly string[];
}

export function paperTexts(paper: { readonly title: string; readonly abstract: string }): PaperTexts {
  return { document: `${paper.title}. ${paper.abstract}`, sentences: splitSentences(paper.abstract) };
}

/** Changes whenever the embedded texts do: stored embeddings with another hash are stale. */
export function textHash(texts: PaperTexts): string {
  return createHash('sha256').update(JSON.stringify([texts.document, texts.sentences])).digest('hex');
}

/**
 * The hash the embedding cache of paperbot ≤ 0.1 keyed vectors by, so a
 * DATA_DIR of that layout is imported instead of re-embedded.
 */
export function legacyContentHash(modelId: string, texts: PaperTexts): string {
  return createHash('sha256').update(JSON.stringify([modelId, texts.document, texts.sentences])).digest('hex');
}

/** A paper's texts as the store writes them. */
export function paperWrite(paper: Paper): PaperWrite {
  return {
    paper,
    textHash: textHash(paperTexts(paper)),
    lexicalTitle: lexicalTerms(paper.title).join(' '),
    lexicalAbstract: lexicalTerms(paper.abstract).join(' '),
    lexicalKeywords: lexicalTerms(paper.keywords.join(' ')).join(' '),
  };
}
