/**
 * `npm run bench`: the performance benchmark. Measures cold and warm start,
 * query latency, "process start → first result" and the HNSW index at scale,
 * then prints each target with PASS/MISS. A report, not a test: it exits 0 on
 * a MISS. Works only in a temp DATA_DIR, never ./data. See scripts/bench/.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BENCH_DATA_DIR } from './bench/bench-env.js';
import { measureBotRoundTrip } from './bench/bot-round-trip.js';
import { parseBenchOptions } from './bench/options.js';
import { measureQueryLatency, type QueryLatency } from './bench/query-latency.js';
import { finishMachine, machineInfo, meetsScaleTargets, printTable, targetRows, type BenchResults } from './bench/report.js';
import { measureScale } from './bench/scale.js';
import { ensureCache, measureColdStart, measureFirstAbout, measureWarmStart } from './bench/start-up.js';

const options = parseBenchOptions(process.argv.slice(2));
const dataDir = BENCH_DATA_DIR;
const out = path.resolve(options.out ?? path.join(dataDir, 'bench-results.json'));
const runs = options.quick ? 3 : 5;
const results: BenchResults = { startedAt: new Date().toISOString(), machine: machineInfo(), options, dataDir };

/** Written after every section, so a crash late in the run keeps what was measured. */
async function save(): Promise<void> {
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
}

const section = (title: string) => console.log(`\n== ${title} ==`);
const latencyLine = (name: string, s: QueryLatency['about']) =>
  console.log(`  ${name.padEnd(8)} p50 ${s.itemMedianP50} ms  p99 ${s.itemMedianP99} ms   (all ${s.n} calls: p50 ${s.p50}, p99 ${s.p99}, max ${s.max})`);

console.log(`paperbot benchmark — data dir ${dataDir}, load average ${results.machine.loadAverageStart.join(' ')} on ${results.machine.cores} cores`);

section('1. Cold start (empty DATA_DIR: embed every paper and sentence)');
if (options.skipCold) {
  const built = await ensureCache(dataDir);
  results.coldStart = { skipped: true, builtCacheUntimed: built };
  console.log(built ? '  skipped (no cache from an earlier run: built one, untimed)' : '  skipped (reusing the cache of an earlier run)');
} else {
  const cold = await measureColdStart(dataDir);
  results.coldStart = cold;
  console.log(`  ready in ${cold.readyMs} ms (model ${cold.modelLoadMs} ms; spawn → ready ${cold.wallMs} ms)`);
  console.log(`  ${cold.texts} texts of ${cold.papers} papers embedded in ${cold.embedMs} ms: ${cold.textsPerSecond} texts/s; RSS ${cold.rssMib} MiB`);
}
await save();

section(`2. Warm start (from the cache, fresh process, median of ${runs})`);
const warm = await measureWarmStart(dataDir, runs);
results.warmStart = warm;
console.log(`  createEngine ${warm.createEngineMs} ms (runs: ${warm.createEngineRunsMs.join(', ')})`);
console.log(`  process start → ready ${warm.processStartToReadyMs} ms = Node+tsx ${warm.nodeAndTsxBootMs} + imports ${warm.importMs} + createEngine`);
console.log(`  spawn → ready (parent's clock) ${warm.wallMs} ms; RSS ${warm.rssMib} MiB`);
console.log('  breakdown (medians, each step timed alone):');
for (const [step, ms] of Object.entries(warm.breakdownMs)) console.log(`    ${step.padEnd(34)} ${ms} ms`);
await save();

section('3. Query latency (warm engine in this process; p50/p99 over per-query medians)');
const queries = await measureQueryLatency(dataDir, options.quick);
results.queries = queries;
for (const name of ['about', 'ask', 'title', 'suggest', 'similar'] as const) latencyLine(name, queries[name]);
latencyLine('(embedQuery alone)', queries.embedQuery);
console.log(`  slowest about: ${queries.slowestAbout.map((q) => `"${q.query.slice(0, 40)}" ${q.ms} ms`).join('; ')}`);
console.log(`  RSS: ${queries.rssAfterStartMib} MiB after start, ${queries.rssAfterQueriesMib} MiB after the queries`);
await save();

section(`4. Process start → first \`about\` result (fresh process, median of ${runs})`);
const first = await measureFirstAbout(dataDir, runs);
results.firstAbout = first;
console.log(`  "${first.query}": spawn → result ${first.wallMs} ms (runs: ${first.wallRunsMs.join(', ')})`);
console.log(`  = Node+tsx ${first.nodeAndTsxBootMs} + imports ${first.importMs} + createEngine ${first.createEngineMs} + first about ${first.aboutMs} ms (medians); top hit: ${first.topTitle ?? 'none'}`);
await save();

section(`5. /papers about through the bot on a warm start (real discord.js client, local fake Discord)`);
const roundTrip = await measureBotRoundTrip(dataDir, options.quick ? 5 : 20);
results.botRoundTrip = roundTrip;
console.log(`  "${roundTrip.query}": first command ${roundTrip.firstMs} ms; then p50 ${roundTrip.later.p50} ms, p99 ${roundTrip.later.p99} ms over ${roundTrip.later.n}`);
await save();

if (options.scale > 0) {
  section(`6. HNSW at scale (${options.scale} clustered 384-d unit vectors)`);
  const scale = await measureScale(options.scale, options.quick ? 300 : 1000);
  results.scale = scale;
  results.scaleEfMeetingTargets = scale.sweep.filter(meetsScaleTargets).map((row) => row.efSearch);
  console.log(`  build ${scale.buildMs} ms, save ${scale.saveMs} ms, load ${scale.loadMs} ms, file ${scale.fileMiB} MiB`);
  console.log('  efSearch  p50 ms  p99 ms  raw p99  recall@10');
  for (const row of scale.sweep) {
    console.log(`  ${String(row.efSearch).padStart(8)}  ${String(row.p50Ms).padStart(6)}  ${String(row.p99Ms).padStart(6)}  ${String(row.rawP99Ms).padStart(7)}  ${row.recallAt10}`);
  }
}

finishMachine(results.machine);
results.targets = targetRows(results);
await save();
printTable(results);
console.log(`\nFull results: ${out}`);
