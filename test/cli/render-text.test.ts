/**
 * Human output through runCli: cards, dates as the listings print them,
 * citations, the low-confidence line, wrapping to the terminal and colour
 * only on a terminal.
 */
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefreshableEngine } from '../../src/search/engine-types.js';
import { sharedTestEngine } from '../support/test-engine.js';
import { ANSI, cliRunner, type CliRun, type RunOptions } from './cli-harness.js';

const SFPROMPT = 'SFPrompt: Communication-Efficient Split Federated Fine-Tuning for Large Pre-Trained Models over Resource-Limited Devices';
const SFPROMPT_QUESTION = 'how much communication cost does split federated prompt fine-tuning save compared with federated full fine-tuning?';

let engine: RefreshableEngine;
let cli: (argv: readonly string[], options?: RunOptions) => Promise<CliRun>;

beforeAll(async () => {
  engine = await sharedTestEngine();
  cli = cliRunner(engine);
});

afterAll(() => engine.close());

/** The output with wrapping undone, to look for phrases that may span lines. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** A line may exceed the width only to keep one URL whole (optionally after its `Code: `/`Page: ` label). */
function overlong(text: string, width: number): string[] {
  return text.split('\n').filter((line) => [...line].length > width && !/^\s*(?:(?:Code|Page): )?https?:\/\/\S+$/.test(line));
}

describe('about', () => {
  it('GIVEN "model merging" THEN numbered cards with date, authors, summary, code and page', async () => {
    const run = await cli(['about', 'model merging']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^1\. Twin-Merging: Dynamic Integration of Modular Expertise in Model Merging$/m);
    expect(run.stdout).toMatch(/^ {3}Jun 16, 2024 · 6 authors · id [0-9a-f]{12}$/m);
    expect(run.stdout).toContain('   Code: https://github.com/LZY-the-boys/Twin-Mergin\n');
    expect(run.stdout).toContain('   Page: https://huggingface.co/papers?q=Twin-Merging%3A');
    expect(flat(run.stdout)).toContain('model merging is a promising way to combine multiple task-specific models');
    expect(run.stdout).toMatch(/^5\. /m);
    expect(run.stdout).not.toMatch(/^6\. /m);
  });

  it('GIVEN a topic nothing covers THEN a plain warning line comes first', async () => {
    // A query the engine's own quality test pins as low-confidence (test/eval/quality.test.ts).
    const run = await cli(['about', 'protein folding with AlphaFold']);
    expect(run.stdout.split('\n')[0]).toBe('Nothing in the corpus closely matches this query; the nearest papers are:');
    expect(run.stdout).toMatch(/^1\. /m);
  });

  it('GIVEN filters nothing passes THEN it says so', async () => {
    const run = await cli(['about', 'model merging', '--year-from', '2100']);
    expect(run).toEqual({ code: 0, stdout: 'No papers match these filters.\n', stderr: '' });
  });
});

describe('title and similar', () => {
  it('GIVEN "sfprompt" THEN the paper with its listing date and whole abstract', async () => {
    const run = await cli(['title', 'sfprompt']);
    expect(flat(run.stdout)).toContain(`1. ${SFPROMPT}`);
    expect(run.stdout).toMatch(/^ {3}Jul 24, 2024 · 3 authors · id [0-9a-f]{12}$/m);
    // The last sentence of the abstract: the summary alone would stop earlier.
    expect(flat(run.stdout)).toContain('consuming a mere 0.46% of local computing resources and incurring 53% less communication cost.');
  });

  it('GIVEN a title that matches nothing THEN "No paper titled …; closest:" and the nearest titles', async () => {
    const run = await cli(['title', 'sfprmpt xyz']);
    expect(run.stdout.split('\n')[0]).toBe('No paper titled “sfprmpt xyz”; closest:');
    expect(flat(run.stdout)).toContain(SFPROMPT);
    // Exits like `similar` of an unknown paper (2), the closest titles printed all the same.
    expect(run.code).toBe(2);
  });

  it('GIVEN similar sfprompt THEN a header naming the paper, then its neighbours', async () => {
    const run = await cli(['similar', 'sfprompt', '--k', '3']);
    expect(flat(run.stdout)).toContain(`Papers similar to “${SFPROMPT}”:`);
    expect(run.stdout).toMatch(/^3\. /m);
  });
});

describe('ask', () => {
  it('GIVEN an answerable question THEN each sentence is cited [n] and paper n is listed under Sources', async () => {
    const run = await cli(['ask', SFPROMPT_QUESTION]);
    const text = flat(run.stdout);
    expect(run.stdout.split('\n')[0]).toBe('From the abstracts:');
    const cited = /53% less communication cost\. \[(\d)\]/.exec(text);
    expect(cited).not.toBeNull();
    const sources = text.slice(text.indexOf('Sources:'));
    expect(sources).toContain(`${cited?.[1]}. ${SFPROMPT}`);
  });

  it('GIVEN --k 1 and an answer citing two papers THEN every [n] still has its paper n under Sources, and nothing else is listed', async () => {
    const run = await cli(['ask', SFPROMPT_QUESTION, '--k', '1']);
    const text = flat(run.stdout);
    const sources = text.slice(text.indexOf('Sources:'));
    const answer = text.slice(0, text.indexOf('Sources:'));
    const numbers = [...new Set([...answer.matchAll(/ \[(\d+)\](?=\s*(?:•|$))/g)].map((m) => Number(m[1])))];
    expect(numbers.length).toBeGreaterThan(1);
    for (const n of numbers) expect(sources).toMatch(new RegExp(` ${n}\\. \\S`));
    expect(sources).not.toMatch(new RegExp(` ${numbers.length + 1}\\. \\S`));
    expect(text).not.toContain('Also related:');
  });

  it('GIVEN a question nothing covers THEN it says the corpus cannot answer it', async () => {
    const run = await cli(['ask', 'global weather forecasting of precipitation and storms']);
    expect(flat(run.stdout)).toMatch(/^The corpus can't answer “global weather forecasting of precipitation and storms”\. The nearest papers/);
    expect(run.stdout).not.toContain('[1]');
  });
});

describe('layout', () => {
  it.each([40, 60, 100])('GIVEN %i columns THEN no line is longer, except to keep a URL whole', async (columns) => {
    for (const argv of [['about', 'model merging', '--k', '10'], ['ask', SFPROMPT_QUESTION], ['title', 'sfprompt']]) {
      const run = await cli(argv, { columns });
      expect(overlong(run.stdout, columns)).toEqual([]);
      expect(run.stdout.split('\n').some((line) => line.length > columns - 15)).toBe(true);
    }
  });

  it('GIVEN no column count (not a terminal) THEN it wraps at 80', async () => {
    const run = await cli(['about', 'model merging']);
    expect(overlong(run.stdout, 80)).toEqual([]);
  });

  it('GIVEN stdout is not a TTY THEN no ANSI codes', async () => {
    const run = await cli(['ask', SFPROMPT_QUESTION], { isTTY: false });
    expect(run.stdout).not.toContain(ANSI);
  });

  it('GIVEN a TTY THEN titles are bold; GIVEN a TTY without colour (NO_COLOR) THEN none', async () => {
    const coloured = await cli(['about', 'model merging'], { isTTY: true });
    expect(coloured.stdout).toContain('1. \u001b[1mTwin-Merging');
    const plain = await cli(['about', 'model merging'], { isTTY: true, color: false });
    expect(plain.stdout).not.toContain(ANSI);
    expect(plain.stdout).toMatch(/^1\. Twin-Merging/m);
  });

  it('GIVEN a coloured TTY THEN wrapping still counts only visible characters', async () => {
    const run = await cli(['about', 'model merging'], { isTTY: true, columns: 60 });
    expect(run.stdout).toContain(ANSI);
    expect(overlong(stripVTControlCharacters(run.stdout), 60)).toEqual([]);
  });
});
