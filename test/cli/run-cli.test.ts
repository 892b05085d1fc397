/**
 * The four commands end to end through runCli, on the real seeds and model:
 * what they find, the exact JSON shape, and stdin batch mode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefreshableEngine } from '../../src/search/engine-types.js';
import { sharedTestEngine } from '../support/test-engine.js';
import { cliRunner, jsonLines, type CliRun, type JsonResponse, type RunOptions } from './cli-harness.js';

const TWIN_MERGING = 'Twin-Merging: Dynamic Integration of Modular Expertise in Model Merging';
const BRANCH_TRAIN_MERGE = 'Branch-Train-Merge: Embarrassingly Parallel Training of Expert Language Models';
const SFPROMPT = 'SFPrompt: Communication-Efficient Split Federated Fine-Tuning for Large Pre-Trained Models over Resource-Limited Devices';
const SFPROMPT_QUESTION = 'how much communication cost does split federated prompt fine-tuning save compared with federated full fine-tuning?';

const HIT_KEYS = ['id', 'title', 'summary', 'score', 'date', 'arxivId', 'authorNames', 'arxivUrl', 'pdfUrl', 'keywords', 'authors', 'upvotes', 'codeLinks', 'url'];
/** A listing entry dated "Apr 14" with no year. */
const MULTILOKO = 'MultiLoKo: a multilingual local knowledge benchmark for LLMs spanning 31 languages';

let engine: RefreshableEngine;
let cli: (argv: readonly string[], options?: RunOptions) => Promise<CliRun>;

beforeAll(async () => {
  engine = await sharedTestEngine();
  cli = cliRunner(engine);
});

afterAll(() => engine.close());

async function json(argv: readonly string[]): Promise<JsonResponse> {
  const run = await cli([...argv, '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const lines = jsonLines(run.stdout);
  expect(lines).toHaveLength(1);
  return lines[0] as JsonResponse;
}

function idOf(title: string): string {
  const paper = engine.papers.find((p) => p.title === title);
  if (paper === undefined) throw new Error(`not in the seeds: ${title}`);
  return paper.id;
}

describe('about', () => {
  it('GIVEN "model merging" THEN the top results are the merging papers, with their code links', async () => {
    const response = await json(['about', 'model merging']);
    const titles = response.results.map((hit) => hit.title);
    expect(titles.slice(0, 3)).toContain(TWIN_MERGING);
    expect(titles).toContain(BRANCH_TRAIN_MERGE);
    expect(response.lowConfidence).toBe(false);
    for (const hit of response.results) expect(hit.codeLinks).toEqual((await engine.paper(hit.id))?.codeLinks);
    expect(response.results.find((hit) => hit.title === TWIN_MERGING)?.codeLinks).toEqual(['https://github.com/LZY-the-boys/Twin-Mergin']);
  });

  it('GIVEN --json THEN the object has exactly the SearchResponse fields minus total, in order', async () => {
    const response = await json(['about', 'model merging']);
    expect(Object.keys(response)).toEqual(['query', 'lowConfidence', 'results']);
    expect(response.results).toHaveLength(5);
    for (const hit of response.results) expect(Object.keys(hit)).toEqual(HIT_KEYS);
    expect(response.query).toBe('model merging');
  });

  it('GIVEN --k 8 --has-code THEN 8 results, each with a code link', async () => {
    const response = await json(['about', 'model', 'merging', '--k', '8', '--has-code']);
    expect(response.results).toHaveLength(8);
    expect(response.query).toBe('model merging');
    for (const hit of response.results) expect(hit.codeLinks.length).toBeGreaterThan(0);
  });

  it('GIVEN --year-from 2024 THEN every result is dated 2024 or later', async () => {
    const response = await json(['about', 'model merging', '--year-from', '2024']);
    expect(response.results.length).toBeGreaterThan(0);
    for (const hit of response.results) expect(Number(hit.date?.slice(0, 4))).toBeGreaterThanOrEqual(2024);
  });

  it('GIVEN --json THEN dates are ISO 8601: the full date, or --MM-DD when the listing gave no year', async () => {
    const merging = await json(['about', 'model merging']);
    expect(merging.results.find((hit) => hit.title === TWIN_MERGING)?.date).toBe('2024-06-16');
    // A paper the listing gave no date at all has none (null); every date given is ISO.
    const dated = merging.results.filter((hit) => hit.date !== null);
    expect(dated.length).toBeGreaterThan(0);
    for (const hit of dated) expect(hit.date).toMatch(/^(\d{4}|-)-\d{2}-\d{2}$/);
    const undated = await json(['title', MULTILOKO]);
    expect(undated.results[0]).toMatchObject({ title: MULTILOKO, date: '--04-14' });
  });
});

describe('title', () => {
  it('GIVEN "sfprompt" THEN the SFPrompt paper comes first and confidence is high', async () => {
    const response = await json(['title', 'sfprompt']);
    expect(response.results[0]?.title).toBe(SFPROMPT);
    expect(response.results[0]?.id).toBe(idOf(SFPROMPT));
    expect(response.lowConfidence).toBe(false);
    for (const hit of response.results) expect(Object.keys(hit)).toEqual(HIT_KEYS);
  });

  it('regression: a title that matches nothing exits 2 like similar of an unknown paper, with lowConfidence and the closest titles', async () => {
    const run = await cli(['title', 'sfprmpt xyz', '--json']);
    expect(run.code).toBe(2);
    const [response] = jsonLines(run.stdout) as unknown as JsonResponse[];
    expect(response?.lowConfidence).toBe(true);
    expect(response?.results.map((hit) => hit.title)).toContain(SFPROMPT);
    expect((await cli(['similar', 'sfprmpt xyz'])).code).toBe(2);
  });
});

describe('similar', () => {
  it('GIVEN a title THEN it resolves the paper and returns its neighbours without it', async () => {
    const byTitle = await json(['similar', 'sfprompt']);
    expect(byTitle.query).toBe(SFPROMPT);
    expect(byTitle.results.map((hit) => hit.title)).not.toContain(SFPROMPT);
    expect(byTitle.results.some((hit) => /federated/i.test(hit.title))).toBe(true);
  });

  it('GIVEN the paper id THEN the same neighbours as by title', async () => {
    const byId = await json(['similar', idOf(SFPROMPT)]);
    const byTitle = await json(['similar', 'sfprompt']);
    expect(byId.results.map((hit) => hit.id)).toEqual(byTitle.results.map((hit) => hit.id));
  });

  it('GIVEN an unknown paper THEN exit code 2 and one line naming it', async () => {
    const run = await cli(['similar', 'zzqx no such paper']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^paperbot: No paper has the id or title “zzqx no such paper”\..*\n$/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('ask', () => {
  it('GIVEN a question the SFPrompt abstract answers THEN a cited answer quoting it', async () => {
    const response = await json(['ask', SFPROMPT_QUESTION]);
    expect(Object.keys(response)).toEqual(['query', 'lowConfidence', 'results', 'answer']);
    const sentence = response.answer?.find((s) => s.text.includes('53% less communication'));
    expect(sentence).toMatchObject({ paperId: idOf(SFPROMPT), title: SFPROMPT });
    for (const s of response.answer ?? []) expect(Object.keys(s)).toEqual(['text', 'paperId', 'title', 'citation']);
    expect(response.results.map((hit) => hit.id)).toContain(idOf(SFPROMPT));
  });

  it('GIVEN an answer THEN citation n is result n: the engine lists the cited papers first, in citation order', async () => {
    const response = await json(['ask', SFPROMPT_QUESTION]);
    const answer = response.answer ?? [];
    expect(answer.length).toBeGreaterThan(1);
    expect(answer[0]?.citation).toBe(1);
    for (const s of answer) expect(response.results[s.citation - 1]?.id).toBe(s.paperId);
    // Numbered by first appearance: no number is skipped.
    const numbers = [...new Set(answer.map((s) => s.citation))];
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });

  it('GIVEN --k 1 and an answer citing two papers THEN both cited papers are still in the results', async () => {
    const response = await json(['ask', SFPROMPT_QUESTION, '--k', '1']);
    const cited = [...new Set((response.answer ?? []).map((s) => s.paperId))];
    expect(cited.length).toBeGreaterThan(1);
    expect(response.results.map((hit) => hit.id)).toEqual(cited);
  });

  it('GIVEN a question nothing covers THEN lowConfidence and an empty answer', async () => {
    const response = await json(['ask', 'global weather forecasting of precipitation and storms']);
    expect(response.lowConfidence).toBe(true);
    expect(response.answer).toEqual([]);
  });
});

describe('stdin batch mode', () => {
  it('GIVEN three queries and a blank line THEN three JSON lines, the bad one an error object, the batch going on', async () => {
    const run = await cli(['about'], { stdin: 'model merging\n\n@everyone\nsplit federated fine-tuning\n' });
    const lines = jsonLines(run.stdout) as Record<string, unknown>[];
    expect(lines).toHaveLength(3);
    expect((lines[0] as unknown as JsonResponse).results[0]?.title).toBe(TWIN_MERGING);
    expect(lines[1]).toEqual({
      query: '@everyone',
      error: { code: 'EMPTY_QUERY', message: 'The query has no words to search for: type a topic or a title.' },
    });
    expect((lines[2] as unknown as JsonResponse).results.map((hit) => hit.title)).toContain(SFPROMPT);
    expect(Object.keys(lines[2] ?? {})).toEqual(['query', 'lowConfidence', 'results']);
    // The batch ran to the end; the exit code still says a line failed.
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
  });

  it('GIVEN batch similar lines THEN each line is resolved as a title or an id', async () => {
    const run = await cli(['similar', '--k', '2'], { stdin: `sfprompt\r\n${idOf(TWIN_MERGING)}\n` });
    const lines = jsonLines(run.stdout) as JsonResponse[];
    expect(lines.map((line) => line.query)).toEqual([SFPROMPT, TWIN_MERGING]);
    expect(lines.map((line) => line.results.length)).toEqual([2, 2]);
    expect(run.code).toBe(0);
  });

  it('GIVEN an empty stdin THEN no output and exit code 0', async () => {
    const run = await cli(['ask', '--json'], { stdin: '' });
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
