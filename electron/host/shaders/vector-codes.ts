import { STYLE_DIMS } from './style-vector.js';
import { fmix32, fnv1a } from './text-hash.js';

/**
 * Compact codes of a 512-d style vector for the in-memory feed index (feed-index.ts):
 *
 *  - a 512-bit SimHash: the signs of the vector after a fixed random rotation (random ±1 per
 *    dimension, then a Walsh–Hadamard transform). The Hamming distance d of two codes estimates
 *    their angle as π·d/512 whatever the vectors' distribution (style vectors are far from
 *    centred), so cos(π·d/512) is a cheap similarity for a whole-library prefilter.
 *  - an int8 copy of the unit vector with one scale per vector, for re-ranking the prefilter's
 *    candidates (cosine error ~1e-4) without holding 2 KiB of floats per shader in memory.
 */

export const CODE_WORDS = STYLE_DIMS / 32;

// Fixed signs so codes stay comparable across restarts (the index is rebuilt, never persisted).
const SIGNS = Float64Array.from({ length: STYLE_DIMS }, (_, i) => (fnv1a(`simhash-sign:${i}`) & 1 ? 1 : -1));

/** 16-bit popcounts: two lookups per 32-bit word (JS has no popcount instruction). */
export const POP16 = (() => {
  const t = new Uint8Array(65536);
  for (let i = 1; i < 65536; i++) t[i] = (t[i >> 1] as number) + (i & 1);
  return t;
})();

/** cos(π·d/512) for every Hamming distance d. */
export const COS_OF_HAMMING = Float64Array.from({ length: STYLE_DIMS + 1 }, (_, d) => Math.cos((Math.PI * d) / STYLE_DIMS));

const scratch = new Float64Array(STYLE_DIMS);

/** The fixed rotation of `v`, in a shared scratch buffer (valid until the next call). */
function rotate(v: ArrayLike<number>): Float64Array {
  const y = scratch;
  for (let i = 0; i < STYLE_DIMS; i++) y[i] = (v[i] as number) * (SIGNS[i] as number);
  // In-place fast Walsh–Hadamard transform.
  for (let h = 1; h < STYLE_DIMS; h <<= 1) {
    for (let i = 0; i < STYLE_DIMS; i += h << 1) {
      for (let j = i; j < i + h; j++) {
        const a = y[j] as number;
        const b = y[j + h] as number;
        y[j] = a + b;
        y[j + h] = a - b;
      }
    }
  }
  return y;
}

/** Writes the SimHash of `v` into `out` at word offset `at`. */
export function simHash(v: ArrayLike<number>, out: Uint32Array, at = 0): void {
  const y = rotate(v);
  for (let w = 0; w < CODE_WORDS; w++) {
    let word = 0;
    for (let b = 0; b < 32; b++) if ((y[w * 32 + b] as number) > 0) word |= 1 << b;
    out[at + w] = word >>> 0;
  }
}

/** Hamming distance between the code at `at` in `codes` and `query`. */
export function hamming(codes: Uint32Array, at: number, query: Uint32Array): number {
  let d = 0;
  for (let w = 0; w < CODE_WORDS; w++) {
    const x = ((codes[at + w] as number) ^ (query[w] as number)) >>> 0;
    d += (POP16[x & 0xffff] as number) + (POP16[x >>> 16] as number);
  }
  return d;
}

/**
 * Writes the unit vector of `v` as int8 into `out` at `at` and returns the factor that turns an
 * int8 dot product with a unit query back into a cosine (0 for a zero vector).
 */
export function quantize(v: ArrayLike<number>, out: Int8Array, at: number): number {
  let norm = 0;
  let max = 0;
  for (let i = 0; i < STYLE_DIMS; i++) {
    const x = v[i] as number;
    norm += x * x;
    if (Math.abs(x) > max) max = Math.abs(x);
  }
  if (norm === 0 || max === 0) {
    out.fill(0, at, at + STYLE_DIMS);
    return 0;
  }
  const k = 127 / max;
  for (let i = 0; i < STYLE_DIMS; i++) out[at + i] = Math.round((v[i] as number) * k);
  return 1 / (k * Math.sqrt(norm));
}

/** The unit vector of `v` (zeros for a zero vector) as float64 for dot products. */
export function unit(v: ArrayLike<number>): Float64Array {
  let norm = 0;
  for (let i = 0; i < STYLE_DIMS; i++) norm += (v[i] as number) ** 2;
  const out = new Float64Array(STYLE_DIMS);
  if (norm === 0) return out;
  const k = 1 / Math.sqrt(norm);
  for (let i = 0; i < STYLE_DIMS; i++) out[i] = (v[i] as number) * k;
  return out;
}

/** Approximate cosine of the int8 vector at `at` with a unit query. */
export function dotInt8(q8: Int8Array, at: number, scale: number, query: Float64Array): number {
  let s = 0;
  for (let i = 0; i < STYLE_DIMS; i++) s += (q8[at + i] as number) * (query[i] as number);
  return s * scale;
}

export interface StyleCodes {
  code: Uint32Array;
  q8: Int8Array;
  scale: number;
}

/** Both codes of one vector (what shader_style_codes stores). */
export function styleCodes(v: ArrayLike<number>): StyleCodes {
  const code = new Uint32Array(CODE_WORDS);
  simHash(v, code);
  const q8 = new Int8Array(STYLE_DIMS);
  const scale = quantize(v, q8, 0);
  return { code, q8, scale };
}

/** Hash of a feed page's key ("<session seed>:<page>"), mixed with each shader's id hash below. */
export const pageKeyHash = (key: string): number => fnv1a(`feed-explore:${key}`);
export const idHash = (id: string): number => fnv1a(id);

/**
 * The feed's exploration term (seed §8 `RANDOM()`): uniform in [0, 1), reproducible per page and
 * shader, and cheap enough to draw for every shader in the library on every page.
 */
export function exploration(pageHash: number, shaderIdHash: number): number {
  return fmix32((pageHash ^ shaderIdHash) >>> 0) / 4294967296;
}
