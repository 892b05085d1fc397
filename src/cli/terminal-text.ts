/**
 * Text for a terminal: cleaning text that came from papers or users, wrapping
 * it to a width with hanging indents, and colour that is applied only when the
 * output is a terminal that wants it.
 */
import { styleText } from 'node:util';
import { truncateAtWord } from '../text/truncate.js';

/** Below this, wrapping stops being readable: narrower terminals get their lines soft-wrapped instead. */
export const MIN_WIDTH = 30;
/** Prose wider than this is hard to read, however wide the terminal. */
export const MAX_WIDTH = 120;
export const DEFAULT_WIDTH = 80;
/** How much of a user's query is echoed back in a message. */
const ECHO_CHARS = 80;

type Format = Parameters<typeof styleText>[0];

/** Layout of the human output: where to wrap and whether to colour. */
export interface Layout {
  readonly width: number;
  readonly color: boolean;
}

export function layoutFor(columns: number | undefined, color: boolean): Layout {
  const width = columns !== undefined && Number.isFinite(columns) && columns > 0 ? Math.floor(columns) : DEFAULT_WIDTH;
  return { width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width)), color };
}

/**
 * Styles text when colour is on. The caller decides (TTY, NO_COLOR), so the
 * stream check `styleText` does itself is switched off: it would look at the
 * process's stdout, not at the stream the CLI was given.
 */
export function style(layout: Layout, format: Format, text: string): string {
  return layout.color && text !== '' ? styleText(format, text, { validateStream: false }) : text;
}

/** Terminal control characters and bidi overrides could rewrite the screen: they become spaces. */
const UNSAFE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

export function clean(text: string): string {
  return text.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
}

/** How long a line on stderr may grow: a message quoting a pasted essay or a 100 KB argument is cut. */
const MAX_ERROR_CHARS = 400;

/**
 * One `paperbot: …` line for stderr. Messages can quote what the user typed (an unknown command, a bad
 * option, an id), so terminal escapes are taken out and the line is cut, wherever the message was written.
 */
export function errorLine(message: string): string {
  return `paperbot: ${truncateAtWord(clean(message), MAX_ERROR_CHARS)}\n`;
}

/** A user's text quoted in a message: cleaned and cut short, so a pasted essay is not echoed whole. */
export function quote(text: string): string {
  return `“${truncateAtWord(clean(text), ECHO_CHARS)}”`;
}

/** Width in terminal cells, counting code points (an emoji's surrogate pair is one character). */
export function displayWidth(text: string): number {
  return [...text].length;
}

const URL = /^https?:\/\//;

/** Splits a word longer than the width into pieces that fit; a URL stays whole so it remains clickable. */
function pieces(word: string, width: number): string[] {
  if (displayWidth(word) <= width || URL.test(word)) return [word];
  const chars = [...word];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += width) out.push(chars.slice(i, i + width).join(''));
  return out;
}

/** Greedy word wrap to `width` columns. Only a URL longer than the width can overflow it. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of clean(text).split(' ').flatMap((w) => pieces(w, width))) {
    if (word === '') continue;
    if (line === '') line = word;
    else if (displayWidth(line) + 1 + displayWidth(word) <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

export interface BlockOptions {
  /** Spaces before the block. */
  readonly indent?: number;
  /** Printed once before the first line (`1. `, `Code: `); later lines are indented past it. */
  readonly label?: string;
  readonly labelFormat?: Format;
  readonly format?: Format;
}

/** A wrapped paragraph with a hanging indent, styled line by line so colour never spans a newline. */
export function block(layout: Layout, text: string, options: BlockOptions = {}): string[] {
  const indent = ' '.repeat(options.indent ?? 0);
  const label = options.label ?? '';
  const lead = indent.length + displayWidth(label);
  const paint = (line: string) => (options.format === undefined ? line : style(layout, options.format, line));
  const paintLabel = (text: string) => (options.labelFormat === undefined ? text : style(layout, options.labelFormat, text));
  return wrapWords(text, Math.max(1, layout.width - lead)).map((line, index) =>
    index === 0 ? indent + paintLabel(label) + paint(line) : ' '.repeat(lead) + paint(line),
  );
}
