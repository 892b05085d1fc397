import { describe, expect, it } from 'vitest';
import { cosine } from '../../src/embedding/embedder.js';
import { decodeFloat32, decodeInt8, encodeFloat32, encodeInt8, quantisedBytes } from '../../src/store/vector-codec.js';

/** Unit vectors with a fixed pseudo-random spread, shaped like bge's (384-d, small components). */
function unitVectors(count: number, dimension: number, seed: number): Float32Array[] {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 2 - 1;
  return Array.from({ length: count }, () => {
    const v = Float32Array.from({ length: dimension }, next);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

describe('float32 BLOBs (document vectors)', () => {
  it('GIVEN a vector THEN it round-trips exactly, even from a BLOB that is not 4-byte aligned', () => {
    const [vector] = unitVectors(1, 384, 7);
    const blob = encodeFloat32(vector!);
    expect(blob.byteLength).toBe(384 * 4);
    const misaligned = Buffer.alloc(blob.byteLength + 1);
    blob.copy(misaligned, 1);
    expect(decodeFloat32(misaligned.subarray(1), 384)).toEqual(vector);
  });

  it('GIVEN a BLOB of the wrong size THEN decoding throws instead of returning a wrong vector', () => {
    expect(() => decodeFloat32(Buffer.alloc(10), 384)).toThrow(RangeError);
  });
});

describe('int8 BLOBs (sentence vectors)', () => {
  it('GIVEN 200 vectors THEN each takes 388 bytes and every cosine moves by under 0.002', () => {
    const vectors = unitVectors(200, 384, 11);
    const blob = encodeInt8(vectors, 384);
    expect(blob.byteLength).toBe(200 * quantisedBytes(384));
    expect(quantisedBytes(384)).toBe(388);
    const decoded = decodeInt8(blob, 200, 384);
    const [query] = unitVectors(1, 384, 99);
    let worst = 0;
    for (const [i, v] of vectors.entries()) worst = Math.max(worst, Math.abs(cosine(query!, v) - cosine(query!, decoded[i]!)));
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThan(0.002);
  });

  it('GIVEN no vectors, or an all-zero one THEN both round-trip', () => {
    expect(decodeInt8(encodeInt8([], 384), 0, 384)).toEqual([]);
    expect(decodeInt8(encodeInt8([new Float32Array(4)], 4), 1, 4)).toEqual([new Float32Array(4)]);
  });

  it('GIVEN a count that does not match the BLOB THEN decoding throws', () => {
    const blob = encodeInt8(unitVectors(3, 8, 1), 8);
    expect(() => decodeInt8(blob, 4, 8)).toThrow(RangeError);
    expect(() => encodeInt8([new Float32Array(7)], 8)).toThrow(RangeError);
  });
});
