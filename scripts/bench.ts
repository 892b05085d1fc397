/**
 * `npm run bench`: the performance benchmark. On the bundled corpus: the
 * cold start (event-loop delay, model throughput, `about` meanwhile), warm
 * starts in fresh processes, query latency, the bot round trip. With
 * `--corpus N`: a synthetic store of N papers (ingest, sizes, warm start,
 * RSS, queries, adding a paper). With `--scale N`: the raw HNSW sweep. Then
 * each target with PASS/MISS. A report, not a test: it exits 0 on a MISS.
 * Works only under the temp dir, never ./data. See scripts/bench/.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BENCH_DATA_DIR, BENCH_ROOT, SEEDS_DIR } from './bench/bench-env.js';
import { measureBotRoundTrip } from './bench/bot-round-trip.js';
import { measureFeedDay } from './bench/feed-day.js';
import { ensureStore, measureColdStart, printColdStart } from './bench/cold-start.js';
import { measureCorpus } from './bench/corpus-section.js';
import { loadAverage } from './bench/machine-load.js';
import { parseBenchOptions } from './bench/options.js';
import { runProbe } from './bench/run-probe.js';
import { machineInfo, meetsScaleTargets, printTable, targetRows, type BenchResults } from './bench/report.js';
import { measureScale } from './bench/scale.js';
import { runSection } from './bench/section-runner.js';
import { printLatency, printSlowest } from './bench/query-workload.js';
import { measureBreakdown, measureWarmStart, printWarmStart } from './bench/warm-start.js';

const options = parseBenchOptions(process.argv.slice(2));
const dataDir = BENCH_DATA_DIR;
const out = path.resolve(options.out ?? path.join(BENCH_ROOT, options.corpus > 0 ? `bench-results-${options.corpus}.json` : 'bench-results.json'));
const runs = options.quick ? 3 : 5;
const results: BenchResults = { startedAt: new Date().toISOString(), machine: machineInfo(), options };

/** Written after every section, so a crash late in the run keeps what was measured. */
async function save(): Promise<void> {
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
}

const section = (title: string) => console.log(`\n== ${title} ==`);

console.log(`paperbot benchmark — data under ${BENCH_ROOT}, load average ${results.machine.loadAverageStart.join(' ')} on ${results.machine.cores} cores`);

section('1. Cold start of the bundled corpus (empty DATA_DIR, real model in its own process, fresh process)');
if (options.skipCold) {
  const built = await ensureStore(dataDir);
  results.coldStart = { skipped: true, builtStoreUntimed: built };
  console.log(built ? '  skipped (no store from an earlier run: built one, untimed)' : '  skipped (reusing the store of an earlier run)');
} else {
  const cold = await runSection(() => measureColdStart(dataDir));
  results.coldStart = cold;
  printColdStart(cold.result);
}
await save();

section(`2. Warm start of the bundled corpus (fresh process each, median of ${runs})`);
const warm = await runSection(() => measureWarmStart(dataDir, SEEDS_DIR, 'model', runs));
const breakdownMs = await measureBreakdown(dataDir, 'model', runs);
results.warmStart = { ...warm, breakdownMs };
printWarmStart(warm.result, breakdownMs);
await save();

section('3. Query latency on the bundled corpus (warm engine, fresh process; p50/p99 over per-query medians)');
const queries = await runSection(async () => (await runProbe('warm', { dataDir, seedsDir: SEEDS_DIR, store: 'model', workload: { quick: options.quick }, refreshAdds: 0 })).result);
results.queries = queries;
for (const name of ['about', 'ask', 'title', 'suggest', 'similar', 'embedQuery'] as const) {
  const summary = queries.result.queries?.[name];
  if (summary) printLatency(name === 'embedQuery' ? '(embedQuery alone)' : name, summary);
}
if (queries.result.queries) printSlowest(queries.result.queries.slowest);
const { rssAfterStart, rssAfterQueries } = queries.result;
console.log(`  RSS: ${rssAfterStart.totalMib} MiB after start (engine ${rssAfterStart.selfMib} + model ${rssAfterStart.childrenMib}), ${rssAfterQueries?.totalMib} MiB after the queries`);
await save();

section('4. /papers about through the bot on a warm start (real discord.js client, local fake Discord, scratch copy of the store)');
const roundTrip = await runSection(() => measureBotRoundTrip(dataDir, options.quick ? 5 : 20));
results.botRoundTrip = roundTrip;
const { query, firstMs, later } = roundTrip.result;
console.log(`  "${query}": first command ${firstMs} ms; then p50 ${later.p50} ms, p99 ${later.p99} ms over ${later.n}`);
await save();

section('5. One day of Hugging Face Daily Papers (50 papers) from the local fake upstream: fetched, stored, embedded by the model, searchable');
const feedDay = await runSection(() => measureFeedDay(dataDir));
results.feedDay = feedDay;
{
  const f = feedDay.result;
  console.log(`  ${f.papers} papers (${f.texts} texts): stored ${f.storedMs} ms after the request (searchable by words), embedded ${f.embeddedMs} ms later; every paper found with vectors ${f.searchableMs} ms after the request`);
}
await save();

if (options.corpus > 0) {
  results.corpus = await measureCorpus(options.corpus, options.rebuild, options.quick);
  await save();
}

if (options.scale > 0) {
  section(`9. Raw HNSW at scale (${options.scale} clustered 384-d unit vectors; recall against exact search)`);
  const scale = await measureScale(options.scale, options.quick ? 300 : 1000);
  results.scale = scale;
  console.log(`  build ${scale.buildMs} ms, save ${scale.saveMs} ms, load ${scale.loadMs} ms, file ${scale.fileMiB} MiB`);
  console.log('  efSearch  p50 ms  p99 ms  raw p99  recall@10  meets both');
  for (const row of scale.sweep) {
    const cells = [row.efSearch, row.p50Ms, row.p99Ms, row.rawP99Ms].map((x, i) => String(x).padStart([8, 6, 6, 7][i]!)).join('  ');
    console.log(`  ${cells}  ${String(row.recallAt10).padStart(9)}  ${meetsScaleTargets(row) ? 'yes' : 'no'}`);
  }
  await save();
}

results.machine.loadAverageEnd = loadAverage();
results.targets = targetRows(results);
await save();
printTable(results);
console.log(`\nFull results: ${out}`);
