/**
 * Exact nearest neighbours by brute force, the ground truth for recall: a
 * dot product with every vector (all are unit length, so it is the cosine)
 * and a small sorted top-k kept by insertion.
 */

/** Labels of the `k` vectors of `data` most similar to `query`, best first. */
export function exactTopK(data: Float32Array, dimension: number, query: Float32Array, k: number): Int32Array {
  const count = data.length / dimension;
  const labels = new Int32Array(k).fill(-1);
  const scores = new Float64Array(k).fill(-Infinity);
  for (let i = 0; i < count; i++) {
    const base = i * dimension;
    let dot = 0;
    // Four accumulators let the CPU overlap the multiply-adds; dimension 384 divides by 4.
    let a = 0;
    let b = 0;
    let c = 0;
    let j = 0;
    for (; j + 3 < dimension; j += 4) {
      dot += data[base + j]! * query[j]!;
      a += data[base + j + 1]! * query[j + 1]!;
      b += data[base + j + 2]! * query[j + 2]!;
      c += data[base + j + 3]! * query[j + 3]!;
    }
    for (; j < dimension; j++) dot += data[base + j]! * query[j]!;
    dot += a + b + c;
    if (dot <= scores[k - 1]!) continue;
    let slot = k - 1;
    while (slot > 0 && scores[slot - 1]! < dot) {
      scores[slot] = scores[slot - 1]!;
      labels[slot] = labels[slot - 1]!;
      slot--;
    }
    scores[slot] = dot;
    labels[slot] = i;
  }
  return labels;
}

/** Share of the exact top-k found by an approximate search. */
export function recall(found: readonly number[], exact: Int32Array): number {
  const truth = new Set(exact);
  return found.filter((label) => truth.has(label)).length / exact.length;
}
