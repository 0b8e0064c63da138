import type { FrameStats } from '../../../shared/shaders/render-contract.js';
import type { ShaderSource } from '../../../shared/shaders/source.js';
import { CONSTRUCTS, glslFeatures, type GlslFeatures } from './glsl-features.js';
import { addHashed, addTextFeatures, normalizeRange } from './text-hash.js';

/**
 * The 512-d style vector of a shader (seed §8), made deterministically from real data — the
 * offline "hashed features" embedding of the design card:
 *
 *   [  0, 96)  visual  FrameStats of the rendered frames (hue/saturation/value histograms,
 *                      brightness, contrast, edges, motion, spatial frequency, warm/cool)
 *   [ 96,288)  glsl    hashed identifiers (144) + construct scores and encodings (48)
 *   [288,416)  text    hashed words, bigrams and character trigrams of title, tags, description
 *   [416,512)  model   an optional provider embedding, count-sketched to 96 dims (null → zeros)
 *
 * Each block is L2-normalised and weighted, then the whole vector is L2-normalised, so a shader
 * not rendered yet (no visual block) still has a comparable vector.
 */

export const STYLE_DIMS = 512;
export const STYLE_VECTOR_VERSION = 'hashed-v1';
export const TEXT_EMBEDDING_PROVIDER = 'hashed-ngrams-v1';

const VISUAL = { from: 0, to: 96 };
const GLSL_TOKENS = { from: 96, to: 240 };
const GLSL_CONSTRUCTS = { from: 240, to: 288 };
const TEXT = { from: 288, to: 416 };
const MODEL = { from: 416, to: 512 };

/** How much each block counts once normalised. */
export const BLOCK_WEIGHTS = { visual: 0.5, glsl: 0.3, text: 0.2, model: 0.3 } as const;

export interface StyleInput {
  source: ShaderSource;
  title: string;
  description?: string | null;
  tags: readonly string[];
  stats?: FrameStats | null;
  /** A provider's embedding of the shader (any dimension), mixed in as the model block. */
  extra?: ArrayLike<number> | null;
}

/** Soft one-hot of a 0..1 value over `bins` Gaussian bumps, so near values share mass. */
function rbf(out: Float32Array, at: number, value: number, bins: number): void {
  const v = Math.min(1, Math.max(0, value));
  const step = 1 / (bins - 1);
  for (let i = 0; i < bins; i++) {
    const d = (v - i * step) / step;
    out[at + i] = Math.exp(-0.5 * d * d);
  }
}

/** Writes a sub-group, normalised to `weight`. */
function group(out: Float32Array, at: number, values: ArrayLike<number>, weight: number): number {
  for (let i = 0; i < values.length; i++) out[at + i] = values[i] as number;
  normalizeRange(out, at, at + values.length, weight);
  return at + values.length;
}

/** Warm (reds, oranges, yellows, magentas) vs cool (greens-cyan to violet) mass of the hue histogram. */
export function warmCoolMass(hue: readonly number[]): { warm: number; cool: number } {
  const warmBins = [0, 1, 2, 11];
  const coolBins = [5, 6, 7, 8];
  return {
    warm: warmBins.reduce((a, i) => a + (hue[i] ?? 0), 0) + 0.5 * (hue[10] ?? 0),
    cool: coolBins.reduce((a, i) => a + (hue[i] ?? 0), 0) + 0.5 * ((hue[4] ?? 0) + (hue[9] ?? 0)),
  };
}

function visualBlock(out: Float32Array, s: FrameStats): void {
  let at = VISUAL.from;
  at = group(out, at, s.hueHistogram, 1);
  at = group(out, at, s.saturationHistogram, 0.6);
  at = group(out, at, s.valueHistogram, 0.8);
  const scalars = [s.meanBrightness, s.contrast * 2, s.edgeDensity / 0.3, 1 - Math.exp(-s.motionEnergy / 0.05), s.colorfulness, s.blackFraction];
  for (const v of scalars) {
    const tmp = new Float32Array(6);
    rbf(tmp, 0, v, 6);
    at = group(out, at, tmp, 0.7);
  }
  at = group(out, at, s.spatialFrequency, 1);
  const { warm, cool } = warmCoolMass(s.hueHistogram);
  group(out, at, [warm, cool], 0.6);
  normalizeRange(out, VISUAL.from, VISUAL.to, BLOCK_WEIGHTS.visual);
}

function glslBlock(out: Float32Array, f: GlslFeatures): void {
  const size = GLSL_TOKENS.to - GLSL_TOKENS.from;
  for (const [token, n] of f.tokens) addHashed(out, GLSL_TOKENS.from, size, token, 1 + Math.log(n));
  normalizeRange(out, GLSL_TOKENS.from, GLSL_TOKENS.to, 0.6);
  let at = GLSL_CONSTRUCTS.from;
  at = group(out, at, CONSTRUCTS.map((c) => f.constructs[c]), 1);
  const enc = new Float32Array(16);
  rbf(enc, 0, Math.log10(1 + f.loopWork) / 3, 6);
  rbf(enc, 6, Math.log10(1 + f.tokenCount) / 3.5, 6);
  rbf(enc, 12, f.trigDensity / 12, 4);
  group(out, at, enc, 0.6);
  normalizeRange(out, GLSL_TOKENS.from, GLSL_CONSTRUCTS.to, BLOCK_WEIGHTS.glsl);
}

function textBlock(out: Float32Array, title: string, tags: readonly string[], description: string | null | undefined, weight: number): void {
  const size = TEXT.to - TEXT.from;
  addTextFeatures(out, TEXT.from, size, title, 1);
  for (const t of tags) addTextFeatures(out, TEXT.from, size, t, 1.5);
  if (description) addTextFeatures(out, TEXT.from, size, description, 0.5);
  normalizeRange(out, TEXT.from, TEXT.to, weight);
}

function modelBlock(out: Float32Array, extra: ArrayLike<number>): void {
  const size = MODEL.to - MODEL.from;
  for (let i = 0; i < extra.length; i++) addHashed(out, MODEL.from, size, `d${i}`, extra[i] as number);
  normalizeRange(out, MODEL.from, MODEL.to, BLOCK_WEIGHTS.model);
}

export function styleVector(input: StyleInput, features: GlslFeatures = glslFeatures(input.source)): Float32Array {
  const out = new Float32Array(STYLE_DIMS);
  if (input.stats) visualBlock(out, input.stats);
  glslBlock(out, features);
  textBlock(out, input.title, input.tags, input.description, BLOCK_WEIGHTS.text);
  if (input.extra && input.extra.length > 0) modelBlock(out, input.extra);
  normalizeRange(out);
  return out;
}

/** A prompt placed in style space (only the text block): how a desire moves the taste vector. */
export function textStyleVector(text: string): Float32Array {
  const out = new Float32Array(STYLE_DIMS);
  textBlock(out, text, [], null, 1);
  return out;
}

/** 512-d embedding of free text (desires, prompts): every dimension used for hashed n-grams. */
export function embedText(text: string): Float32Array {
  const out = new Float32Array(STYLE_DIMS);
  addTextFeatures(out, 0, STYLE_DIMS, text, 1);
  normalizeRange(out);
  return out;
}
