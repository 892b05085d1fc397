/** A zod failure as the one-line reason a skipped item carries. */
import type { z } from 'zod';

/** `paper.id: Invalid input: expected string, received undefined` (at most three issues). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
