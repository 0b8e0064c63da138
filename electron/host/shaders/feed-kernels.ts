import { STYLE_DIMS } from './style-vector.js';
import { CODE_WORDS, COS_OF_HAMMING } from './vector-codes.js';
import { TopK } from './top-k.js';

/**
 * The feed index's inner loops (feed-index.ts), as plain functions over typed arrays so V8
 * optimises each on its own (inlined into a bigger caller the Hamming pass ran several times
 * slower). They allocate nothing: no boxed doubles cross a call in the loops (exploration is
 * hashed inline), so a feed page leaves little for the young-generation GC, whose pauses set
 * the page's p95 (bench/feed.ts).
 */

export interface KernelWeights {
  similarity: number;
  hot: number;
  exploration: number;
}

// The SimHash code is 16 words; the SWAR popcount below sums 8 words per byte accumulator
// (each byte ≤ 8 per word, ≤ 64 after 8 words, far under 255).
if (CODE_WORDS !== 16) throw new Error(`feed-kernels: the Hamming pass assumes 16 code words, got ${CODE_WORDS}`);

/**
 * Stage 1 over every shader not skipped: weights · (cos(π·hamming/512), hot, exploration),
 * the best kept in `into`. Bit-parallel popcount (no 64 KiB table to miss in L1); the
 * exploration hash only for shaders that could still enter with the largest draw.
 */
export function hammingPrefilter(codes: Uint32Array, hot: Float64Array, idHashes: Uint32Array, n: number, skip: Uint8Array, qCode: Uint32Array, w: KernelWeights, pageHash: number, into: TopK): void {
  const ws = w.similarity;
  const wh = w.hot;
  const we = w.exploration;
  const maxExplore = Math.max(0, we);
  let floor = into.floor();
  for (let i = 0, at = 0; i < n; i++, at += 16) {
    if (skip[i]) continue;
    let lo = 0;
    let hi = 0;
    for (let k = 0; k < 8; k++) {
      let x = (codes[at + k] as number) ^ (qCode[k] as number);
      x -= (x >>> 1) & 0x55555555;
      x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
      lo += (x + (x >>> 4)) & 0x0f0f0f0f;
    }
    for (let k = 8; k < 16; k++) {
      let x = (codes[at + k] as number) ^ (qCode[k] as number);
      x -= (x >>> 1) & 0x55555555;
      x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
      hi += (x + (x >>> 4)) & 0x0f0f0f0f;
    }
    const d = (Math.imul(lo, 0x01010101) >>> 24) + (Math.imul(hi, 0x01010101) >>> 24);
    const base = ws * (COS_OF_HAMMING[d] as number) + wh * (hot[i] as number);
    // Cannot enter even with the largest exploration draw: skip the hash.
    if (base + maxExplore <= floor) continue;
    into.push(i, base + we * explorationDraw(pageHash, idHashes[i] as number));
    floor = into.floor();
  }
}

/**
 * Stage 2: the int8 cosine of each candidate slot with the unit query, into `sims` (same order
 * as `slots`), and weights · (cosine, hot, exploration) of each pushed into `into`.
 */
export function int8Rerank(q8: Int8Array, scale: Float64Array, hot: Float64Array, idHashes: Uint32Array, slots: Int32Array, count: number, qUnit: Float64Array, w: KernelWeights, pageHash: number, sims: Float64Array, into: TopK): void {
  for (let j = 0; j < count; j++) {
    const i = slots[j] as number;
    const at = i * STYLE_DIMS;
    // Four running sums: independent adds the CPU overlaps (one chain was ~40 % slower).
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < STYLE_DIMS; k += 4) {
      s0 += (q8[at + k] as number) * (qUnit[k] as number);
      s1 += (q8[at + k + 1] as number) * (qUnit[k + 1] as number);
      s2 += (q8[at + k + 2] as number) * (qUnit[k + 2] as number);
      s3 += (q8[at + k + 3] as number) * (qUnit[k + 3] as number);
    }
    const s = (s0 + s1 + (s2 + s3)) * (scale[i] as number);
    sims[j] = s;
    into.push(i, w.similarity * s + w.hot * (hot[i] as number) + w.exploration * explorationDraw(pageHash, idHashes[i] as number));
  }
}

/** Integer dot product of two int8 rows of the same array (exact; the caller applies both scales). */
export function dotInt8Pair(q8: Int8Array, a: number, b: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let k = 0; k < STYLE_DIMS; k += 4) {
    s0 += (q8[a + k] as number) * (q8[b + k] as number);
    s1 += (q8[a + k + 1] as number) * (q8[b + k + 1] as number);
    s2 += (q8[a + k + 2] as number) * (q8[b + k + 2] as number);
    s3 += (q8[a + k + 3] as number) * (q8[b + k + 3] as number);
  }
  return s0 + s1 + s2 + s3;
}

/** Cosine of the int8 row at `at` (times its scale) with a unit float vector. */
export function dotInt8Unit(q8: Int8Array, at: number, scale: number, v: Float64Array): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let k = 0; k < STYLE_DIMS; k += 4) {
    s0 += (q8[at + k] as number) * (v[k] as number);
    s1 += (q8[at + k + 1] as number) * (v[k + 1] as number);
    s2 += (q8[at + k + 2] as number) * (v[k + 2] as number);
    s3 += (q8[at + k + 3] as number) * (v[k + 3] as number);
  }
  return (s0 + s1 + (s2 + s3)) * scale;
}

/** The unit vector of `v` into `out` (zeros for a zero vector): vector-codes.ts unit() without allocating. */
export function unitInto(v: Float32Array, out: Float64Array): void {
  let norm = 0;
  for (let i = 0; i < STYLE_DIMS; i++) norm += (v[i] as number) ** 2;
  const k = norm === 0 ? 0 : 1 / Math.sqrt(norm);
  for (let i = 0; i < STYLE_DIMS; i++) out[i] = (v[i] as number) * k;
}

/** The buffers of a ranking query, reused from one query to the next (queries run one at a time). */
export class RankScratch {
  /** One flag per slot, all 0 between queries (a query clears the ones it set). */
  skip = new Uint8Array(0);
  qCode = new Uint32Array(CODE_WORDS);
  qUnit = new Float64Array(STYLE_DIMS);
  first = new TopK(1);
  second = new TopK(1);
  /** The int8 cosine of each of first's slots, in first's order. */
  sims = new Float64Array(1);

  /** Sized for `cap` slots, a prefilter of `prefilter` and `limit` results, both heaps empty. */
  ready(cap: number, prefilter: number, limit: number): this {
    if (this.skip.length < cap) this.skip = new Uint8Array(cap);
    if (this.first.k !== prefilter) {
      this.first = new TopK(prefilter);
      this.sims = new Float64Array(prefilter);
    }
    if (this.second.k !== limit) this.second = new TopK(limit);
    this.first.reset();
    this.second.reset();
    return this;
  }
}

/**
 * vector-codes.ts exploration(pageHash, idHash) with fmix32 written out, so the hot loops make no
 * call that returns a double (a boxed heap number per shader otherwise). Same bits, same value.
 */
export function explorationDraw(pageHash: number, idHash: number): number {
  let h = (pageHash ^ idHash) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
