import { z } from 'zod';
import { CompileDiagnostic, ShaderSource } from './source.js';

/**
 * Statistics of rendered frames: the visual half of a shader's style vector (seed 000 §8) and
 * the validity checks of the renderer. All values are normalised to 0..1 unless noted.
 */
export const FrameStats = z.object({
  /** 12 hue bins (30° each), weighted by saturation × value, summing to 1 (all 0 for grey images). */
  hueHistogram: z.array(z.number()).length(12),
  saturationHistogram: z.array(z.number()).length(8),
  valueHistogram: z.array(z.number()).length(8),
  meanBrightness: z.number(),
  /** Standard deviation of luma. */
  contrast: z.number(),
  /** Fraction of pixels on a luma edge (Sobel above a threshold). */
  edgeDensity: z.number(),
  /** Mean absolute luma change between consecutive sampled frames. */
  motionEnergy: z.number(),
  /** Energy in 4 spatial-frequency bands, low → high, summing to 1. */
  spatialFrequency: z.array(z.number()).length(4),
  colorfulness: z.number(),
  /** Fraction of (near-)black pixels. */
  blackFraction: z.number(),
});
export type FrameStats = z.infer<typeof FrameStats>;

export const RenderValidity = z.object({
  compiled: z.boolean(),
  allBlack: z.boolean(),
  hasNaN: z.boolean(),
  /** Nothing changes over time (allowed, but reported). */
  isStatic: z.boolean(),
  withinBudget: z.boolean(),
});
export type RenderValidity = z.infer<typeof RenderValidity>;

/** Why a render did not produce a usable shader; the shader is at fault, so no retry. */
export const RenderFailure = z.object({
  code: z.enum(['compile_error', 'static_check', 'timeout', 'all_black', 'nan', 'too_large', 'context_lost']),
  message: z.string(),
});
export type RenderFailure = z.infer<typeof RenderFailure>;

export const ShaderRenderInput = z.object({
  source: ShaderSource,
  width: z.number().int().min(16).max(1920).default(640),
  height: z.number().int().min(16).max(1080).default(360),
  fps: z.number().int().min(1).max(60).default(30),
  seconds: z.number().min(0).max(20).default(4),
  /** iTime of the thumbnail frame. */
  thumbnailTime: z.number().min(0).max(60).default(2),
  preview: z.enum(['webm', 'mp4', 'none']).default('webm'),
  /** When set, the host updates that shader's render status, thumbnail, preview and style vector. */
  shaderId: z.string().nullable().default(null),
});
export type ShaderRenderInput = z.infer<typeof ShaderRenderInput>;

/**
 * A shader at fault (compile error, hang, black, NaN) is a *successful* job with ok=false and
 * the reason: retrying would fail the same way. The job itself fails only when the renderer
 * could not run (no browser, disk full …), which is worth retrying.
 */
export const ShaderRenderOutput = z.object({
  ok: z.boolean(),
  failure: RenderFailure.nullable(),
  diagnostics: z.array(CompileDiagnostic),
  validity: RenderValidity,
  /** Worker scratch paths; the host hook replaces them with media ids. */
  thumbnail: z.object({ path: z.string().nullable(), mediaId: z.string().nullable(), width: z.number().int(), height: z.number().int() }).nullable(),
  preview: z.object({ path: z.string().nullable(), mediaId: z.string().nullable(), mime: z.string() }).nullable(),
  frames: z.number().int(),
  frameTimeMs: z.object({ mean: z.number(), p95: z.number(), max: z.number() }).nullable(),
  stats: FrameStats.nullable(),
  renderer: z.object({ provider: z.string(), gl: z.string().nullable(), ms: z.number() }),
});
export type ShaderRenderOutput = z.infer<typeof ShaderRenderOutput>;
