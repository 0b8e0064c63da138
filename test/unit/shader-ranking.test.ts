import { describe, expect, it } from 'vitest';
import {
  classifyDwell,
  desireHeat,
  emaTaste,
  feedScore,
  hotScore,
  SIGNAL_WEIGHTS,
  TASTE_ALPHA,
  wilsonLowerBound,
} from '../../electron/host/shaders/ranking.js';
import { cosine } from '../../electron/host/shaders/text-hash.js';

describe('Wilson lower bound (seed §8, z = 1.96)', () => {
  it('matches hand-computed values', () => {
    // p = 1, n = 1: (1 + 1.9208 − 1.96·√0.9604) / 4.8416
    expect(wilsonLowerBound(1, 0)).toBeCloseTo(0.20654, 4);
    // p = 1, n = 10: (1 + 0.19208 − 1.96·0.098) / 1.38416
    expect(wilsonLowerBound(10, 0)).toBeCloseTo(0.72246, 4);
    expect(wilsonLowerBound(5, 5)).toBeCloseTo(0.23659, 4);
    expect(wilsonLowerBound(80, 20)).toBeCloseTo(0.71117, 4);
  });

  it('is 0 without votes and without upvotes, below 1 even when unanimous', () => {
    expect(wilsonLowerBound(0, 0)).toBe(0);
    expect(wilsonLowerBound(0, 7)).toBeCloseTo(0, 12);
    expect(wilsonLowerBound(1000, 0)).toBeLessThan(1);
    expect(wilsonLowerBound(1000, 0)).toBeGreaterThan(0.99);
  });

  it('rewards confidence: 10/0 beats 1/0, and 100/10 beats 10/1 at the same ratio', () => {
    expect(wilsonLowerBound(10, 0)).toBeGreaterThan(wilsonLowerBound(1, 0));
    expect(wilsonLowerBound(100, 10)).toBeGreaterThan(wilsonLowerBound(10, 1));
  });
});

describe('hot score = Wilson × 1/(1 + age_hours/48)', () => {
  it('follows the seed formula', () => {
    expect(hotScore(10, 0, 0)).toBeCloseTo(0.72246, 4);
    expect(hotScore(10, 0, 48)).toBeCloseTo(0.72246 / 2, 4);
    expect(hotScore(10, 0, 96)).toBeCloseTo(0.72246 / 3, 4);
    expect(hotScore(3, 1, 12)).toBeCloseTo(wilsonLowerBound(3, 1) / 1.25, 10);
  });

  it('is 0 with no votes and treats a future timestamp as age 0', () => {
    expect(hotScore(0, 0, 5)).toBe(0);
    expect(hotScore(4, 0, -10)).toBe(hotScore(4, 0, 0));
  });
});

describe('desire heat = ln(similar + 1) × 1/(1 + age_hours/24)', () => {
  it('follows the seed formula', () => {
    expect(desireHeat(1, 0)).toBeCloseTo(Math.LN2, 10);
    expect(desireHeat(3, 24)).toBeCloseTo(Math.log(4) / 2, 10);
    expect(desireHeat(0, 0)).toBe(0);
    expect(desireHeat(5, 0)).toBeGreaterThan(desireHeat(2, 0));
    expect(desireHeat(5, 48)).toBeLessThan(desireHeat(5, 1));
  });
});

describe('taste EMA (α = 0.15)', () => {
  const a = Float32Array.from({ length: 8 }, (_, i) => (i < 4 ? 0.5 : 0));
  const b = Float32Array.from({ length: 8 }, (_, i) => (i >= 4 ? 0.5 : 0));

  it('starts from zero: α · style · weight', () => {
    const t = emaTaste(null, a, SIGNAL_WEIGHTS.upvote);
    expect(TASTE_ALPHA).toBe(0.15);
    expect(t[0]).toBeCloseTo(0.15 * 0.5, 6);
    expect(t[5]).toBe(0);
  });

  it('blends new = α·s·w + (1−α)·current element-wise', () => {
    const cur = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const t = emaTaste(cur, a, -0.8);
    for (let i = 0; i < 8; i++) expect(t[i]).toBeCloseTo(0.15 * (a[i] as number) * -0.8 + 0.85 * (cur[i] as number), 5);
  });

  it('moves toward liked styles and away from skipped ones', () => {
    let t: Float32Array | null = null;
    for (let i = 0; i < 5; i++) t = emaTaste(t, a, SIGNAL_WEIGHTS.upvote);
    for (let i = 0; i < 5; i++) t = emaTaste(t, b, SIGNAL_WEIGHTS.skip);
    expect(cosine(t!, a)).toBeGreaterThan(0.5);
    expect(cosine(t!, b)).toBeLessThan(0);
  });

  it('refuses vectors of different sizes', () => {
    expect(() => emaTaste(new Float32Array(4), a, 1)).toThrow(/dimensions/);
  });
});

describe('dwell signals', () => {
  it('ignores flicks, counts skips and long dwells (seed weights)', () => {
    expect(classifyDwell(0.4, false)).toEqual({ signal: 'ignored', weight: null });
    expect(classifyDwell(1.5, false)).toEqual({ signal: 'skip', weight: -0.4 });
    expect(classifyDwell(5, false)).toEqual({ signal: 'dwell', weight: null });
    expect(classifyDwell(12, false)).toEqual({ signal: 'dwell_10s', weight: 0.3 });
    expect(classifyDwell(31, false)).toEqual({ signal: 'dwell_30s', weight: 0.6 });
    expect(classifyDwell(31, true)).toEqual({ signal: 'dwell_30s', weight: null });
  });
});

it('feed score weighs similarity 0.6, hot 0.3, exploration 0.1', () => {
  expect(feedScore(1, 0, 0)).toBeCloseTo(0.6, 10);
  expect(feedScore(0, 1, 0)).toBeCloseTo(0.3, 10);
  expect(feedScore(0, 0, 1)).toBeCloseTo(0.1, 10);
  expect(feedScore(0.5, 0.2, 0.7)).toBeCloseTo(0.3 + 0.06 + 0.07, 10);
});
