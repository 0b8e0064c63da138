/**
 * The headless shader renderer: static checks → compile in headless Chromium → measure the
 * shader against a reference draw → the richest tier that fits the budget (render-tiers.ts) →
 * frames in batches, streamed into the preview encoder (tier-render.ts), degrading to a cheaper
 * tier if the machine gets busier → thumbnail PNG → FrameStats + validity.
 * Every outcome about the shader or the render budget comes back as ok=false with a failure code
 * (failureFault(code) says whose fault); only an unexpected error (ffmpeg failing, disk full)
 * throws, which makes the job retry.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { ShaderRenderInput, type RenderFailure, type ShaderRenderOutput } from '../../shared/shaders/render-contract.js';
import type { CompileDiagnostic, ShaderSourceInput } from '../../shared/shaders/source.js';
import { asDiagnostics, staticCheck, staticFailure, type LooseShaderSource, type StaticLimits } from '../../shared/shaders/static-checks.js';
import { RenderInfraError, RenderTimeoutError, sharedRenderBrowser, type RenderBrowser } from './browser.js';
import { computeFrameStats, litFraction } from './frame-stats.js';
import { PREVIEW_MIME } from './preview-encoder.js';
import * as result from './render-result.js';
import { calibrationSize, chooseTier, costRatio, frameEstimateMs, framesOf, median, planEstimateMs, tierRecord, tiersFor, TOO_HEAVY_RATIO, type ShaderCost, type TierPlan } from './render-tiers.js';
import { renderTier, type TierOutcome } from './tier-render.js';

/** A render request; the source may be unvalidated so oversized or garbage code gets a clear refusal. */
export type RenderRequest = Omit<z.input<typeof ShaderRenderInput>, 'source'> & { source: ShaderSourceInput | LooseShaderSource };

export interface RenderBudget {
  /** Starting WebGL or compiling the shader. */
  compileMs: number;
  /** The first frame: it includes the driver's lazy pipeline compile (SwiftShader JITs the shader at first draw). */
  firstFrameMs: number;
  /** Any later frame (render + GPU finish + read-back), or one NaN probe. */
  frameMs: number;
  /** The whole render, encoding excluded; slower shaders are stopped as soon as the projection says so. */
  totalMs: number;
  /** p95 frame time above which validity.withinBudget is false (reported, not a failure). */
  softFrameMs: number;
}

export const DEFAULT_RENDER_BUDGET: RenderBudget = { compileMs: 20_000, firstFrameMs: 15_000, frameMs: 5_000, totalMs: 90_000, softFrameMs: 500 };

export interface RenderOptions {
  /** Output folder (the job's scratch folder). */
  workDir: string;
  budget?: Partial<RenderBudget>;
  signal?: AbortSignal;
  progress?: (fraction: number, message: string) => void;
  log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
  chromePath?: string | null;
  ffmpegPath?: string | null;
  /** Also write every frame as frames/NNNNN.png (off by default: the preview is encoded from raw frames). */
  keepFrames?: boolean;
  /** Defaults to this process's warm browser. */
  browser?: RenderBrowser;
  staticLimits?: Partial<StaticLimits>;
  /** <dataDir>/run for the shared browser's profile and pid record (see browser-registry.ts). */
  runDir?: string | null;
  /** Degrade to cheaper tiers when the request does not fit the budget (default true; stills keep their size). */
  degrade?: boolean;
  /** Start at this tier or a lower one (a retry after a budget failure starts lower). */
  minTier?: number;
}

/** Pixels with NaN above this share of a frame fail the render (a stray singular pixel does not). */
const NAN_FRACTION_LIMIT = 0.001;
const LIT_FRACTION_MIN = 0.0005;
/** Timed frames of the shader and of the reference draw when calibrating. */
const CAL_FRAMES = 3;

export async function renderShader(req: RenderRequest, opts: RenderOptions): Promise<ShaderRenderOutput> {
  const timing: result.Timing = { startedAt: performance.now(), gl: null };
  opts.progress?.(0, 'Static checks');
  const issues = staticCheck(req.source as LooseShaderSource, opts.staticLimits);
  const refused = staticFailure(issues);
  if (refused) return result.stopped(refused, asDiagnostics(issues), timing, { compiled: false });
  const input = ShaderRenderInput.parse(req);
  const browser = opts.browser ?? sharedRenderBrowser({ chromePath: opts.chromePath, runDir: opts.runDir });
  return browser.exclusive(async () => {
    try {
      return await renderLocked(input, asDiagnostics(issues), browser, opts, timing);
    } catch (err) {
      // Browser or WebGL would not start: a clear renderer failure, never the shader's fault.
      if (err instanceof RenderInfraError) return result.stopped(result.infraFailure(err.stage, err.message), asDiagnostics(issues), timing, { compiled: false });
      throw err;
    }
  });
}

/** Starts WebGL at width×height and compiles the shader; a failure here is returned, not thrown. */
async function prepare(browser: RenderBrowser, input: ShaderRenderInput, width: number, height: number, budget: RenderBudget, timing: result.Timing): Promise<{ ok: true; diagnostics: CompileDiagnostic[] } | { ok: false; failure: RenderFailure; diagnostics: CompileDiagnostic[] }> {
  let gl: { renderer: string; bufferFormat: string };
  try {
    gl = await browser.call('Starting WebGL', budget.compileMs, 'init', width, height);
  } catch (err) {
    if (err instanceof RenderInfraError) throw err;
    const detail = err instanceof RenderTimeoutError ? `no WebGL2 context within ${(budget.compileMs / 1000).toFixed(1)} s` : ((err as Error).message ?? String(err)).split('\n')[0]!;
    throw new RenderInfraError('webgl_start', detail);
  }
  timing.gl = gl.renderer;
  try {
    const load = await browser.call<{ ok: boolean; diagnostics: CompileDiagnostic[] }>('Compiling the shader', budget.compileMs, 'load', input.source);
    return load.ok ? { ok: true, diagnostics: load.diagnostics } : { ok: false, failure: result.compileFailure(load.diagnostics), diagnostics: load.diagnostics };
  } catch (err) {
    if (err instanceof RenderTimeoutError) return { ok: false, failure: result.compileTimeout(budget.compileMs, err.recovery), diagnostics: [] };
    throw err;
  }
}

/**
 * A killed frame is a hang only if a shader within the allowed heaviness (TOO_HEAVY_RATIO times
 * the reference draw, measured again now) would have finished in the frame's budget; on a
 * machine too busy for that it is a budget failure of the renderer, retried later.
 */
async function judgeKill(browser: RenderBrowser, input: ShaderRenderInput, hang: RenderFailure, frameBudgetMs: number, size: { width: number; height: number }, budget: RenderBudget): Promise<RenderFailure> {
  const cal = calibrationSize(input);
  let referenceMs: number | null = null;
  try {
    // After the kill the page is new: this call also starts WebGL again (hence the compile budget);
    // only its timed frames count.
    const ref = await browser.call<{ frameMs: number[] }>('Reference draw', budget.compileMs, 'measureReference', cal.width, cal.height, CAL_FRAMES);
    referenceMs = median(ref.frameMs);
  } catch (err) {
    if (!(err instanceof RenderTimeoutError)) throw err;
  }
  const scale = (size.width * size.height) / (cal.width * cal.height);
  if (referenceMs !== null && referenceMs * TOO_HEAVY_RATIO * scale <= frameBudgetMs) return hang;
  return result.busyTimeout(hang, referenceMs, cal.width, cal.height);
}

/** The shader's cost against the reference draw at the calibration size, in the same browser now. */
async function calibrate(browser: RenderBrowser, input: ShaderRenderInput, budget: RenderBudget): Promise<{ cost: ShaderCost } | { failure: RenderFailure }> {
  const cal = calibrationSize(input);
  let ref: { frameMs: number[] };
  try {
    // The first call of a page also starts the reference's WebGL context: the compile budget.
    ref = await browser.call('Reference draw', budget.compileMs, 'measureReference', cal.width, cal.height, CAL_FRAMES);
  } catch (err) {
    if (err instanceof RenderTimeoutError) throw new RenderInfraError('webgl_start', `the reference draw (a trivial shader at ${cal.width}x${cal.height}) did not finish within ${(budget.compileMs / 1000).toFixed(1)} s`);
    throw err;
  }
  const time = Math.min(input.thumbnailTime, input.seconds);
  type Measured = { ok: boolean; lost: boolean; frameMs: number[]; readMs: number };
  let m: Measured;
  try {
    // The calibration frames are the shader's first frames: a kill here is a hang at frame 1 (or 2–4).
    m = await browser.call<Measured>('Frame 1', budget.firstFrameMs, 'measureShader', cal.width, cal.height, time, input.fps, 0);
    if (!m.ok || m.lost) return { failure: result.contextLostFailure(0) };
  } catch (err) {
    if (err instanceof RenderTimeoutError) return { failure: await judgeKill(browser, input, result.hangFailure(0, 0, time, budget.firstFrameMs, err.recovery), budget.firstFrameMs, cal, budget) };
    throw err;
  }
  const timedBudget = CAL_FRAMES * budget.frameMs;
  try {
    m = await browser.call<Measured>('Measuring the shader', timedBudget, 'measureShader', cal.width, cal.height, time, input.fps, CAL_FRAMES);
  } catch (err) {
    if (err instanceof RenderTimeoutError) return { failure: await judgeKill(browser, input, result.hangFailure(1, CAL_FRAMES, time + 1 / input.fps, timedBudget, err.recovery), budget.frameMs, cal, budget) };
    throw err;
  }
  if (!m.ok || m.lost) return { failure: result.contextLostFailure(0) };
  return { cost: { frameMs: median(m.frameMs), readMs: m.readMs, referenceMs: median(ref.frameMs), width: cal.width, height: cal.height } };
}

function heavyFacts(plan: TierPlan, cost: ShaderCost, hasBuffers: boolean, budgetMs: number, estimateMs?: number): result.HeavyFacts {
  return {
    ratio: costRatio(cost),
    frameMs: cost.frameMs,
    referenceMs: cost.referenceMs,
    calWidth: cost.width,
    calHeight: cost.height,
    frames: framesOf(plan, hasBuffers),
    width: plan.width,
    height: plan.height,
    estimateMs: estimateMs ?? planEstimateMs(plan, cost, hasBuffers),
    budgetMs,
  };
}

/** Nothing fits: heavy for its own sake (the shader's fault) or a machine too busy right now (the renderer's). */
function overBudget(lowest: TierPlan, cost: ShaderCost, hasBuffers: boolean, budgetMs: number, estimateMs?: number): RenderFailure {
  const facts = heavyFacts(lowest, cost, hasBuffers, budgetMs, estimateMs);
  return facts.ratio > TOO_HEAVY_RATIO ? result.tooHeavyFailure(facts) : result.budgetFailure(facts);
}

async function renderLocked(
  input: ShaderRenderInput,
  warnings: ShaderRenderOutput['diagnostics'],
  browser: RenderBrowser,
  opts: RenderOptions,
  timing: result.Timing,
): Promise<ShaderRenderOutput> {
  const budget = { ...DEFAULT_RENDER_BUDGET, ...opts.budget };
  const progress = (f: number, m: string): void => opts.progress?.(f, m);
  const hasBuffers = input.source.buffers.length > 0;
  const tiers = tiersFor(input, opts.degrade ?? true);

  progress(0.05, 'Compiling');
  const prep = await prepare(browser, input, input.width, input.height, budget, timing);
  let diagnostics = [...warnings, ...prep.diagnostics];
  if (!prep.ok) return result.stopped(prep.failure, diagnostics, timing, { compiled: false });

  progress(0.08, 'Measuring against the reference draw');
  const cal = await calibrate(browser, input, budget);
  if ('failure' in cal) return result.stopped(cal.failure, diagnostics, timing, { compiled: true });
  const { cost } = cal;
  opts.log?.('debug', `cost ${cost.frameMs.toFixed(2)} ms/frame at ${cost.width}x${cost.height}, reference ${cost.referenceMs.toFixed(2)} ms (${costRatio(cost).toFixed(1)}x)`);

  const loopStart = performance.now();
  const remaining = (): number => budget.totalMs - (performance.now() - loopStart);
  const minLevel = Math.min(Math.max(0, opts.minTier ?? 0), tiers.length - 1);
  let plan = chooseTier(tiers, cost, budget.totalMs, hasBuffers, minLevel);
  if (!plan) return result.stopped(overBudget(tiers.at(-1)!, cost, hasBuffers, budget.totalMs), diagnostics, timing, { compiled: true, tier: tierRecord(tiers.at(-1)!, cost) });
  let frameTimes: number[] = [];
  // The shader already drew its calibration frames, so a frame killed later is more likely a
  // stall of a loaded machine than an endless loop: the tier is rendered once more on a fresh page
  // before the kill is judged.
  let stallRetried = false;
  let freshPage = false;

  for (;;) {
    if (freshPage || plan.width !== input.width || plan.height !== input.height) {
      // A smaller tier draws on a canvas of its size, and a page replaced after a kill has no shader yet: WebGL starts again there.
      const again = await prepare(browser, input, plan.width, plan.height, budget, timing);
      if (!again.ok) return result.stopped(again.failure, diagnostics, timing, { compiled: false, tier: tierRecord(plan, cost) });
      diagnostics = [...warnings, ...again.diagnostics];
    }
    const estimate = frameEstimateMs(plan, cost);
    const current = plan;
    const total = framesOf(plan, hasBuffers);
    progress(0.1, `Rendering ${total} frames at ${plan.width}x${plan.height}${plan.level ? ` (tier ${plan.level}: ${plan.name})` : ''}`);
    const outcome = await renderTier(browser, {
      plan,
      preview: input.preview,
      hasBuffers,
      workDir: opts.workDir,
      keepFrames: !!opts.keepFrames,
      ffmpegPath: opts.ffmpegPath,
      signal: opts.signal,
      firstFrameMs: Math.max(budget.firstFrameMs, 8 * estimate),
      frameMs: Math.max(budget.frameMs, 8 * estimate),
      budgetMs: remaining(),
      progress: (done, n) => {
        if (done % 8 === 0 || done === n) progress(0.1 + 0.7 * (done / n), `Frame ${done}/${n}`);
      },
    });
    frameTimes = outcome.frameTimes;
    freshPage = false;
    if (outcome.kind === 'failed' && outcome.failure.code === 'hang' && !stallRetried) {
      stallRetried = freshPage = true;
      opts.log?.('warn', `${outcome.failure.message}; the shader drew its first frames in time, so this tier is rendered once more before calling it an endless loop`);
      continue;
    }
    if (outcome.kind === 'failed' && outcome.failure.code === 'hang') outcome.failure = await judgeKill(browser, input, outcome.failure, Math.max(budget.frameMs, 8 * estimate), plan, budget);
    if (outcome.kind === 'failed') return result.stopped(outcome.failure, diagnostics, timing, { compiled: true, frames: frameTimes.length, frameTimes, tier: tierRecord(current, cost) });
    if (outcome.kind === 'done') return finish(input, current, cost, outcome, diagnostics, budget, timing, opts, progress);
    // Overrun: the machine got busier than measured. Re-scale the cost from what this tier really took.
    const scaled: ShaderCost = { ...cost, frameMs: Math.max(cost.frameMs, (outcome.msPerFrame * cost.width * cost.height) / (current.width * current.height) - cost.readMs) };
    const next = chooseTier(tiers, scaled, remaining(), hasBuffers, current.level + 1);
    opts.log?.('info', `tier ${current.level} (${current.name}) would not finish in time at ${outcome.msPerFrame.toFixed(1)} ms/frame; ${next ? `degrading to tier ${next.level} (${next.name})` : 'no lower tier fits'}`);
    if (!next) {
      const lowest = tiers.at(-1)!;
      return result.stopped(overBudget(lowest, cost, hasBuffers, budget.totalMs, planEstimateMs(lowest, scaled, hasBuffers)), diagnostics, timing, { compiled: true, frames: frameTimes.length, frameTimes, tier: tierRecord(current, cost) });
    }
    plan = next;
  }
}

async function finish(
  input: ShaderRenderInput,
  plan: TierPlan,
  cost: ShaderCost,
  done: Extract<TierOutcome, { kind: 'done' }>,
  diagnostics: CompileDiagnostic[],
  budget: RenderBudget,
  timing: result.Timing,
  opts: RenderOptions,
  progress: (f: number, m: string) => void,
): Promise<ShaderRenderOutput> {
  progress(0.9, 'Frame statistics');
  const thumbPath = join(opts.workDir, 'thumbnail.png');
  const sampled = [...done.samples].sort((a, b) => a.time - b.time);
  // Statistics are computed while ffmpeg finishes the preview.
  const [stats] = await Promise.all([computeFrameStats(sampled), writeFile(thumbPath, done.thumbPng), done.encoded]);
  const allBlack = sampled.every((f) => litFraction(f) < LIT_FRACTION_MIN);
  const hasNaN = done.nan.fraction > NAN_FRACTION_LIMIT;
  const p95 = result.frameTimeSummary(done.frameTimes).p95;
  const validity = { compiled: true, allBlack, hasNaN, isStatic: sampled.length > 1 && stats.motionEnergy < 0.0005, withinBudget: p95 <= budget.softFrameMs };
  const failure = hasNaN ? result.nanFailure(done.nan.fraction, done.nan.time) : allBlack ? result.blackFailure(sampled[0]!.time, sampled.at(-1)!.time, sampled.length) : null;
  progress(1, failure ? `Rendered, but ${failure.code.replace('_', ' ')}` : plan.level ? `Rendered at tier ${plan.level} (${plan.name})` : 'Rendered');
  return {
    ok: !failure,
    failure,
    diagnostics,
    validity,
    thumbnail: { path: thumbPath, mediaId: null, width: plan.width, height: plan.height },
    preview: done.previewPath ? { path: done.previewPath, mediaId: null, mime: PREVIEW_MIME[input.preview as 'webm' | 'mp4'] } : null,
    frames: done.frameTimes.length,
    frameTimeMs: result.frameTimeSummary(done.frameTimes),
    stats,
    renderer: { provider: result.PROVIDER, gl: timing.gl, ms: Math.round(performance.now() - timing.startedAt) },
    tier: tierRecord(plan, cost),
  };
}
