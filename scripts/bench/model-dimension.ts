/**
 * The dimension of the configured model's vectors (the sum over an
 * ensemble's models), read from each bundled model's config.json without
 * loading it. The synthetic store's hash vectors must have it: its queries are
 * embedded by the real model.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { EngineConfig } from '../../src/config.js';
import { ensembleModelIds } from '../../src/embedding/ensemble-embedder.js';

const modelConfig = z.object({ hidden_size: z.number().int().positive() });

export function configuredDimension(config: EngineConfig): number {
  let dimension = 0;
  for (const id of ensembleModelIds(config.EMBEDDING_MODEL)) {
    const file = path.join(config.MODELS_DIR, id, 'config.json');
    dimension += modelConfig.parse(JSON.parse(readFileSync(file, 'utf8'))).hidden_size;
  }
  return dimension;
}
