/**
 * The adaptive render budget. Instead of failing a shader because this machine is slow right
 * now, the renderer measures the shader against a reference draw (a trivial gradient) in the
 * same browser at the same moment, then picks the richest tier that fits the time budget:
 * level 0 is the request as asked, then fewer frames, a smaller size, a shorter preview. Only a
 * shader that is heavy for its own sake (its cost ratio against the reference is beyond
 * TOO_HEAVY_RATIO) is "too heavy"; a cheap shader on a machine too busy for even the lowest tier
 * is a budget failure of the renderer, retried later.
 */
import type { RenderTier, ShaderRenderInput } from '../../shared/shaders/render-contract.js';

/** Calibration and the lowest tier fit in this box (aspect kept, never upscaled). */
export const LOWEST_BOX = { width: 320, height: 180 } as const;
/** Above this many reference draws per frame a shader is heavy for its own sake. */
export const TOO_HEAVY_RATIO = 200;
/** Plan to use at most this share of the budget: the estimate is rough and the machine may get busier. */
export const BUDGET_SAFETY = 0.75;
/** Per-frame cost of everything around the draw (page call, JPEG encode, pipe, ffmpeg) at 320×180, in ms. */
const FIXED_FRAME_MS = 2;

export interface TierPlan {
  level: number;
  name: string;
  width: number;
  height: number;
  fps: number;
  seconds: number;
  thumbnailTime: number;
}

export interface ShaderCost {
  /** The shader's ms per frame at the calibration size (median, warm). */
  frameMs: number;
  /** One full read-back at the calibration size. */
  readMs: number;
  /** The reference draw's ms per frame at the calibration size (median). */
  referenceMs: number;
  width: number;
  height: number;
}

const even = (v: number): number => Math.max(16, 2 * Math.round(v / 2));

/** Fits width×height into box (aspect kept, even sizes for yuv420p, never larger than asked). */
export function fitInto(width: number, height: number, box: { width: number; height: number }): { width: number; height: number } {
  const scale = Math.min(1, box.width / width, box.height / height);
  return { width: even(width * scale), height: even(height * scale) };
}

export const calibrationSize = (input: Pick<ShaderRenderInput, 'width' | 'height'>): { width: number; height: number } =>
  fitInto(input.width, input.height, LOWEST_BOX);

/** Level 0 as asked, then cheaper plans; consecutive duplicates are dropped. Stills keep their size. */
export function tiersFor(input: Pick<ShaderRenderInput, 'width' | 'height' | 'fps' | 'seconds' | 'thumbnailTime'>, degrade = true): TierPlan[] {
  const asked: TierPlan = { level: 0, name: 'as requested', width: input.width, height: input.height, fps: input.fps, seconds: input.seconds, thumbnailTime: input.thumbnailTime };
  if (!degrade) return [asked];
  const fewer = { ...asked, name: 'fewer frames', fps: Math.min(asked.fps, Math.max(10, Math.round(asked.fps / 2))) };
  const half = fitInto(asked.width, asked.height, { width: Math.max(LOWEST_BOX.width, asked.width / 2), height: Math.max(LOWEST_BOX.height, asked.height / 2) });
  const smaller = { ...fewer, name: 'smaller size', ...half };
  const shorter = { ...smaller, name: 'shorter preview', seconds: Math.min(smaller.seconds, 2), fps: Math.min(smaller.fps, 10) };
  const lowest = { ...shorter, name: 'lowest', ...calibrationSize(asked), seconds: Math.min(shorter.seconds, 1), fps: Math.min(shorter.fps, 8) };
  const out: TierPlan[] = [];
  for (const t of [asked, fewer, smaller, shorter, lowest]) {
    const prev = out.at(-1);
    if (prev && prev.width === t.width && prev.height === t.height && prev.fps === t.fps && prev.seconds === t.seconds) continue;
    out.push({ ...t, level: out.length });
  }
  return out;
}

/** Frames a plan renders: the preview sequence, plus the thumbnail frame when it lies past it. */
export function framesOf(plan: Pick<TierPlan, 'fps' | 'seconds' | 'thumbnailTime'>, hasBuffers: boolean): number {
  const sequence = Math.max(0, Math.round(plan.seconds * plan.fps));
  const thumb = Math.round(plan.thumbnailTime * plan.fps);
  if (hasBuffers) return Math.max(sequence, thumb + 1);
  return sequence + (thumb > sequence - 1 ? 1 : 0);
}

/** Expected ms for one frame of `plan`, scaled by pixels from the calibration. */
export function frameEstimateMs(plan: Pick<TierPlan, 'width' | 'height'>, cost: ShaderCost): number {
  const scale = (plan.width * plan.height) / (cost.width * cost.height);
  return (cost.frameMs + cost.readMs + FIXED_FRAME_MS) * scale;
}

export function planEstimateMs(plan: TierPlan, cost: ShaderCost, hasBuffers: boolean): number {
  return framesOf(plan, hasBuffers) * frameEstimateMs(plan, cost);
}

/** The first tier (from `from`) whose estimate fits the budget, or null. */
export function chooseTier(tiers: TierPlan[], cost: ShaderCost, budgetMs: number, hasBuffers: boolean, from = 0): TierPlan | null {
  return tiers.slice(from).find((t) => planEstimateMs(t, cost, hasBuffers) <= budgetMs * BUDGET_SAFETY) ?? null;
}

export const costRatio = (cost: ShaderCost): number => cost.frameMs / Math.max(cost.referenceMs, 0.05);

export function tierRecord(plan: TierPlan, cost: ShaderCost | null): RenderTier {
  return {
    level: plan.level,
    name: plan.name,
    width: plan.width,
    height: plan.height,
    fps: plan.fps,
    seconds: plan.seconds,
    costRatio: cost ? Math.round(costRatio(cost) * 10) / 10 : null,
    referenceMs: cost ? Math.round(cost.referenceMs * 100) / 100 : null,
    calibration: cost ? { width: cost.width, height: cost.height } : null,
  };
}

export const median = (xs: number[]): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
