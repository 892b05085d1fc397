/** Command-line options of `npm run bench`. */
import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Reuse the cache of an earlier run instead of timing a cold start. */
  readonly skipCold: boolean;
  /** Vectors in the synthetic scale run (0 skips it). */
  readonly scale: number;
  /** Where to write the JSON results; null means `<bench data dir>/bench-results.json`. */
  readonly out: string | null;
  /** Fewer repetitions, for a quick look rather than a report. */
  readonly quick: boolean;
}

export const USAGE = `Usage: npm run bench -- [--skip-cold] [--scale N] [--out FILE] [--quick]
  --skip-cold  reuse the embedding cache of an earlier run (built untimed if absent)
  --scale N    vectors in the synthetic HNSW run (default 100000; 0 skips it)
  --out FILE   write the JSON results there (default: <bench data dir>/bench-results.json)
  --quick      fewer repetitions`;

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'skip-cold': { type: 'boolean', default: false },
      scale: { type: 'string', default: '100000' },
      out: { type: 'string' },
      quick: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const scale = Number(values.scale);
  if (!Number.isInteger(scale) || scale < 0) throw new Error(`--scale must be a whole number ≥ 0, got "${values.scale}"`);
  return { skipCold: values['skip-cold'], scale, out: values.out ?? null, quick: values.quick };
}
