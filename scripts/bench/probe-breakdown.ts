/**
 * The parts of a warm open, in the probe, each timed on its own in the order
 * openEngine runs them: where a warm start's time goes. The model's load is
 * timed alone too; in a real start it loads in its own process beside the rest.
 */
import path from 'node:path';
import { createHashEmbedder } from '../../src/embedding/hash-embedder.js';
import { PaperVectorIndex } from '../../src/index/paper-vector-index.js';
import { countPending } from '../../src/ingest/embed-pending.js';
import { Catalog } from '../../src/search/catalog.js';
import { createEmbedder } from '../../src/search/create-engine.js';
import { createTitleIndex } from '../../src/search/title-index.js';
import { DB_FILE } from '../../src/store/data-dir.js';
import { openStore } from '../../src/store/open-store.js';
import { openDatabase, quickCheck } from '../../src/store/sqlite/database.js';
import { benchConfig, benchLogger } from './bench-env.js';
import type { BreakdownArgs, BreakdownProbe } from './probe-types.js';
import { since } from './stats.js';

export async function breakdownProbe(args: BreakdownArgs, importMs: number): Promise<BreakdownProbe> {
  const config = benchConfig(args.dataDir);
  const logger = benchLogger(config);
  const stepsMs: Record<string, number> = {};
  const step = async <T>(name: string, work: () => T | Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    stepsMs[name] = since(started);
    return result;
  };

  const model = await step('model load (in its own process; beside the rest in a real start)', () => createEmbedder(config, logger));
  const modelId = args.store === 'hash' ? createHashEmbedder().modelId : model.modelId;
  await model.close();
  const dbFile = path.join(config.DATA_DIR, DB_FILE);
  await step('PRAGMA quick_check alone (in the store open only when the last writer did not close cleanly)', () => {
    const db = openDatabase(dbFile, true);
    try {
      return quickCheck(db);
    } finally {
      db.close();
    }
  });
  const { store } = await step('store open (DATA_DIR checks, quick_check unless the last close was clean, migrations, lease)', () =>
    openStore({ dataDir: config.DATA_DIR, logger, kind: 'bench' }),
  );
  const summaries = await step('paper summaries read (papers.summaries)', () => store.papers.summaries());
  const catalog = await step('catalog built', () => new Catalog(summaries));
  await step('title index built (MiniSearch and autocomplete order; after the open, in slices: not in the warm start)', () => createTitleIndex(catalog.all()));
  const vectors = await step('vector index open (sha256 of the graph file, load, reconcile)', () =>
    PaperVectorIndex.open({ store, dbFile, dataDir: config.DATA_DIR, modelId, dimension: model.dimension, logger, writer: false }),
  );
  if (vectors.status !== 'ready') stepsMs['(the graph was rebuilt, not loaded)'] = 0;
  await step('pending count (background embedding, after the open, a label range at a time: not in the warm start)', () => countPending(store, modelId, 0));
  await step('store close', () => store.close());
  return { mode: 'breakdown', importMs, stepsMs };
}
