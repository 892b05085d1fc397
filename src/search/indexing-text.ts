/**
 * The one sentence every surface (CLI, Discord) shows while not every paper
 * can be found by meaning yet.
 */
import type { IndexingNote } from './engine-types.js';

export function indexingText(note: IndexingNote): string {
  if (note.rebuildingIndex) return 'still indexing: the vector index is being rebuilt, so results come from words alone for now';
  const percent = note.papers === 0 ? 100 : Math.floor((note.embedded / note.papers) * 100);
  return `still indexing: ${percent} % of papers have semantic vectors; the rest are found by their words`;
}
