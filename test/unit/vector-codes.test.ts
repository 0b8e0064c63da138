import { describe, expect, it } from 'vitest';
import { cosine } from '../../electron/host/shaders/text-hash.js';
import { STYLE_DIMS } from '../../electron/host/shaders/style-vector.js';
import { CODE_WORDS, COS_OF_HAMMING, dotInt8, exploration, hamming, idHash, pageKeyHash, quantize, simHash, unit } from '../../electron/host/shaders/vector-codes.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}
/** Non-centred like real style vectors (histogram-like blocks are all ≥ 0) unless `centred`. */
function vec(rand: () => number, centred = false): Float32Array {
  return Float32Array.from({ length: STYLE_DIMS }, () => (centred ? rand() - 0.5 : rand() * rand()));
}

describe('int8 copy', () => {
  it('gives the float cosine within 1e-3, for unnormalised, non-centred and zero vectors', () => {
    const rand = rng(1);
    const q8 = new Int8Array(STYLE_DIMS);
    let worst = 0;
    for (let i = 0; i < 300; i++) {
      const a = vec(rand, i % 2 === 0);
      const b = vec(rand, i % 3 === 0).map((x) => x * 7);
      const scale = quantize(b, q8, 0);
      worst = Math.max(worst, Math.abs(dotInt8(q8, 0, scale, unit(a)) - cosine(a, b)));
    }
    expect(worst).toBeLessThan(1e-3);
    expect(quantize(new Float32Array(STYLE_DIMS), q8, 0)).toBe(0);
    expect(dotInt8(q8, 0, 0, unit(vec(rand)))).toBe(0);
  });
});

describe('SimHash', () => {
  it('estimates the cosine from the Hamming distance, also for non-centred vectors', () => {
    const rand = rng(2);
    const a = new Uint32Array(CODE_WORDS);
    const b = new Uint32Array(CODE_WORDS);
    let sumErr = 0;
    for (let i = 0; i < 200; i++) {
      const x = vec(rand);
      // Pairs from near-identical to unrelated.
      const mix = rand();
      const y = vec(rand).map((v, k) => mix * (x[k] as number) + (1 - mix) * v);
      simHash(x, a);
      simHash(y, b);
      const est = COS_OF_HAMMING[hamming(a, 0, b)] as number;
      sumErr += Math.abs(est - cosine(x, y));
    }
    expect(sumErr / 200).toBeLessThan(0.06);
    simHash(vec(rng(3)), a);
    expect(hamming(a, 0, a)).toBe(0);
  });
});

describe('exploration draw', () => {
  it('is reproducible per page and shader, differs across pages and is uniform on [0, 1)', () => {
    const ph = pageKeyHash('42:0');
    expect(exploration(ph, idHash('abc'))).toBe(exploration(pageKeyHash('42:0'), idHash('abc')));
    expect(exploration(ph, idHash('abc'))).not.toBe(exploration(pageKeyHash('42:1'), idHash('abc')));
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 20_000; i++) {
      const e = exploration(ph, idHash(`shader-${i}`));
      expect(e).toBeGreaterThanOrEqual(0);
      expect(e).toBeLessThan(1);
      buckets[Math.floor(e * 10)]++;
    }
    for (const b of buckets) expect(Math.abs(b - 2000)).toBeLessThan(200);
  });
});
