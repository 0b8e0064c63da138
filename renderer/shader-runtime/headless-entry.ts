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
  probeNaN(): { nanPixels: number; pixels: number } | null;
  /** Baseline for benchmarks: frames rendered by a requestAnimationFrame loop in `ms`. */
  rafRate(ms: number, fps: number): Promise<{ frames: number; ms: number }>;
}

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

const api: HeadlessRenderApi = {
  init(width, height) {
    engine?.dispose();
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
