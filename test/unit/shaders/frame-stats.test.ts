import { describe, expect, it } from 'vitest';
import { computeFrameStats, litFraction, type RawFrame } from '../../../worker/render/frame-stats.js';

const W = 64;
const H = 36;
function frame(fn: (x: number, y: number) => [number, number, number]): RawFrame {
  const rgba = new Uint8Array(W * H * 4);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) rgba.set([...fn(x, y), 255], (y * W + x) * 4);
  return { rgba, width: W, height: H };
}
const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);

describe('computeFrameStats', () => {
  it('black frames: everything black, no colour, all energy in the lowest band', async () => {
    const s = await computeFrameStats([frame(() => [0, 0, 0])]);
    expect(s.blackFraction).toBe(1);
    expect(s.meanBrightness).toBe(0);
    expect(s.hueHistogram).toEqual(new Array(12).fill(0));
    expect(s.valueHistogram[0]).toBeCloseTo(1);
    expect(s.spatialFrequency).toEqual([1, 0, 0, 0]);
    expect(s.edgeDensity).toBe(0);
    expect(litFraction(frame(() => [0, 0, 0]))).toBe(0);
  });

  it('pure red: hue bin 0, fully saturated, colourful', async () => {
    const s = await computeFrameStats([frame(() => [255, 0, 0])]);
    expect(s.hueHistogram[0]).toBeCloseTo(1);
    expect(s.saturationHistogram[7]).toBeCloseTo(1);
    expect(s.colorfulness).toBeGreaterThan(0.4);
    expect(s.blackFraction).toBe(0);
  });

  it('histograms are distributions; a fine checkerboard has high-frequency energy and edges, a ramp does not', async () => {
    const checker = await computeFrameStats([frame((x, y) => ((x + y) % 2 ? [255, 255, 255] : [0, 0, 0]))]);
    const ramp = await computeFrameStats([frame((x) => [x * 4, x * 4, x * 4])]);
    for (const s of [checker, ramp]) {
      expect(sum(s.saturationHistogram)).toBeCloseTo(1);
      expect(sum(s.valueHistogram)).toBeCloseTo(1);
      expect(sum(s.spatialFrequency)).toBeCloseTo(1);
    }
    expect(checker.spatialFrequency[3]).toBeGreaterThan(0.9);
    expect(ramp.spatialFrequency[0]).toBeGreaterThan(0.9);
    expect(checker.contrast).toBeGreaterThan(0.45);
    // A coarse checker (8 px squares) has edges only on square borders.
    const coarse = await computeFrameStats([frame((x, y) => ((Math.floor(x / 8) + Math.floor(y / 8)) % 2 ? [255, 255, 255] : [0, 0, 0]))]);
    expect(coarse.edgeDensity).toBeGreaterThan(0.2);
    expect(coarse.edgeDensity).toBeLessThan(0.6);
    expect(ramp.edgeDensity).toBe(0);
  });

  it('motion energy is the mean luma change between consecutive frames', async () => {
    const dark = frame(() => [0, 0, 0]);
    const bright = frame(() => [255, 255, 255]);
    expect((await computeFrameStats([dark, dark])).motionEnergy).toBe(0);
    expect((await computeFrameStats([dark, bright, dark])).motionEnergy).toBeCloseTo(1, 2);
  });

  it('litFraction counts pixels at full resolution, so a few bright stars are not black', () => {
    const stars = frame((x, y) => (x % 16 === 0 && y % 9 === 0 ? [200, 200, 255] : [0, 0, 0]));
    expect(litFraction(stars)).toBeCloseTo(16 / (W * H), 5);
  });
});
