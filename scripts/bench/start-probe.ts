/**
 * The start-up probe: a child process that starts the engine one way and
 * prints its timings as one JSON line. Start-up is measured in a fresh process
 * because loading the model and native modules is part of what a user waits for.
 *
 *   node --import tsx scripts/bench/start-probe.ts <cold|warm|breakdown|first-about> <DATA_DIR>
 *
 * Only type imports are static: everything else is imported inside the timed
 * region, so `enteredSinceStartMs` is Node + tsx alone.
 */
import type { BreakdownProbe, ColdProbe, FirstAboutProbe, ProbeMode, ProbeResult, WarmProbe } from './probe-types.js';
import { timedEmbedder } from './timed-embedder.js';

const entered = performance.now();

/** The query of the end-to-end target (`/papers about model merging`). */
const FIRST_QUERY = 'model merging';

const tenths = (ms: number): number => Math.round(ms * 10) / 10;
const since = (start: number): number => tenths(performance.now() - start);
const rss = (): number => Math.round(process.memoryUsage().rss / 2 ** 20);

async function importEngine() {
  const [env, engine, corpus, store, persisted, lexical, titles, sentences] = await Promise.all([
    import('./bench-env.js'),
    import('../../src/search/create-engine.js'),
    import('../../src/corpus/load-corpus.js'),
    import('../../src/index/embedding-store.js'),
    import('../../src/index/persisted-index.js'),
    import('../../src/search/lexical-index.js'),
    import('../../src/search/title-index.js'),
    import('../../src/search/sentences.js'),
  ]);
  return { env, engine, corpus, store, persisted, lexical, titles, sentences };
}

type Modules = Awaited<ReturnType<typeof importEngine>>;

async function cold(m: Modules, dataDir: string): Promise<ColdProbe> {
  const config = m.env.benchConfig(dataDir);
  let started = performance.now();
  const embedder = timedEmbedder(await m.engine.createEmbedder(config));
  const modelLoadMs = since(started);
  let lastTenth = -1;
  const onProgress = (done: number, total: number) => {
    const tenth = Math.floor((done / total) * 10);
    if (tenth !== lastTenth) process.stderr.write(`  cold start: embedded ${done}/${total} texts\n`);
    lastTenth = tenth;
  };
  started = performance.now();
  const engine = await m.engine.createEngine(config, m.env.benchLogger(config), { embedder, onProgress });
  const buildMs = since(started);
  return { mode: 'cold', modelLoadMs, buildMs, embedMs: Math.round(embedder.ms), texts: embedder.texts, papers: engine.papers.length, rssMib: rss() };
}

async function warm(m: Modules, dataDir: string, importMs: number): Promise<WarmProbe> {
  const config = m.env.benchConfig(dataDir);
  let embedded = 0;
  const started = performance.now();
  const engine = await m.engine.createEngine(config, m.env.benchLogger(config), { onProgress: (done) => (embedded = done) });
  return {
    mode: 'warm',
    enteredSinceStartMs: Math.round(entered),
    importMs,
    createEngineMs: since(started),
    readySinceStartMs: Math.round(performance.now()),
    embedded,
    papers: engine.papers.length,
    rssMib: rss(),
  };
}

/** The steps of a warm createEngine (see build-search-state.ts), each timed on its own. */
async function breakdown(m: Modules, dataDir: string, importMs: number): Promise<BreakdownProbe> {
  const config = m.env.benchConfig(dataDir);
  const stepsMs: Record<string, number> = {};
  const step = async <T>(name: string, work: () => T | Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    stepsMs[name] = since(started);
    return result;
  };
  const embedder = await step('model load', () => m.engine.createEmbedder(config));
  const corpus = await step('corpus parse', () => m.corpus.loadCorpus(config.SEEDS_DIR));
  await step('sentence split + content hashes', () => {
    for (const paper of corpus.papers) {
      m.store.contentHash(embedder.modelId, `${paper.title}. ${paper.abstract}`, m.sentences.splitSentences(paper.abstract));
    }
  });
  const dir = m.store.storeDir(config.DATA_DIR, embedder.modelId);
  const cached = await step('embedding cache load', () => m.store.loadEmbeddings(dir, embedder.modelId, embedder.dimension));
  if (!cached.ok) throw new Error(`No usable embedding cache in ${dir}: ${cached.reason}`);
  const ids = corpus.papers.map((paper) => paper.id);
  const index = await step('HNSW index load', () =>
    m.persisted.loadOrBuildPaperIndex(dir, ids, (id) => cached.embeddings.get(id)!.document, embedder.dimension),
  );
  if (!index.loaded) stepsMs['(index was rebuilt, not loaded)'] = 0;
  await step('lexical index', () => m.lexical.createLexicalIndex(corpus.papers));
  await step('title index', () => m.titles.createTitleIndex(corpus.papers));
  return { mode: 'breakdown', importMs, stepsMs };
}

async function firstAbout(m: Modules, dataDir: string, importMs: number): Promise<FirstAboutProbe> {
  const config = m.env.benchConfig(dataDir);
  let started = performance.now();
  const engine = await m.engine.createEngine(config, m.env.benchLogger(config));
  const createEngineMs = since(started);
  started = performance.now();
  const response = await engine.about(FIRST_QUERY);
  const aboutMs = since(started);
  return {
    mode: 'first-about',
    query: FIRST_QUERY,
    enteredSinceStartMs: Math.round(entered),
    importMs,
    createEngineMs,
    aboutMs,
    resultSinceStartMs: Math.round(performance.now()),
    results: response.results.length,
    topTitle: response.results[0]?.title ?? null,
  };
}

async function main(): Promise<ProbeResult> {
  const [mode, dataDir] = process.argv.slice(2) as [ProbeMode | undefined, string | undefined];
  if (mode === undefined || dataDir === undefined) throw new Error('usage: start-probe.ts <cold|warm|breakdown|first-about> <DATA_DIR>');
  const started = performance.now();
  const modules = await importEngine();
  const importMs = since(started);
  switch (mode) {
    case 'cold':
      return cold(modules, dataDir);
    case 'warm':
      return warm(modules, dataDir, importMs);
    case 'breakdown':
      return breakdown(modules, dataDir, importMs);
    case 'first-about':
      return firstAbout(modules, dataDir, importMs);
    default:
      throw new Error(`unknown probe mode: ${String(mode)}`);
  }
}

const result = await main();
// Exit once the line is out: the measurement is over, and a lingering native handle must not hold the parent up.
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
