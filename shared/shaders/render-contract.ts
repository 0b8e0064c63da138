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

/** Failure codes where the shader is at fault: retrying renders the same result. */
export const SHADER_FAULT_CODES = ['compile_error', 'static_check', 'too_large', 'hang', 'too_heavy', 'all_black', 'nan', 'context_lost'] as const;
/**
 * Failure codes where the renderer could not do its job (browser or WebGL would not start, the
 * machine too busy for even the lowest tier, a probe or compile ran out of time): the shader is
 * not judged, the render is retried later at a lower tier, and a published shader stays published.
 */
export const RENDERER_FAULT_CODES = ['browser_start', 'webgl_start', 'probe_timeout', 'timeout', 'budget'] as const;

/** Why a render did not produce a usable shader; `failureFault(code)` says whose fault it is. */
export const RenderFailure = z.object({
  code: z.enum([...SHADER_FAULT_CODES, ...RENDERER_FAULT_CODES]),
  message: z.string(),
  /** The frame (0-based) a 'hang' was killed at, when the failure is about one frame. */
  frame: z.number().int().nullable().optional(),
});
export type RenderFailure = z.infer<typeof RenderFailure>;
export type RenderFailureCode = RenderFailure['code'];

export function failureFault(code: RenderFailureCode): 'shader' | 'renderer' {
  return (RENDERER_FAULT_CODES as readonly string[]).includes(code) ? 'renderer' : 'shader';
}

/**
 * The degrade tier a render used: the plan actually rendered after measuring the shader against
 * the reference draw. Level 0 is the request as asked; higher levels have fewer frames, a smaller
 * size or a shorter preview.
 */
export const RenderTier = z.object({
  level: z.number().int().min(0),
  name: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  fps: z.number().int(),
  seconds: z.number(),
  /** One frame of the shader over one frame of the reference draw (a trivial shader) at the calibration size. */
  costRatio: z.number().nullable(),
  /** The reference draw's ms per frame at the calibration size, measured in the same browser just before. */
  referenceMs: z.number().nullable(),
  calibration: z.object({ width: z.number().int(), height: z.number().int() }).nullable(),
});
export type RenderTier = z.infer<typeof RenderTier>;

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
 * ok=false carries the failure; its code says whether the shader is at fault (compile error,
 * hang, black, NaN, too heavy: retrying fails the same way) or the renderer could not run
 * (browser/WebGL start, busy machine: retried later). shared/jobs/shader-render.ts turns that
 * into the job's verdict.
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
  /** The degrade tier rendered (absent for refusals before any measurement). */
  tier: RenderTier.nullable().optional(),
});
export type ShaderRenderOutput = z.infer<typeof ShaderRenderOutput>;
