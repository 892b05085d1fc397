/**
 * A warm start, in the probe: the engine opened on a store that is already
 * embedded, timed until it answers its first `about`; then, if asked, the
 * query workload, RSS, and papers added and removed through `refresh()`.
 */
import { createEmbedder, openEngine } from '../../src/search/create-engine.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { benchConfig, benchLogger } from './bench-env.js';
import { hashStoreEmbedder } from './hash-store-embedder.js';
import { configuredDimension } from './model-dimension.js';
import type { WarmArgs, WarmProbe } from './probe-types.js';
import { runWorkload, timeEmbedQuery } from './query-workload.js';
import { refreshAdds } from './refresh-adds.js';
import { treeRss } from './process-rss.js';
import { since } from './stats.js';

/** The query of the end-to-end target (`/papers about model merging`). */
export const FIRST_QUERY = 'model merging';

export async function warmProbe(args: WarmArgs, boot: { readonly entered: number; readonly importMs: number }): Promise<WarmProbe> {
  const config = benchConfig(args.dataDir, args.seedsDir);
  const logger = benchLogger(config);
  const started = performance.now();
  // The synthetic store: its query model starts loading now, beside the store, as openEngine's own would.
  const model: Promise<Embedder> | null = args.store === 'hash' ? createEmbedder(config, logger) : null;
  const { engine } = await openEngine(config, logger, { processKind: 'bench', embedder: model === null ? undefined : hashStoreEmbedder(model, configuredDimension(config)) });
  const openMs = since(started);
  await model;
  const readyMs = since(started);
  const status = engine.status();
  if (status.embedded !== status.papers || status.papers === 0) {
    throw new Error(`Not a warm store: ${status.embedded}/${status.papers} papers have vectors in ${args.dataDir} (index ${status.vectorIndex})`);
  }
  const asked = performance.now();
  const first = await engine.about(FIRST_QUERY);
  if (first.indexing !== null) throw new Error(`The first answer was not from the whole index: ${JSON.stringify(first.indexing)}`);
  const firstAboutMs = since(asked);
  const answeredMs = since(started);
  const answeredSinceStartMs = Math.round(performance.now());
  // The title index builds on after the first answer; the workload below measures the finished one.
  await engine.indexed();
  const rssAfterStart = treeRss();

  let queries = null;
  let rssAfterQueries = null;
  if (args.workload !== null) {
    const latency = await runWorkload(engine, args.store === 'model' ? 'seeds' : 'sampled', args.workload.quick);
    rssAfterQueries = treeRss();
    // The bundled store's model is the engine's own, out of reach: a second instance, loaded after the RSS reading.
    const alone = model === null ? await createEmbedder(config, logger) : await model;
    queries = { ...latency, embedQuery: await timeEmbedQuery(alone, args.workload.quick) };
    if (model === null) await alone.close();
  }
  const adds = await refreshAdds(engine, config.SEEDS_DIR, args.refreshAdds);
  const rssAtEnd = treeRss();

  const closing = performance.now();
  await engine.close();
  const closeMs = since(closing);
  await (await model)?.close();
  return {
    mode: 'warm',
    store: args.store,
    papers: status.papers,
    embedded: status.embedded,
    enteredSinceStartMs: Math.round(boot.entered),
    importMs: boot.importMs,
    openMs,
    readyMs,
    firstAboutMs,
    answeredMs,
    answeredSinceStartMs,
    firstTopTitle: first.results[0]?.title ?? null,
    rssAfterStart,
    queries,
    rssAfterQueries,
    refreshAdds: adds,
    rssAtEnd,
    closeMs,
  };
}
