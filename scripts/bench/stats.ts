/**
 * Summary statistics for benchmark samples. Percentiles interpolate linearly
 * between the closest ranks (the "type 7" definition most tools use), so a
 * p99 over 150 samples is not just the maximum.
 */

export interface Summary {
  readonly n: number;
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

/** The `p`-th percentile (0–100) of `samples`; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low]!;
  return lowValue + (sorted[high]! - lowValue) * (rank - low);
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export function summarise(samples: readonly number[]): Summary {
  const sum = samples.reduce((total, x) => total + x, 0);
  return {
    n: samples.length,
    p50: round(percentile(samples, 50)),
    p99: round(percentile(samples, 99)),
    mean: round(samples.length === 0 ? Number.NaN : sum / samples.length),
    min: round(Math.min(...samples)),
    max: round(Math.max(...samples)),
  };
}

/**
 * Latencies of items (queries) each timed several times. `p50`/`p99` are over
 * every call; the `itemMedian…` pair is over each item's median call, which
 * drops one-off stalls from a shared, busy machine (a preempted thread) while
 * keeping the real differences between cheap and expensive items.
 */
export interface RepeatedSummary extends Summary {
  readonly itemMedianP50: number;
  readonly itemMedianP99: number;
}

export function summariseRepeated(perItem: readonly (readonly number[])[]): RepeatedSummary {
  const medians = perItem.map((calls) => median(calls));
  return {
    ...summarise(perItem.flat()),
    itemMedianP50: round(percentile(medians, 50)),
    itemMedianP99: round(percentile(medians, 99)),
  };
}

/** Rounds for printing and JSON: three decimals are below timer resolution for ms values. */
export function round(x: number, decimals = 3): number {
  const factor = 10 ** decimals;
  return Math.round(x * factor) / factor;
}

/** Milliseconds since `start` (a performance.now() reading), to a tenth. */
export function since(start: number): number {
  return round(performance.now() - start, 1);
}

/** A millisecond figure for people: two decimals below 10 ms, one above. */
export function fmt(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}
