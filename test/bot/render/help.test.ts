import { describe, expect, it } from 'vitest';
import { renderHelp } from '../../../bot/render/help.js';
import type { EngineStatus } from '../../../src/search/engine-types.js';
import { papers } from '../../../commands/papers.js';

const ALL_WELL: EngineStatus = { papers: 200, embedded: 200, vectorIndex: 'ready', writer: true, writerElsewhere: null, storeProblem: null, embeddingProblem: null };

function helpText(status: Partial<EngineStatus>): string {
  const view = renderHelp({ command: papers.data, status: { ...ALL_WELL, ...status }, corpusUpdatedAt: new Date(Date.UTC(2025, 0, 1)) });
  return view.embeds?.[0]?.description ?? '';
}

describe('renderHelp', () => {
  it('GIVEN every paper embedded and the store well THEN the count and update time, and no status line', () => {
    const text = helpText({});
    expect(text.split('\n')[0]).toBe(
      'I hold **200** papers (last updated <t:1735689600:R> (<t:1735689600:d>)) and search them offline: by topic, by title, by similarity, or to answer a question with cited sentences.',
    );
    expect(text).not.toMatch(/⏳|⚠️/);
    for (const sub of ['about', 'title', 'similar', 'ask', 'help']) expect(text).toContain(`**/papers ${sub}**`);
  });

  it('GIVEN papers still being embedded THEN a line says how far, rounded down', () => {
    expect(helpText({ embedded: 199 }).split('\n')[1]).toBe('⏳ Still indexing: 99 % of papers have semantic vectors; the rest are found by their words.');
  });

  it('GIVEN the vector index being rebuilt THEN a line says searches match words only', () => {
    expect(helpText({ embedded: 0, vectorIndex: 'rebuilding' }).split('\n')[1]).toBe('⏳ The vector index is being rebuilt: searches match words only until it is done.');
  });

  it('GIVEN a store that cannot take writes THEN a warning names the cause, escaped', () => {
    expect(helpText({ storeProblem: 'storing new papers: the disk is full (SQLITE_FULL)' }).split('\n')[1]).toBe(
      '⚠️ New papers cannot be stored right now: storing new papers: the disk is full (SQLITE\\_FULL)',
    );
  });

  it('GIVEN a model that failed THEN a warning says new papers are found by their words only, and why', () => {
    expect(helpText({ embeddingProblem: 'embedding failed: the embedding worker stopped (signal SIGKILL)' }).split('\n')[1]).toBe(
      '⚠️ New papers are found by their words only for now: embedding failed: the embedding worker stopped (signal SIGKILL)',
    );
  });
});
