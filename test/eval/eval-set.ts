/**
 * Loads test/eval/eval-set.json and resolves its judged titles to paper ids.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Paper } from '../../src/corpus/paper.js';

const schema = z.object({
  version: z.literal(1),
  queries: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['topic', 'title', 'fact', 'none']),
      query: z.string(),
      relevant: z.array(z.object({ title: z.string(), grade: z.number().int().min(1).max(2) })),
      answerContains: z.array(z.string()).optional(),
    }),
  ),
});

export type EvalQuery = z.infer<typeof schema>['queries'][number] & { readonly grades: ReadonlyMap<string, number> };

export function loadEvalSet(papers: readonly Paper[]): EvalQuery[] {
  const raw = schema.parse(JSON.parse(readFileSync(path.join(import.meta.dirname, 'eval-set.json'), 'utf8')));
  const byTitle = new Map(papers.map((paper) => [paper.title, paper.id]));
  return raw.queries.map((query) => {
    const grades = new Map<string, number>();
    for (const { title, grade } of query.relevant) {
      const id = byTitle.get(title);
      if (id === undefined) throw new Error(`eval query ${query.id}: no paper titled "${title}"`);
      grades.set(id, grade);
    }
    return { ...query, grades };
  });
}
