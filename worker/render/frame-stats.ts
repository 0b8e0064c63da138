/**
 * FrameStats (shared/shaders/render-contract.ts) from sampled rendered frames: sharp
 * downsamples each frame (area-averaging, so fine detail is measured honestly), the statistics
 * are computed on the small luma/RGB arrays. Also the full-resolution checks the validity of a
 * render depends on (how much of a frame is lit, which downsampling would blur away).
 */
import sharp from 'sharp';
import type { FrameStats } from '../../shared/shaders/render-contract.js';

export interface RawFrame {
  /** Top-down RGBA8. */
  rgba: Uint8Array;
  width: number;
  height: number;
}

/** Analysis width: enough for edges and four frequency bands, cheap on two cores. */
const ANALYSIS_WIDTH = 160;
const BLACK_LUMA = 0.04;
/** Sobel magnitude (luma 0..1) that counts as an edge: a hard step of ~0.12. */
const EDGE_THRESHOLD = 0.5;

interface Small {
  w: number;
  h: number;
  rgb: Uint8Array;
  luma: Float32Array;
}

async function downsample(f: RawFrame): Promise<Small> {
  const w = Math.min(ANALYSIS_WIDTH, f.width);
  const h = Math.max(1, Math.round((f.height * w) / f.width));
  const rgb = await sharp(f.rgba, { raw: { width: f.width, height: f.height, channels: 4 } })
    .removeAlpha()
    .resize(w, h, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer();
  const luma = new Float32Array(w * h);
  for (let i = 0; i < luma.length; i++) luma[i] = (0.2126 * rgb[i * 3]! + 0.7152 * rgb[i * 3 + 1]! + 0.0722 * rgb[i * 3 + 2]!) / 255;
  return { w, h, rgb: new Uint8Array(rgb.buffer, rgb.byteOffset, rgb.length), luma };
}

function hsv(r: number, g: number, b: number): [number, number, number] {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  let h = 0;
  if (d > 0) {
    if (max === r) h = ((g - b) / d + 6) % 6;
    else if (max === g) h = (b - r) / d + 2;
    else h = (r - g) / d + 4;
  }
  return [h * 60, max === 0 ? 0 : d / max, max];
}

const normalise = (v: number[]): number[] => {
  const s = v.reduce((a, b) => a + b, 0);
  return s > 0 ? v.map((x) => x / s) : v.map(() => 0);
};

/** Box-filter halving for the pyramid. */
function half(src: Float32Array, w: number, h: number): { data: Float32Array; w: number; h: number } {
  const w2 = Math.max(1, w >> 1);
  const h2 = Math.max(1, h >> 1);
  const out = new Float32Array(w2 * h2);
  for (let y = 0; y < h2; y++) {
    for (let x = 0; x < w2; x++) {
      const x0 = Math.min(w - 1, 2 * x);
      const y0 = Math.min(h - 1, 2 * y);
      const x1 = Math.min(w - 1, x0 + 1);
      const y1 = Math.min(h - 1, y0 + 1);
      out[y * w2 + x] = (src[y0 * w + x0]! + src[y0 * w + x1]! + src[y1 * w + x0]! + src[y1 * w + x1]!) / 4;
    }
  }
  return { data: out, w: w2, h: h2 };
}

/**
 * Energy in 4 bands of a Laplacian pyramid (each level minus its blurred half-size, upsampled
 * by nearest neighbour), the coarsest residual included in the lowest band; low → high, sum 1.
 */
function frequencyBands(luma: Float32Array, w: number, h: number): number[] {
  const bands: number[] = [];
  let cur = { data: luma, w, h };
  for (let level = 0; level < 3; level++) {
    const next = half(cur.data, cur.w, cur.h);
    let e = 0;
    for (let y = 0; y < cur.h; y++) {
      for (let x = 0; x < cur.w; x++) {
        const up = next.data[Math.min(next.h - 1, y >> 1) * next.w + Math.min(next.w - 1, x >> 1)]!;
        const d = cur.data[y * cur.w + x]! - up;
        e += d * d;
      }
    }
    bands.push(e / (cur.w * cur.h));
    cur = next;
  }
  let mean = 0;
  for (const v of cur.data) mean += v;
  mean /= cur.data.length;
  let residual = 0;
  for (const v of cur.data) residual += (v - mean) * (v - mean);
  bands.push(residual / cur.data.length);
  const lowToHigh = bands.reverse();
  const total = lowToHigh.reduce((a, b) => a + b, 0);
  return total > 0 ? lowToHigh.map((b) => b / total) : [1, 0, 0, 0];
}

interface PerFrame {
  hue: number[];
  sat: number[];
  val: number[];
  mean: number;
  contrast: number;
  edges: number;
  bands: number[];
  colorfulness: number;
  black: number;
}

function analyse(s: Small): PerFrame {
  const n = s.w * s.h;
  const hue = new Array<number>(12).fill(0);
  const sat = new Array<number>(8).fill(0);
  const val = new Array<number>(8).fill(0);
  let sum = 0;
  let sumSq = 0;
  let black = 0;
  let rgSum = 0, rgSq = 0, ybSum = 0, ybSq = 0;
  for (let i = 0; i < n; i++) {
    const r = s.rgb[i * 3]!, g = s.rgb[i * 3 + 1]!, b = s.rgb[i * 3 + 2]!;
    const [hh, ss, vv] = hsv(r / 255, g / 255, b / 255);
    hue[Math.min(11, Math.floor(hh / 30))]! += ss * vv;
    sat[Math.min(7, Math.floor(ss * 8))]! += 1 / n;
    val[Math.min(7, Math.floor(vv * 8))]! += 1 / n;
    const l = s.luma[i]!;
    sum += l;
    sumSq += l * l;
    if (l < BLACK_LUMA) black++;
    const rg = r - g;
    const yb = 0.5 * (r + g) - b;
    rgSum += rg;
    rgSq += rg * rg;
    ybSum += yb;
    ybSq += yb * yb;
  }
  const mean = sum / n;
  let edges = 0;
  const L = (x: number, y: number): number => s.luma[y * s.w + x]!;
  for (let y = 1; y < s.h - 1; y++) {
    for (let x = 1; x < s.w - 1; x++) {
      const gx = L(x + 1, y - 1) + 2 * L(x + 1, y) + L(x + 1, y + 1) - L(x - 1, y - 1) - 2 * L(x - 1, y) - L(x - 1, y + 1);
      const gy = L(x - 1, y + 1) + 2 * L(x, y + 1) + L(x + 1, y + 1) - L(x - 1, y - 1) - 2 * L(x, y - 1) - L(x + 1, y - 1);
      if (Math.hypot(gx, gy) > EDGE_THRESHOLD) edges++;
    }
  }
  const inner = Math.max(1, (s.w - 2) * (s.h - 2));
  const rgMean = rgSum / n, ybMean = ybSum / n;
  const sigma = Math.sqrt(Math.max(0, rgSq / n - rgMean * rgMean) + Math.max(0, ybSq / n - ybMean * ybMean));
  // Hasler & Süsstrunk (2003) on 0..255 values; ~150 is "extremely colourful", so /150 maps to 0..1.
  const colorfulness = Math.min(1, (sigma + 0.3 * Math.hypot(rgMean, ybMean)) / 150);
  return {
    hue: normalise(hue),
    sat,
    val,
    mean,
    contrast: Math.sqrt(Math.max(0, sumSq / n - mean * mean)),
    edges: edges / inner,
    bands: frequencyBands(s.luma, s.w, s.h),
    colorfulness,
    black: black / n,
  };
}

const avg = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const avgVec = (vs: number[][]): number[] => vs[0]!.map((_, i) => avg(vs.map((v) => v[i]!)));

/** Statistics of frames sampled in time order (motion is measured between neighbours). */
export async function computeFrameStats(frames: RawFrame[]): Promise<FrameStats> {
  if (frames.length === 0) throw new Error('computeFrameStats needs at least one frame');
  const small: Small[] = [];
  for (const f of frames) small.push(await downsample(f));
  const per = small.map(analyse);
  let motion = 0;
  for (let i = 1; i < small.length; i++) {
    const a = small[i - 1]!.luma, b = small[i]!.luma;
    let d = 0;
    for (let j = 0; j < a.length; j++) d += Math.abs(a[j]! - b[j]!);
    motion += d / a.length;
  }
  const hueAvg = avgVec(per.map((p) => p.hue));
  return {
    hueHistogram: hueAvg.some((v) => v > 0) ? normalise(hueAvg) : hueAvg,
    saturationHistogram: avgVec(per.map((p) => p.sat)),
    valueHistogram: avgVec(per.map((p) => p.val)),
    meanBrightness: avg(per.map((p) => p.mean)),
    contrast: avg(per.map((p) => p.contrast)),
    edgeDensity: avg(per.map((p) => p.edges)),
    motionEnergy: small.length > 1 ? motion / (small.length - 1) : 0,
    spatialFrequency: normalise(avgVec(per.map((p) => p.bands))),
    colorfulness: avg(per.map((p) => p.colorfulness)),
    blackFraction: avg(per.map((p) => p.black)),
  };
}

/** Fraction of pixels, at full resolution, with any channel above `level` (0..255). */
export function litFraction(f: RawFrame, level = 8): number {
  let lit = 0;
  const px = f.rgba;
  for (let i = 0; i < px.length; i += 4) if (px[i]! > level || px[i + 1]! > level || px[i + 2]! > level) lit++;
  return lit / (f.width * f.height);
}
