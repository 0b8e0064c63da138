/** The degrade tiers and the choice between them (pure: no browser). */
import { describe, expect, it } from 'vitest';
import { shaderRenderVerdict } from '../../../shared/jobs/shader-render.js';
import { failureFault, RenderFailure } from '../../../shared/shaders/render-contract.js';
import { chooseTier, costRatio, framesOf, planEstimateMs, tiersFor, TOO_HEAVY_RATIO, type ShaderCost } from '../../../worker/render/render-tiers.js';

const asked = { width: 640, height: 360, fps: 30, seconds: 4, thumbnailTime: 2 };
const cost = (frameMs: number, referenceMs = 1): ShaderCost => ({ frameMs, readMs: 1, referenceMs, width: 320, height: 180 });

describe('tiersFor', () => {
  it('goes from the request down to fewer frames, a smaller size, a shorter preview and the lowest tier', () => {
    const t = tiersFor(asked);
    expect(t.map((x) => [x.level, x.name, x.width, x.height, x.fps, x.seconds])).toEqual([
      [0, 'as requested', 640, 360, 30, 4],
      [1, 'fewer frames', 640, 360, 15, 4],
      [2, 'smaller size', 320, 180, 15, 4],
      [3, 'shorter preview', 320, 180, 10, 2],
      [4, 'lowest', 320, 180, 8, 1],
    ]);
    // Every step is cheaper than the one before.
    for (let i = 1; i < t.length; i++) expect(planEstimateMs(t[i]!, cost(10), false)).toBeLessThan(planEstimateMs(t[i - 1]!, cost(10), false));
  });

  it('keeps a still at its size (no degrading) and drops tiers that change nothing', () => {
    expect(tiersFor({ ...asked, seconds: 0 }, false)).toHaveLength(1);
    const small = tiersFor({ width: 96, height: 54, fps: 10, seconds: 0.3, thumbnailTime: 0.1 });
    expect(new Set(small.map((x) => `${x.width}x${x.height}@${x.fps}/${x.seconds}`)).size).toBe(small.length);
  });
});

describe('chooseTier', () => {
  it('keeps the request when it fits, degrades when it does not', () => {
    const t = tiersFor(asked);
    expect(chooseTier(t, cost(2), 90_000, false)?.level).toBe(0);
    // 100x slower (a loaded machine): the same shader is rendered at a cheaper tier instead of failing.
    expect(chooseTier(t, cost(200, 100), 90_000, false)?.level).toBeGreaterThan(0);
    expect(chooseTier(t, cost(2), 90_000, false, 2)?.level).toBe(2); // a retry starts lower
  });

  it('returns null when even the lowest tier does not fit, and the ratio tells heavy from busy', () => {
    const t = tiersFor(asked);
    expect(framesOf(t.at(-1)!, false)).toBe(9);
    const heavy = cost(20_000, 2);
    expect(chooseTier(t, heavy, 90_000, false)).toBeNull();
    expect(costRatio(heavy)).toBeGreaterThan(TOO_HEAVY_RATIO);
    const busy = cost(20_000, 1_000);
    expect(chooseTier(t, busy, 90_000, false)).toBeNull();
    expect(costRatio(busy)).toBeLessThan(TOO_HEAVY_RATIO);
  });
});

describe('failure codes', () => {
  it('tell the shader at fault from a renderer that could not run', () => {
    for (const code of ['compile_error', 'static_check', 'too_large', 'hang', 'too_heavy', 'all_black', 'nan', 'context_lost'] as const) expect(failureFault(code)).toBe('shader');
    for (const code of ['browser_start', 'webgl_start', 'probe_timeout', 'timeout', 'budget'] as const) expect(failureFault(code)).toBe('renderer');
    expect(RenderFailure.parse({ code: 'hang', message: 'x', frame: 3 }).frame).toBe(3);
  });
});

describe('shader.render verdict', () => {
  const out = (failure: { code: RenderFailure['code']; message: string } | null) => ({ ok: !failure, failure }) as Parameters<typeof shaderRenderVerdict>[0];
  it('retries a renderer failure (at a lower tier) but not a shader at fault', () => {
    expect(shaderRenderVerdict(out(null))).toEqual({ outcome: 'succeeded' });
    expect(shaderRenderVerdict(out({ code: 'budget', message: 'busy' }))).toEqual({ outcome: 'failed', message: 'busy', retryable: true });
    expect(shaderRenderVerdict(out({ code: 'browser_start', message: 'no browser' }))).toMatchObject({ retryable: true });
    expect(shaderRenderVerdict(out({ code: 'hang', message: 'Frame 3 was killed' }))).toEqual({
      outcome: 'failed',
      message: 'Frame 3 was killed',
      retryable: false,
      retryRefusal: 'the shader is at fault: fix the code and save again',
    });
  });
});
