import { describe, expect, it } from 'vitest';
import { dotInt8Pair, dotInt8Unit, explorationDraw, hammingPrefilter, int8Rerank } from '../../electron/host/shaders/feed-kernels.js';
import { FEED_WEIGHTS } from '../../electron/host/shaders/ranking.js';
import { STYLE_DIMS } from '../../electron/host/shaders/style-vector.js';
import { TopK } from '../../electron/host/shaders/top-k.js';
import { CODE_WORDS, COS_OF_HAMMING, dotInt8, exploration, hamming, idHash, simHash, styleCodes, unit } from '../../electron/host/shaders/vector-codes.js';

// The feed index's loops were rewritten for speed (bit-parallel popcount, unrolled dot products,
// inline exploration hash, no allocation); these hold them to the plain definitions they replace.

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

interface Corpus {
  n: number;
  codes: Uint32Array;
  q8: Int8Array;
  scale: Float64Array;
  hot: Float64Array;
  hashes: Uint32Array;
}

/** `n` non-centred vectors (as real style vectors are) around a few centres, with their codes. */
function corpus(n: number, seed: number): Corpus {
  const rand = rng(seed);
  const centres = Array.from({ length: 5 }, () => Float32Array.from({ length: STYLE_DIMS }, () => rand()));
  const c: Corpus = { n, codes: new Uint32Array(n * CODE_WORDS), q8: new Int8Array(n * STYLE_DIMS), scale: new Float64Array(n), hot: new Float64Array(n), hashes: new Uint32Array(n) };
  for (let i = 0; i < n; i++) {
    const v = Float32Array.from(centres[i % 5]!, (x) => x * rand() + (rand() - 0.5) * 0.3);
    const s = styleCodes(v);
    c.codes.set(s.code, i * CODE_WORDS);
    c.q8.set(s.q8, i * STYLE_DIMS);
    c.scale[i] = s.scale;
    c.hot[i] = rand() * 0.6;
    c.hashes[i] = idHash(`shader-${seed}-${i}`);
  }
  return c;
}

/** The Hamming pass as first written: table popcount, vector-codes exploration, no pruning. */
function referencePrefilter(c: Corpus, skip: Uint8Array, qCode: Uint32Array, pageHash: number, k: number): Map<number, number> {
  const all: { i: number; score: number }[] = [];
  for (let i = 0; i < c.n; i++) {
    if (skip[i]) continue;
    const d = hamming(c.codes, i * CODE_WORDS, qCode);
    all.push({ i, score: FEED_WEIGHTS.similarity * COS_OF_HAMMING[d]! + FEED_WEIGHTS.hot * c.hot[i]! + FEED_WEIGHTS.exploration * exploration(pageHash, c.hashes[i]!) });
  }
  all.sort((a, b) => b.score - a.score);
  return new Map(all.slice(0, k).map((x) => [x.i, x.score]));
}

describe('feed kernels', () => {
  it('the Hamming prefilter keeps exactly the best k of the plain definition, skipping what is skipped', () => {
    const c = corpus(3000, 1);
    const rand = rng(5);
    for (let q = 0; q < 6; q++) {
      const query = Float32Array.from({ length: STYLE_DIMS }, () => rand());
      const qCode = new Uint32Array(CODE_WORDS);
      simHash(query, qCode);
      const skip = new Uint8Array(c.n);
      for (let i = q; i < c.n; i += 11) skip[i] = 1;
      const pageHash = (rand() * 4294967296) >>> 0;
      const top = new TopK(256);
      hammingPrefilter(c.codes, c.hot, c.hashes, c.n, skip, qCode, FEED_WEIGHTS, pageHash, top);
      const want = referencePrefilter(c, skip, qCode, pageHash, 256);
      expect(top.count).toBe(256);
      expect(new Set(top.slots())).toEqual(new Set(want.keys()));
      for (const i of top.slots()) expect(skip[i]).toBe(0);
    }
  });

  it('the int8 re-rank gives dotInt8 cosines and the best `limit` of weights · (cosine, hot, exploration)', () => {
    const c = corpus(800, 2);
    const query = unit(Float32Array.from({ length: STYLE_DIMS }, (_, k) => Math.sin(k)));
    const slots = Int32Array.from({ length: 300 }, (_, j) => (j * 7) % c.n);
    const sims = new Float64Array(300);
    const top = new TopK(20);
    const pageHash = 12345;
    int8Rerank(c.q8, c.scale, c.hot, c.hashes, slots, 300, query, FEED_WEIGHTS, pageHash, sims, top);
    const totals = new Map<number, number>();
    for (let j = 0; j < 300; j++) {
      const i = slots[j]!;
      const s = dotInt8(c.q8, i * STYLE_DIMS, c.scale[i]!, query);
      expect(Math.abs(sims[j]! - s)).toBeLessThan(1e-12);
      totals.set(i, FEED_WEIGHTS.similarity * s + FEED_WEIGHTS.hot * c.hot[i]! + FEED_WEIGHTS.exploration * exploration(pageHash, c.hashes[i]!));
    }
    const want = [...totals].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([i]) => i);
    expect(new Set(top.slots())).toEqual(new Set(want));
  });

  it('dot products and the exploration draw match their plain definitions', () => {
    const c = corpus(10, 3);
    for (let a = 0; a < 10; a++) {
      for (let b = 0; b < 10; b++) {
        let naive = 0;
        for (let k = 0; k < STYLE_DIMS; k++) naive += c.q8[a * STYLE_DIMS + k]! * c.q8[b * STYLE_DIMS + k]!;
        expect(dotInt8Pair(c.q8, a * STYLE_DIMS, b * STYLE_DIMS)).toBe(naive);
      }
      const v = unit(Float32Array.from({ length: STYLE_DIMS }, (_, k) => Math.cos(k * a)));
      expect(Math.abs(dotInt8Unit(c.q8, a * STYLE_DIMS, c.scale[a]!, v) - dotInt8(c.q8, a * STYLE_DIMS, c.scale[a]!, v))).toBeLessThan(1e-12);
    }
    const rand = rng(9);
    for (let i = 0; i < 1000; i++) {
      const p = (rand() * 4294967296) >>> 0;
      const h = (rand() * 4294967296) >>> 0;
      expect(explorationDraw(p, h)).toBe(exploration(p, h));
    }
  });

  it('a reset TopK is empty and reusable; slotArray holds the same slots as slots()', () => {
    const t = new TopK(3);
    for (const [s, v] of [[1, 0.5], [2, 0.9], [3, 0.1], [4, 0.7]] as const) t.push(s, v);
    expect(t.count).toBe(3);
    expect(new Set(t.slotArray().subarray(0, t.count))).toEqual(new Set([1, 2, 4]));
    t.reset();
    expect(t.count).toBe(0);
    expect(t.floor()).toBe(-Infinity);
    t.push(9, 0.2);
    expect(t.slots()).toEqual([9]);
  });
});
