/**
 * Loads test/eval/eval-set.json (version 2) and resolves its judged titles to
 * paper ids with {@link paperId} — no engine involved, so a ranking bug cannot
 * hide a judgement. Every title must be a paper of the corpus, spelled exactly.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { paperId } from '../../src/corpus/paper-id.js';

export const EVAL_SET_FILE = path.join(import.meta.dirname, 'eval-set.json');

export const QUERY_KINDS = ['single', 'broad', 'keyword', 'none', 'title', 'fact', 'code'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];
/** The three kinds of topic question: ranked with `about` and judged by nDCG@10. */
export const TOPIC_KINDS = ['single', 'broad', 'keyword'] as const satisfies readonly QueryKind[];
export const SPLITS = ['dev', 'test'] as const;
export type Split = (typeof SPLITS)[number];

/** Kinds whose answer is exactly one paper, judged grade 2. */
const ONE_PAPER_KINDS: readonly QueryKind[] = ['single', 'title', 'fact', 'code'];
/** A broad topic lists every relevant paper: fewer than two is not broad, more than nine is not one topic. */
const BROAD_RELEVANT = { min: 2, max: 9 } as const;

const querySchema = z
  .object({
    id: z.string().min(1),
    kind: z.enum(QUERY_KINDS),
    split: z.enum(SPLITS),
    query: z.string().min(1),
    relevant: z.array(z.object({ title: z.string().min(1), grade: z.union([z.literal(1), z.literal(2)]) }).strict()),
    /** 1–2 lower-case substrings that occur together in the answering sentence (fact queries only). */
    answerContains: z.array(z.string().min(1).refine((s) => s === s.toLowerCase(), 'must be lower-case')).min(1).max(2).optional(),
    /** Why a close call went the way it did. */
    note: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    const problem = (message: string) => ctx.addIssue({ code: 'custom', message: `${q.id}: ${message}` });
    const grades = q.relevant.map((r) => r.grade);
    if (q.kind === 'none' && grades.length > 0) problem('a none query judges no paper relevant');
    if (ONE_PAPER_KINDS.includes(q.kind) && (grades.length !== 1 || grades[0] !== 2)) problem(`a ${q.kind} query has exactly one grade-2 paper`);
    if (q.kind === 'broad' && (grades.length < BROAD_RELEVANT.min || grades.length > BROAD_RELEVANT.max)) problem('a broad query has 2–9 relevant papers');
    if (q.kind === 'keyword' && grades.length === 0) problem('a keyword query has relevant papers');
    if ((q.kind === 'fact') !== (q.answerContains !== undefined)) problem('answerContains belongs to fact queries, and every fact query has it');
    if (new Set(q.relevant.map((r) => r.title)).size !== q.relevant.length) problem('a title is judged twice');
  });

const evalSetSchema = z.object({ version: z.literal(2), queries: z.array(querySchema) }).strict();

export type EvalQueryRecord = z.infer<typeof querySchema>;

/** A judged query with its relevant papers resolved: paper id → grade (2 squarely relevant, 1 partly). */
export interface EvalQuery extends EvalQueryRecord {
  readonly grades: ReadonlyMap<string, number>;
}

/** What the loader needs to know of a paper: any `Paper` will do. */
export interface CorpusEntry {
  readonly id: string;
  readonly title: string;
}

/** The queries as stored, validated but not resolved. Throws with the zod issues when the file is malformed. */
export function readEvalSet(file: string = EVAL_SET_FILE): EvalQueryRecord[] {
  const { queries } = evalSetSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const ids = new Set<string>();
  for (const { id } of queries) {
    if (ids.has(id)) throw new Error(`eval set: query id "${id}" is used twice`);
    ids.add(id);
  }
  return queries;
}

/** The queries with `grades` keyed by paper id. Throws when a judged title is not, exactly, a paper of `papers`. */
export function loadEvalSet(papers: readonly CorpusEntry[], file: string = EVAL_SET_FILE): EvalQuery[] {
  const byId = new Map(papers.map((paper) => [paper.id, paper]));
  return readEvalSet(file).map((query) => {
    const grades = new Map<string, number>();
    for (const { title, grade } of query.relevant) {
      const id = paperId(title);
      if (byId.get(id)?.title !== title) throw new Error(`eval query ${query.id}: no paper titled "${title}" in the corpus`);
      grades.set(id, grade);
    }
    return { ...query, grades };
  });
}

export interface QuerySelection {
  readonly split?: Split;
  /** One kind or several; all kinds when absent. */
  readonly kind?: QueryKind | readonly QueryKind[];
}

/** The queries of one split and/or kind(s), in file order. */
export function selectQueries<Q extends EvalQueryRecord>(queries: readonly Q[], { split, kind }: QuerySelection): Q[] {
  const kinds: readonly QueryKind[] | undefined = typeof kind === 'string' ? [kind] : kind;
  return queries.filter((q) => (split === undefined || q.split === split) && (kinds === undefined || kinds.includes(q.kind)));
}
