import type { MeshBuilder } from '../mesh-builder.js';

/** What a parametric template gets: the target box, its parameters and the seeded randomness. */
export interface TemplateContext {
  b: MeshBuilder;
  /** Target bounding box [x, y, z] in metres; the template fills it, standing on y = 0. */
  size: readonly [number, number, number];
  /** The recipe's generation parameters (templates read them with defaults). */
  params: Readonly<Record<string, number>>;
  rand: () => number;
  seed: number;
  /** Level of detail multiplier on segment counts (1 = the template's normal). */
  detail: number;
  /** Material slot of the secondary material (0 when the recipe has one material). */
  secondary: number;
}

export type Template = (ctx: TemplateContext) => void;

/** Segment count scaled by detail, at least `min`. */
export const segs = (ctx: TemplateContext, n: number, min = 3) => Math.max(min, Math.round(n * ctx.detail));

/** A parameter, clamped to a sane range (recipes are validated, but parameters are free numbers). */
export function param(ctx: TemplateContext, name: string, fallback: number, lo: number, hi: number): number {
  const v = ctx.params[name];
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : fallback;
}
