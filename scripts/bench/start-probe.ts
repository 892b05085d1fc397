/**
 * The probe: a child process that starts the engine one way, measures, and
 * prints one JSON line. Start-up is measured in a fresh process because
 * booting Node, importing native modules and loading the model are part of
 * what a user waits for.
 *
 *   node --import tsx scripts/bench/start-probe.ts <cold|warm|breakdown|add> '<JSON arguments>'
 *
 * Only type imports are static: each mode's module (and the engine with it)
 * is imported inside the timed region, so `entered` is Node + tsx alone.
 */
import type { ProbeArgs, ProbeMode, ProbeResult } from './probe-types.js';

const entered = performance.now();

async function main(): Promise<ProbeResult> {
  const [mode, json] = process.argv.slice(2) as [ProbeMode | undefined, string | undefined];
  if (mode === undefined || json === undefined) throw new Error("usage: start-probe.ts <cold|warm|breakdown|add> '<JSON arguments>'");
  const started = performance.now();
  const importMs = (): number => Math.round((performance.now() - started) * 10) / 10;
  switch (mode) {
    case 'cold':
      return (await import('./probe-cold.js')).coldProbe(JSON.parse(json) as ProbeArgs['cold']);
    case 'warm':
      return (await import('./probe-warm.js')).warmProbe(JSON.parse(json) as ProbeArgs['warm'], { entered, importMs: importMs() });
    case 'breakdown':
      return (await import('./probe-breakdown.js')).breakdownProbe(JSON.parse(json) as ProbeArgs['breakdown'], importMs());
    case 'add':
      return (await import('./probe-add.js')).addProbe(JSON.parse(json) as ProbeArgs['add']);
    default:
      throw new Error(`unknown probe mode: ${String(mode)}`);
  }
}

const result = await main();
// Exit once the line is out: the measurement is over, and a lingering native handle must not hold the parent up.
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
