/**
 * The headless shader renderer: static checks → compile in headless Chromium → frames at `fps`
 * for `seconds` (streamed into the preview encoder) → thumbnail PNG → FrameStats + validity.
 * A shader at fault comes back as ok=false with a specific failure; only a renderer that cannot
 * run (no browser, ffmpeg failing, disk full) throws, which makes the job retry.
 */
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { z } from 'zod';
import { ShaderRenderInput, type RenderFailure, type ShaderRenderOutput } from '../../shared/shaders/render-contract.js';
import type { ShaderSourceInput } from '../../shared/shaders/source.js';
import { asDiagnostics, staticCheck, staticFailure, type LooseShaderSource, type StaticLimits } from '../../shared/shaders/static-checks.js';
import { CancelledError } from '../task-context.js';
import { RenderTimeoutError, sharedRenderBrowser, type RenderBrowser } from './browser.js';
import { computeFrameStats, litFraction, type RawFrame } from './frame-stats.js';
import { PREVIEW_MIME, PreviewEncoder } from './preview-encoder.js';
import * as result from './render-result.js';

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
}

/** Pixels with NaN above this share of a frame fail the render (a stray singular pixel does not). */
const NAN_FRACTION_LIMIT = 0.001;
const LIT_FRACTION_MIN = 0.0005;
const STATS_SAMPLES = 8;

interface FrameResult {
  ok: boolean;
  ms: number;
  lost: boolean;
  data: string | null;
}

/** Preview frames travel as JPEG: a tenth of the raw bytes over the DevTools pipe, invisible after VP8/H.264. */
const JPEG_QUALITY = 0.92;

function evenly(frames: number, count: number): Set<number> {
  const out = new Set<number>();
  if (frames <= 0) return out;
  for (let k = 0; k < count; k++) out.add(Math.round((k * (frames - 1)) / Math.max(1, count - 1)));
  return out;
}

interface FramePlan {
  /** Frames of the preview sequence (0 … sequence-1 at `fps`). */
  sequence: number;
  thumbFrame: number;
  /** Last frame index rendered in order; feedback buffers are simulated up to the thumbnail. */
  lastFrame: number;
  /** A single pass renders its thumbnail as one extra frame when it lies past the sequence. */
  extraThumb: boolean;
  total: number;
  /** Frames read back losslessly for FrameStats. */
  samples: Set<number>;
  /** Frames checked for NaN (each probe re-renders the Image pass, so fewer than samples). */
  probes: Set<number>;
}

function planFrames(input: ShaderRenderInput): FramePlan {
  const sequence = Math.max(0, Math.round(input.seconds * input.fps));
  const thumbFrame = Math.round(input.thumbnailTime * input.fps);
  const hasBuffers = input.source.buffers.length > 0;
  const lastFrame = hasBuffers ? Math.max(sequence - 1, thumbFrame) : sequence - 1;
  const extraThumb = !hasBuffers && thumbFrame > lastFrame;
  const samples = evenly(sequence, STATS_SAMPLES);
  const order = [...samples];
  const probes = new Set([order[0], order[Math.floor(order.length / 2)], order.at(-1)].filter((x): x is number => x !== undefined));
  return { sequence, thumbFrame, lastFrame, extraThumb, total: lastFrame + 1 + (extraThumb ? 1 : 0), samples, probes };
}

async function decodePng(png: Buffer, width: number, height: number): Promise<RawFrame> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.width !== width || info.height !== height) throw new Error(`A frame came back ${info.width}×${info.height}, expected ${width}×${height}`);
  return { rgba: data, width, height };
}

export async function renderShader(req: RenderRequest, opts: RenderOptions): Promise<ShaderRenderOutput> {
  const timing: result.Timing = { startedAt: performance.now(), gl: null };
  opts.progress?.(0, 'Static checks');
  const issues = staticCheck(req.source as LooseShaderSource, opts.staticLimits);
  const refused = staticFailure(issues);
  if (refused) return result.stopped(refused, asDiagnostics(issues), timing, { compiled: false });
  const input = ShaderRenderInput.parse(req);
  const browser = opts.browser ?? sharedRenderBrowser({ chromePath: opts.chromePath });
  return browser.exclusive(() => renderLocked(input, asDiagnostics(issues), browser, opts, timing));
}

async function renderLocked(
  input: ShaderRenderInput,
  warnings: ShaderRenderOutput['diagnostics'],
  browser: RenderBrowser,
  opts: RenderOptions,
  timing: result.Timing,
): Promise<ShaderRenderOutput> {
  const budget = { ...DEFAULT_RENDER_BUDGET, ...opts.budget };
  const { width, height, fps } = input;
  const progress = (f: number, m: string): void => opts.progress?.(f, m);
  const cancelled = (): void => {
    if (opts.signal?.aborted) throw new CancelledError();
  };

  progress(0.05, 'Compiling');
  const gl = await browser.call<{ renderer: string; bufferFormat: string }>('Starting WebGL', budget.compileMs, 'init', width, height);
  timing.gl = gl.renderer;
  let load: { ok: boolean; diagnostics: ShaderRenderOutput['diagnostics'] };
  try {
    load = await browser.call('Compiling the shader', budget.compileMs, 'load', input.source);
  } catch (err) {
    if (err instanceof RenderTimeoutError) return result.stopped(result.compileTimeout(budget.compileMs, err.recovery), warnings, timing, { compiled: false });
    throw err;
  }
  const diagnostics = [...warnings, ...load.diagnostics];
  if (!load.ok) return result.stopped(result.compileFailure(load.diagnostics), diagnostics, timing, { compiled: false });

  const plan = planFrames(input);
  const encoder =
    input.preview !== 'none' && plan.sequence > 0
      ? new PreviewEncoder({ format: input.preview, input: opts.keepFrames ? 'png' : 'jpeg', fps, outPath: join(opts.workDir, `preview.${input.preview}`), ffmpegPath: opts.ffmpegPath, signal: opts.signal })
      : null;
  if (opts.keepFrames) mkdirSync(join(opts.workDir, 'frames'), { recursive: true });

  const frameTimes: number[] = [];
  const sampled: Array<RawFrame & { time: number }> = [];
  const fileWrites: Promise<unknown>[] = [];
  let thumbPng: Buffer | null = null;
  let worstNaN = { fraction: 0, time: 0 };
  const loopStart = performance.now();
  const imageFormat = opts.keepFrames ? 'png' : 'jpeg';
  const stop = (failure: RenderFailure): ShaderRenderOutput => result.stopped(failure, diagnostics, timing, { compiled: true, frames: frameTimes.length, frameTimes });

  const renderOne = async (index: number): Promise<ShaderRenderOutput | null> => {
    cancelled();
    const extra = index > plan.lastFrame; // the single-pass thumbnail past the sequence
    const frameNo = extra ? plan.thumbFrame : index;
    const time = extra ? input.thumbnailTime : index / fps;
    const isThumb = frameNo === plan.thumbFrame && (extra || !plan.extraThumb);
    const encode = index < plan.sequence && (!!encoder || !!opts.keepFrames);
    const sample = plan.samples.has(frameNo) || isThumb;
    // Sampled frames come back as PNG (lossless, for stats and the thumbnail); the rest as the encoder's images.
    const format = sample ? 'png' : encode ? imageFormat : null;
    const frameBudget = index === 0 ? budget.firstFrameMs : budget.frameMs;
    let r: FrameResult;
    try {
      r = await browser.call<FrameResult>(`Frame ${frameNo + 1}`, frameBudget, 'frame', time, frameNo, fps, format, JPEG_QUALITY);
    } catch (err) {
      if (err instanceof RenderTimeoutError) return stop(result.frameTimeout(frameNo, time, frameBudget, err.recovery));
      throw err;
    }
    if (!r.ok || r.lost) return stop(result.contextLostFailure(frameNo));
    frameTimes.push(r.ms);
    let image = r.data ? Buffer.from(r.data, 'base64') : null;
    if (sample && image) {
      const png = image;
      sampled.push({ ...(await decodePng(png, width, height)), time });
      if (isThumb) thumbPng = png;
      if (plan.probes.has(frameNo) || isThumb) {
        const nan = await browser.call<{ nanPixels: number; pixels: number } | null>('NaN probe', budget.frameMs, 'probeNaN');
        const fraction = nan ? nan.nanPixels / nan.pixels : 0;
        if (fraction > worstNaN.fraction) worstNaN = { fraction, time };
      }
      if (encode && imageFormat === 'jpeg') image = Buffer.from(await browser.call<string>(`Encoding frame ${frameNo + 1}`, budget.frameMs, 'capture', 'jpeg', JPEG_QUALITY), 'base64');
    }
    if (encode && image) {
      if (encoder) await encoder.write(image);
      if (opts.keepFrames) fileWrites.push(writeFile(join(opts.workDir, 'frames', `${String(frameNo).padStart(5, '0')}.png`), image));
    }
    // Stop a slow shader as soon as the projection says it cannot finish in time.
    const done = frameTimes.length;
    const elapsed = performance.now() - loopStart;
    if (done >= 3 && done < plan.total && (elapsed / done) * plan.total > budget.totalMs) return stop(result.projectedTimeout(plan.total, elapsed / done, budget.totalMs));
    if (done % 5 === 0 || done === plan.total) progress(0.1 + 0.7 * (done / plan.total), `Frame ${done}/${plan.total}`);
    return null;
  };

  try {
    for (let i = 0; i < plan.total; i++) {
      const stopped = await renderOne(i);
      if (stopped) {
        encoder?.abort();
        return stopped;
      }
    }
    if (encoder) {
      progress(0.82, 'Encoding preview');
      await encoder.finish();
    }
    await Promise.all(fileWrites);
  } catch (err) {
    encoder?.abort();
    throw err;
  } finally {
    if (opts.signal?.aborted) encoder?.abort();
  }

  progress(0.9, 'Frame statistics');
  const thumbPath = join(opts.workDir, 'thumbnail.png');
  if (!thumbPng) throw new Error('No thumbnail frame was captured');
  await writeFile(thumbPath, thumbPng);
  sampled.sort((a, b) => a.time - b.time);
  const stats = await computeFrameStats(sampled);
  const allBlack = sampled.every((f) => litFraction(f) < LIT_FRACTION_MIN);
  const hasNaN = worstNaN.fraction > NAN_FRACTION_LIMIT;
  const p95 = result.frameTimeSummary(frameTimes).p95;
  const validity = { compiled: true, allBlack, hasNaN, isStatic: sampled.length > 1 && stats.motionEnergy < 0.0005, withinBudget: p95 <= budget.softFrameMs };
  const failure = hasNaN ? result.nanFailure(worstNaN.fraction, worstNaN.time) : allBlack ? result.blackFailure(sampled[0]!.time, sampled.at(-1)!.time, sampled.length) : null;
  progress(1, failure ? `Rendered, but ${failure.code.replace('_', ' ')}` : 'Rendered');
  return {
    ok: !failure,
    failure,
    diagnostics,
    validity,
    thumbnail: { path: thumbPath, mediaId: null, width, height },
    preview: encoder ? { path: join(opts.workDir, `preview.${input.preview}`), mediaId: null, mime: PREVIEW_MIME[input.preview as 'webm' | 'mp4'] } : null,
    frames: frameTimes.length,
    frameTimeMs: result.frameTimeSummary(frameTimes),
    stats,
    renderer: { provider: result.PROVIDER, gl: timing.gl, ms: Math.round(performance.now() - timing.startedAt) },
  };
}
