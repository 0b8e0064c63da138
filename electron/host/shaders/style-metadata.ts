import type { DeclaredStyle, StyleMetadata, TemperatureLabel } from '../../../shared/schemas/shaders.js';
import type { FrameStats } from '../../../shared/shaders/render-contract.js';
import type { GlslFeatures } from './glsl-features.js';
import { warmCoolMass } from './style-vector.js';

/**
 * Human-readable style (seed §8) measured from a render: chaos from edges and high spatial
 * frequencies, colour temperature from warm vs cool hue mass, motion from frame differences,
 * geometry and complexity from the GLSL, palette from the dominant hues.
 */

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round = (x: number) => Math.round(x * 1000) / 1000;

/** Edge density above ~0.25 or half the energy in the two high bands reads as fully chaotic. */
export function chaosOf(s: FrameStats): number {
  const high = (s.spatialFrequency[2] ?? 0) + (s.spatialFrequency[3] ?? 0);
  return clamp01(0.5 * clamp01(s.edgeDensity / 0.25) + 0.5 * clamp01(high / 0.5));
}

/** (warm − cool) / (warm + cool), faded toward 0 when the image has little colour at all. */
export function temperatureOf(s: FrameStats): { value: number; label: TemperatureLabel } {
  const { warm, cool } = warmCoolMass(s.hueHistogram);
  const colourMass = s.hueHistogram.reduce((a, b) => a + b, 0);
  if (colourMass < 1e-6 || s.colorfulness < 0.02) return { value: 0, label: 'monochrome' };
  const value = ((warm - cool) / (warm + cool + 1e-9)) * clamp01(s.colorfulness / 0.15);
  return { value: round(Math.max(-1, Math.min(1, value))), label: value > 0.2 ? 'warm' : value < -0.2 ? 'cool' : 'neutral' };
}

/** Mean absolute luma change of ~0.05 per sampled frame is already lively. */
export function motionOf(s: FrameStats): number {
  return clamp01(1 - Math.exp(-s.motionEnergy / 0.05));
}

export function motionTypeOf(motion: number, chaos: number, isStatic: boolean): string {
  if (isStatic || motion < 0.03) return 'static';
  if (motion < 0.3) return 'slow';
  if (chaos > 0.6 && motion > 0.5) return 'chaotic';
  return 'fluid';
}

export function geometryOf(f: GlslFeatures): string {
  const c = f.constructs;
  if (c.raymarch > 0.5) return 'raymarched_3d';
  if (c.fractal > 0.5) return 'fractal';
  if (c.tunnel > 0.5) return 'tunnel';
  if (c.kaleidoscope > 0.5) return 'kaleidoscopic';
  if (c.voronoi > 0.5) return 'cellular';
  if (c.polar > 0.5) return 'radial';
  if (c.noise > 0.5 || c.fbm > 0.5) return 'organic';
  if (c.particles > 0.5) return 'particles';
  return 'abstract_2d';
}

/** Code size, loop work and measured frame time, each saturating, averaged. */
export function complexityOf(f: GlslFeatures, frameMs: number | null): StyleMetadata['complexity'] {
  const parts = [clamp01(Math.log10(1 + f.tokenCount) / 3.3), clamp01(Math.log10(1 + f.loopWork) / 2.6)];
  if (frameMs !== null) parts.push(clamp01(frameMs / 30));
  const score = parts.reduce((a, b) => a + b, 0) / parts.length;
  return score < 0.4 ? 'low' : score < 0.65 ? 'medium' : 'high';
}

function hsvHex(h: number, s: number, v: number): string {
  const f = (n: number) => {
    const k = (n + h / 60) % 6;
    return v - v * s * Math.max(0, Math.min(k, 4 - k, 1));
  };
  return `#${[f(5), f(3), f(1)].map((x) => Math.round(clamp01(x) * 255).toString(16).padStart(2, '0')).join('')}`;
}

const histMean = (h: readonly number[]) => {
  const total = h.reduce((a, b) => a + b, 0);
  return total > 0 ? h.reduce((a, p, i) => a + p * ((i + 0.5) / h.length), 0) / total : 0;
};

/** Dominant hue bins (≥ 8 % of the colour mass) at the image's mean saturation and value; greys when colourless. */
export function paletteOf(s: FrameStats): string[] {
  const sat = clamp01(histMean(s.saturationHistogram) * 1.2);
  const val = clamp01(Math.max(histMean(s.valueHistogram), 0.25) * 1.1);
  const bins = s.hueHistogram
    .map((mass, i) => ({ mass, i }))
    .filter((b) => b.mass >= 0.08)
    .sort((a, b) => b.mass - a.mass)
    .slice(0, 5);
  if (bins.length === 0 || s.colorfulness < 0.02) {
    const levels = [0.25, 0.5, 0.75].map((q) => quantile(s.valueHistogram, q));
    return [...new Set(levels.map((l) => hsvHex(0, 0, l)))];
  }
  return bins.map((b) => hsvHex(b.i * 30 + 15, sat, val));
}

function quantile(hist: readonly number[], q: number): number {
  const total = hist.reduce((a, b) => a + b, 0) || 1;
  let acc = 0;
  for (let i = 0; i < hist.length; i++) {
    acc += (hist[i] as number) / total;
    if (acc >= q) return (i + 0.5) / hist.length;
  }
  return 1;
}

export interface DeriveInput {
  stats: FrameStats;
  isStatic: boolean;
  frameMs: number | null;
  features: GlslFeatures;
  declared: DeclaredStyle | null;
}

/** Measured values always win; an author's declared categories (geometry, motion type) are kept. */
export function deriveStyle(d: DeriveInput): StyleMetadata {
  const chaos = round(chaosOf(d.stats));
  const motion = round(motionOf(d.stats));
  const temp = temperatureOf(d.stats);
  return {
    chaos,
    colorTemperature: temp.value,
    temperatureLabel: temp.label,
    motion,
    motionType: d.declared?.motionType ?? motionTypeOf(motion, chaos, d.isStatic),
    geometry: d.declared?.geometry ?? geometryOf(d.features),
    complexity: complexityOf(d.features, d.frameMs),
    palette: paletteOf(d.stats),
  };
}
