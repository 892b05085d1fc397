/**
 * Vectors as BLOBs. Document vectors stay float32 (the vector index is
 * rebuilt from them, so they must be exact). Sentence vectors, ten per paper,
 * are quantised to int8 with one float32 scale each: 388 bytes instead of
 * 1,536, which keeps a 100,000-paper store near 1 GB instead of 2.4 GB, and
 * moves a cosine by under 0.002 — far below the gaps summaries choose on.
 * Byte order is little-endian on every platform Node runs on here (x86-64, arm64).
 */
import type { Vector } from '../embedding/embedder.js';

const FLOAT_BYTES = 4;
const INT8_MAX = 127;

export function encodeFloat32(vector: Vector): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

/** Copies, because a BLOB's bytes need not be 4-byte aligned for a Float32Array view. */
export function decodeFloat32(blob: Uint8Array, dimension: number): Vector {
  if (blob.byteLength !== dimension * FLOAT_BYTES) {
    throw new RangeError(`vector BLOB has ${blob.byteLength} bytes, expected ${dimension * FLOAT_BYTES}`);
  }
  const out = new Float32Array(dimension);
  new Uint8Array(out.buffer).set(blob);
  return out;
}

/** Bytes one quantised vector takes: its scale, then one signed byte per component. */
export function quantisedBytes(dimension: number): number {
  return FLOAT_BYTES + dimension;
}

export function encodeInt8(vectors: readonly Vector[], dimension: number): Buffer {
  const stride = quantisedBytes(dimension);
  const out = Buffer.alloc(vectors.length * stride);
  vectors.forEach((vector, row) => {
    if (vector.length !== dimension) throw new RangeError(`vector has ${vector.length} dimensions, expected ${dimension}`);
    let max = 0;
    for (const x of vector) max = Math.max(max, Math.abs(x));
    const scale = max === 0 ? 1 : max / INT8_MAX;
    const base = row * stride;
    out.writeFloatLE(scale, base);
    for (let i = 0; i < dimension; i++) out.writeInt8(Math.round((vector[i] ?? 0) / scale), base + FLOAT_BYTES + i);
  });
  return out;
}

export function decodeInt8(blob: Uint8Array, count: number, dimension: number): Vector[] {
  const stride = quantisedBytes(dimension);
  if (blob.byteLength !== count * stride) {
    throw new RangeError(`sentence BLOB has ${blob.byteLength} bytes, expected ${count * stride} for ${count} vectors`);
  }
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  return Array.from({ length: count }, (_, row) => {
    const base = row * stride;
    const scale = view.getFloat32(base, true);
    const vector = new Float32Array(dimension);
    for (let i = 0; i < dimension; i++) vector[i] = view.getInt8(base + FLOAT_BYTES + i) * scale;
    return vector;
  });
}
