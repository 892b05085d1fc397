/** Command-line options of `npm run bench`. */
import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Reuse the bundled corpus' store of an earlier run instead of timing a cold start. */
  readonly skipCold: boolean;
  /** Papers in the synthetic store (0 skips that part). */
  readonly corpus: number;
  /** Build the synthetic store again even when a valid one is cached. */
  readonly rebuild: boolean;
  /** Vectors in the raw HNSW recall/latency sweep (0 skips it). */
  readonly scale: number;
  /** Where to write the JSON results; null means `<bench root>/bench-results[-<corpus>].json`. */
  readonly out: string | null;
  /** Fewer repetitions, for a quick look rather than a report. */
  readonly quick: boolean;
}

export const USAGE = `Usage: npm run bench -- [--skip-cold] [--corpus N [--rebuild]] [--scale N] [--out FILE] [--quick]
  --skip-cold  reuse the bundled corpus' store of an earlier run (built untimed if absent)
  --corpus N   also measure a synthetic store of N papers (hash-embedder vectors), e.g. 100000;
               it is cached between runs and rebuilt only when missing or invalid
  --rebuild    build (and time) the synthetic store again even if a valid one is cached
  --scale N    raw HNSW sweep (efSearch vs latency and recall) over N clustered vectors (default 0: skipped)
  --out FILE   write the JSON results there
  --quick      fewer repetitions`;

function wholeNumber(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number ≥ 0, got "${raw}"`);
  return value;
}

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'skip-cold': { type: 'boolean', default: false },
      corpus: { type: 'string', default: '0' },
      rebuild: { type: 'boolean', default: false },
      scale: { type: 'string', default: '0' },
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
  return {
    skipCold: values['skip-cold'],
    corpus: wholeNumber('corpus', values.corpus),
    rebuild: values.rebuild,
    scale: wholeNumber('scale', values.scale),
    out: values.out ?? null,
    quick: values.quick,
  };
}
