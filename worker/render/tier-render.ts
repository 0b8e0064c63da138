/**
 * Renders one tier's frames: batches of frames per page call (one DevTools round trip and one
 * transfer per batch), JPEG frames streamed into the preview encoder, lossless PNG samples for
 * FrameStats and the thumbnail, NaN probes on a few samples. Stops with an overrun as soon as
 * the projection says the tier cannot finish in its share of the budget, so the caller can
 * degrade to the next tier instead of failing.
 */
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { RenderFailure } from '../../shared/shaders/render-contract.js';
import { CancelledError } from '../task-context.js';
import { RenderTimeoutError, type RenderBrowser } from './browser.js';
import type { RawFrame } from './frame-stats.js';
import { PreviewEncoder } from './preview-encoder.js';
import * as result from './render-result.js';
import type { TierPlan } from './render-tiers.js';

/** Frames per page call: enough to amortise the round trip, few enough to keep the watchdog precise. */
export const BATCH_FRAMES = 8;
/** Preview frames travel as JPEG: a tenth of the raw bytes over the DevTools pipe, invisible after VP8/H.264. */
const JPEG_QUALITY = 0.92;
const STATS_SAMPLES = 8;

type Format = 'png' | 'jpeg';

interface FrameSpec {
  time: number;
  frame: number;
  formats: Format[];
  /** Decoded for FrameStats (and the thumbnail). */
  sample: boolean;
  /** Part of the preview sequence (encoded, or written as frames/NNNNN.png). */
  encode: boolean;
}

interface BatchResult {
  ok: boolean;
  ms: number;
  lost: boolean;
  data: Partial<Record<Format, string>>;
}

export interface TierRun {
  plan: TierPlan;
  preview: 'webm' | 'mp4' | 'none';
  hasBuffers: boolean;
  workDir: string;
  keepFrames: boolean;
  ffmpegPath?: string | null;
  signal?: AbortSignal;
  /** Watchdog for the first frame (driver JIT) and for every later one. */
  firstFrameMs: number;
  frameMs: number;
  /** This tier's share of the total budget, from now. */
  budgetMs: number;
  progress: (done: number, total: number) => void;
}

export type TierOutcome =
  | {
      kind: 'done';
      frameTimes: number[];
      samples: Array<RawFrame & { time: number }>;
      thumbPng: Buffer;
      nan: { fraction: number; time: number };
      previewPath: string | null;
      /** ffmpeg finishing the preview: awaited by the caller alongside the frame statistics. */
      encoded: Promise<void>;
    }
  | { kind: 'failed'; failure: RenderFailure; frameTimes: number[] }
  | { kind: 'overrun'; frameTimes: number[]; msPerFrame: number };

function evenly(frames: number, count: number): Set<number> {
  const out = new Set<number>();
  if (frames <= 0) return out;
  for (let k = 0; k < count; k++) out.add(Math.round((k * (frames - 1)) / Math.max(1, count - 1)));
  return out;
}

async function decodePng(png: Buffer, width: number, height: number): Promise<RawFrame> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.width !== width || info.height !== height) throw new Error(`A frame came back ${info.width}×${info.height}, expected ${width}×${height}`);
  return { rgba: data, width, height };
}

/** The frames of a plan in render order, with what each one must bring back. */
function frameSpecs(run: TierRun): { specs: FrameSpec[]; probes: Set<number>; thumbFrame: number; sequence: number } {
  const { plan, hasBuffers } = run;
  const sequence = Math.max(0, Math.round(plan.seconds * plan.fps));
  const thumbFrame = Math.round(plan.thumbnailTime * plan.fps);
  // Feedback buffers are simulated frame by frame up to the thumbnail; a single pass jumps to it.
  const lastFrame = hasBuffers ? Math.max(sequence - 1, thumbFrame) : sequence - 1;
  const extraThumb = !hasBuffers && thumbFrame > lastFrame;
  const samples = evenly(sequence, STATS_SAMPLES);
  const order = [...samples];
  const probes = new Set([order[0], order[Math.floor(order.length / 2)], order.at(-1), thumbFrame].filter((x): x is number => x !== undefined));
  const encodeAll = run.preview !== 'none' || run.keepFrames;
  const specs: FrameSpec[] = [];
  for (let i = 0; i <= lastFrame; i++) {
    const sample = samples.has(i) || i === thumbFrame;
    const encode = i < sequence && encodeAll;
    const formats: Format[] = [];
    if (sample || (encode && run.keepFrames)) formats.push('png');
    if (encode && !run.keepFrames) formats.push('jpeg');
    specs.push({ time: i / plan.fps, frame: i, formats, sample, encode });
  }
  if (extraThumb) specs.push({ time: plan.thumbnailTime, frame: thumbFrame, formats: ['png'], sample: true, encode: false });
  return { specs, probes, thumbFrame, sequence };
}

export async function renderTier(browser: RenderBrowser, run: TierRun): Promise<TierOutcome> {
  const { plan } = run;
  const { specs, probes, thumbFrame, sequence } = frameSpecs(run);
  const previewPath = run.preview !== 'none' && sequence > 0 ? join(run.workDir, `preview.${run.preview}`) : null;
  const encoder = previewPath
    ? new PreviewEncoder({ format: run.preview as 'webm' | 'mp4', input: run.keepFrames ? 'png' : 'jpeg', fps: plan.fps, outPath: previewPath, ffmpegPath: run.ffmpegPath, signal: run.signal })
    : null;
  if (run.keepFrames) mkdirSync(join(run.workDir, 'frames'), { recursive: true });
  const frameTimes: number[] = [];
  const decoding: Array<Promise<RawFrame & { time: number }>> = [];
  const fileWrites: Promise<unknown>[] = [];
  let thumbPng: Buffer | null = null;
  let nan = { fraction: 0, time: 0 };
  const start = performance.now();
  const failed = (failure: RenderFailure): TierOutcome => {
    encoder?.abort();
    return { kind: 'failed', failure, frameTimes };
  };

  try {
    for (let at = 0; at < specs.length; ) {
      if (run.signal?.aborted) throw new CancelledError();
      // A batch ends at a probed frame: the NaN probe re-draws the last rendered frame.
      let end = Math.min(specs.length, at + BATCH_FRAMES);
      for (let k = at; k < end; k++) {
        if (probes.has(specs[k]!.frame) && specs[k]!.formats.includes('png')) {
          end = k + 1;
          break;
        }
      }
      const batch = specs.slice(at, end);
      const budget = (at === 0 ? run.firstFrameMs : run.frameMs) + (batch.length - 1) * run.frameMs;
      let results: BatchResult[];
      try {
        results = await browser.call<BatchResult[]>(`Frames ${at + 1}–${end}`, budget, 'frames', batch, plan.fps, JPEG_QUALITY);
      } catch (err) {
        if (err instanceof RenderTimeoutError) return failed(result.hangFailure(batch[0]!.frame, batch.at(-1)!.frame, batch[0]!.time, budget, err.recovery));
        throw err;
      }
      for (let k = 0; k < results.length; k++) {
        const r = results[k]!;
        const spec = batch[k]!;
        if (!r.ok || r.lost) return failed(result.contextLostFailure(spec.frame));
        frameTimes.push(r.ms);
        const png = r.data.png ? Buffer.from(r.data.png, 'base64') : null;
        if (png && spec.sample) {
          if (spec.frame === thumbFrame) thumbPng = png;
          const decoded = decodePng(png, plan.width, plan.height).then((f) => ({ ...f, time: spec.time }));
          decoded.catch(() => undefined); // awaited at the end; an abandoned tier must not leave it unhandled
          decoding.push(decoded);
        }
        const image = run.keepFrames ? png : r.data.jpeg ? Buffer.from(r.data.jpeg, 'base64') : null;
        if (spec.encode && image) {
          if (encoder) await encoder.write(image);
          if (run.keepFrames) fileWrites.push(writeFile(join(run.workDir, 'frames', `${String(spec.frame).padStart(5, '0')}.png`), image));
        }
      }
      const last = batch.at(-1)!;
      if (probes.has(last.frame) && last.formats.includes('png')) {
        let probe: { nanPixels: number; pixels: number } | null;
        try {
          probe = await browser.call('NaN probe', run.frameMs, 'probeNaN');
        } catch (err) {
          if (err instanceof RenderTimeoutError) return failed(result.probeTimeout(last.frame, run.frameMs));
          throw err;
        }
        const fraction = probe ? probe.nanPixels / probe.pixels : 0;
        if (fraction > nan.fraction) nan = { fraction, time: last.time };
      }
      at = end;
      run.progress(at, specs.length);
      // Degrade as soon as the projection says this tier cannot finish in its budget.
      const perFrame = (performance.now() - start) / at;
      if (at >= 3 && at < specs.length && perFrame * specs.length > run.budgetMs) {
        encoder?.abort();
        return { kind: 'overrun', frameTimes, msPerFrame: perFrame };
      }
    }
    await Promise.all(fileWrites);
  } catch (err) {
    encoder?.abort();
    throw err;
  } finally {
    if (run.signal?.aborted) encoder?.abort();
  }
  if (!thumbPng) {
    encoder?.abort();
    throw new Error('No thumbnail frame was captured');
  }
  const encoded = encoder ? encoder.finish() : Promise.resolve();
  encoded.catch(() => undefined); // awaited by the caller; never unhandled meanwhile
  let samples: Array<RawFrame & { time: number }>;
  try {
    samples = await Promise.all(decoding);
  } catch (err) {
    encoder?.abort();
    throw err;
  }
  return { kind: 'done', frameTimes, samples, thumbPng, nan, previewPath, encoded };
}
