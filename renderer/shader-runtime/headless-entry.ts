/**
 * The page-side API of the headless renderer, built as a standalone IIFE
 * (vite.runtime.config.ts → dist/shader-runtime/runtime.iife.js) that the worker injects into
 * headless Chromium. Every call is synchronous and small, so the worker can put a time budget
 * on each one and kill the GPU process when a shader hangs.
 */
import type { ShaderSource } from '../../shared/shaders/source.js';
import { ShaderEngine, type GlInfo, type LoadResult } from './engine.js';

export type CaptureFormat = 'png' | 'jpeg' | 'rgba';

export interface HeadlessRenderApi {
  init(width: number, height: number): GlInfo;
  load(source: ShaderSource): LoadResult;
  /** Renders one frame and waits for the GPU; ms is the wall time of both. */
  renderFrame(time: number, frame: number, fps: number): { ok: boolean; ms: number; lost: boolean };
  /** The Image output as base64: PNG or JPEG file bytes, or top-down RGBA8. */
  capture(format: CaptureFormat, quality?: number): string;
  /** renderFrame then capture in one call (one round trip per frame); ms covers the render only. */
  frame(time: number, frame: number, fps: number, format: CaptureFormat | null, quality?: number): { ok: boolean; ms: number; lost: boolean; data: string | null };
  /**
   * Several frames in one call (one DevTools round trip per batch): each is rendered, finished
   * and captured in the formats asked with canvas.toBlob, which snapshots the canvas at once and
   * encodes off the main thread while the next frame renders (measured 1.5x faster than
   * toDataURL per frame). Stops at the first frame that fails or loses the context.
   */
  frames(specs: BatchFrame[], fps: number, quality?: number): Promise<BatchResult[]>;
  /**
   * Cost of the loaded shader at calW×calH, in two calls so a hang is pinned to its frame:
   * count=0 draws the warm-up frame (the driver's lazy compile); then `count` timed frames and
   * one timed read-back, after which the canvas goes back to its size at frame 0.
   */
  measureShader(calW: number, calH: number, time: number, fps: number, count: number): { ok: boolean; lost: boolean; frameMs: number[]; readMs: number };
  /** The same for the reference draw (a trivial gradient) on its own canvas, for the cost ratio. */
  measureReference(calW: number, calH: number, count: number): { frameMs: number[] };
  probeNaN(): { nanPixels: number; pixels: number } | null;
  /** Baseline for benchmarks: frames rendered by a requestAnimationFrame loop in `ms`. */
  rafRate(ms: number, fps: number): Promise<{ frames: number; ms: number }>;
}

export interface BatchFrame {
  time: number;
  frame: number;
  formats: CaptureFormat[];
}

export interface BatchResult {
  ok: boolean;
  ms: number;
  lost: boolean;
  data: Partial<Record<CaptureFormat, string>>;
}

/** The reference draw: what "a trivial shader" costs on this browser right now. */
const REFERENCE_SHADER = 'void mainImage(out vec4 c, in vec2 f) {\n  vec2 uv = f / iResolution.xy;\n  c = vec4(uv, 0.5 + 0.5 * sin(iTime), 1.0);\n}\n';
let reference: ShaderEngine | null = null;
let measuring: { width: number; height: number } | null = null;

declare global {
  interface Window {
    __auteurRender?: HeadlessRenderApi;
  }
}

let engine: ShaderEngine | null = null;

function need(): ShaderEngine {
  if (!engine) throw new Error('init() has not been called');
  return engine;
}

function base64(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (native) return native.call(bytes);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The canvas as PNG/JPEG base64 via toBlob: the snapshot is taken now, the encode runs off the main thread. */
function blobBase64(canvas: HTMLCanvasElement, format: 'png' | 'jpeg', quality: number): Promise<string> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => {
        if (!blob) return reject(new Error(`The canvas could not be encoded as ${format}`));
        const reader = new FileReader();
        reader.onload = () => {
          const url = reader.result as string;
          resolve(url.slice(url.indexOf(',') + 1));
        };
        reader.onerror = () => reject(reader.error ?? new Error('Reading the encoded frame failed'));
        reader.readAsDataURL(blob);
      },
      format === 'png' ? 'image/png' : 'image/jpeg',
      quality,
    );
  });
}

const api: HeadlessRenderApi = {
  init(width, height) {
    engine?.dispose();
    measuring = null;
    document.querySelector('canvas')?.remove();
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    // Attached on purpose: a detached WebGL canvas measured 2.5× slower to read back in headless Chromium.
    document.body.appendChild(canvas);
    engine = new ShaderEngine(canvas, { preserveDrawingBuffer: true, dateBase: 'load' }); // iDate: the real local date at load, advancing with iTime
    return engine.info;
  },
  load(source) {
    return need().load(source);
  },
  renderFrame(time, frame, fps) {
    const e = need();
    const t0 = performance.now();
    const ok = e.render({ time, frame, delta: frame === 0 ? 0 : 1 / fps, frameRate: fps });
    if (ok) e.finish();
    return { ok, ms: performance.now() - t0, lost: e.contextLost };
  },
  capture(format, quality = 0.9) {
    const e = need();
    if (format === 'rgba') return base64(e.readPixels());
    // The canvas keeps its pixels (preserveDrawingBuffer), so the browser's own encoders can read it.
    const url = e.canvas.toDataURL(format === 'png' ? 'image/png' : 'image/jpeg', quality);
    return url.slice(url.indexOf(',') + 1);
  },
  frame(time, frame, fps, format, quality) {
    const r = api.renderFrame(time, frame, fps);
    return { ...r, data: r.ok && format ? api.capture(format, quality) : null };
  },
  async frames(specs, fps, quality = 0.9) {
    const e = need();
    const out: BatchResult[] = [];
    const pending: Array<Promise<void>> = [];
    for (const s of specs) {
      const r = api.renderFrame(s.time, s.frame, fps);
      const data: BatchResult['data'] = {};
      out.push({ ...r, data });
      if (!r.ok || r.lost) break;
      for (const f of s.formats) {
        if (f === 'rgba') data.rgba = api.capture('rgba');
        else pending.push(blobBase64(e.canvas, f, quality).then((b64) => void (data[f] = b64)));
      }
    }
    await Promise.all(pending);
    return out;
  },
  measureShader(calW, calH, time, fps, count) {
    const e = need();
    // The canvas size to return to is kept across the two phases (warm-up, then timing).
    measuring ??= { width: e.canvas.width, height: e.canvas.height };
    e.resize(calW, calH);
    const frameMs: number[] = [];
    if (count === 0) {
      // Warm-up: the first draw carries the driver's lazy compile; a hang here is frame 1's.
      const ok = e.render({ time, frame: 0, delta: 0, frameRate: fps });
      if (ok) e.finish();
      return { ok, lost: e.contextLost, frameMs, readMs: 0 };
    }
    let ok = true;
    for (let i = 1; ok && i <= count; i++) {
      const t0 = performance.now();
      ok = e.render({ time: time + i / fps, frame: i, delta: 1 / fps, frameRate: fps });
      if (ok) e.finish();
      frameMs.push(performance.now() - t0);
    }
    const t1 = performance.now();
    if (ok) e.readPixels();
    const readMs = performance.now() - t1;
    const lost = e.contextLost;
    e.resize(measuring.width, measuring.height);
    measuring = null;
    e.reset();
    return { ok, lost, frameMs, readMs };
  },
  measureReference(calW, calH, count) {
    if (!reference || reference.contextLost) {
      reference?.dispose();
      const canvas = document.createElement('canvas');
      document.body.appendChild(canvas);
      reference = new ShaderEngine(canvas, { preserveDrawingBuffer: false, dateBase: 'load' }); // iDate: the real local date at load, advancing with iTime
      reference.load({ common: '', buffers: [], image: { code: REFERENCE_SHADER, channels: [] } });
    }
    const r = reference;
    r.resize(calW, calH);
    r.render({ time: 0, frame: 0, frameRate: 30 });
    r.finish();
    const frameMs: number[] = [];
    for (let i = 1; i <= count; i++) {
      const t0 = performance.now();
      r.render({ time: i / 30, frame: i, delta: 1 / 30, frameRate: 30 });
      r.finish();
      frameMs.push(performance.now() - t0);
    }
    return { frameMs };
  },
  probeNaN() {
    return need().probeNaN();
  },
  rafRate(ms, fps) {
    const e = need();
    return new Promise((resolve) => {
      const t0 = performance.now();
      let frames = 0;
      const tick = (): void => {
        const elapsed = performance.now() - t0;
        if (elapsed >= ms) {
          resolve({ frames, ms: elapsed });
          return;
        }
        e.render({ time: frames / fps, frame: frames, frameRate: fps });
        frames++;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  },
};

window.__auteurRender = api;
