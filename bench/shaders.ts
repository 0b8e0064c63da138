// Shader renderer benchmarks: frames captured per second through the renderer's real path
// (batches of BATCH_FRAMES frames per page call: render + GPU finish + JPEG capture, one DevTools
// round trip per batch, decoded in Node, as shader.render does for the preview) against the same
// shader's requestAnimationFrame rate in the same Chromium page (the browser's own ceiling, no
// read-back). Rows are milliseconds per frame, so ratio > 1 is the capture overhead; the share of
// the in-page rate reached is 1/ratio (goal: ≥ 0.8 for capture, ≥ 0.6 end to end).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { singlePass } from '../shared/shaders/source.js';
import { RenderBrowser } from '../worker/render/browser.js';
import { renderShader } from '../worker/render/shader-renderer.js';
import { BATCH_FRAMES } from '../worker/render/tier-render.js';
import { row, type BenchRow } from './table.js';

const RUNS = 5;
const FRAMES_PER_RUN = 20;
const RAF_MS = 1500;
const WIDTH = 640;
const HEIGHT = 360;
const FPS = 30;

function root(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('bench/shaders: cannot find the checkout');
    dir = up;
  }
  return dir;
}

const shader = (name: string): string => readFileSync(join(root(), 'test', 'fixtures', 'shaders', `${name}.glsl`), 'utf8');

interface BatchFrame {
  ok: boolean;
  data: { jpeg?: string };
}

/** ms per frame over FRAMES_PER_RUN captured frames, in the renderer's batches. */
async function captureRun(browser: RenderBrowser, start: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < FRAMES_PER_RUN; i += BATCH_FRAMES) {
    const n = Math.min(BATCH_FRAMES, FRAMES_PER_RUN - i);
    const specs = Array.from({ length: n }, (_, k) => ({ time: (start + i + k) / FPS, frame: start + i + k, formats: ['jpeg'] }));
    const frames = await browser.call<BatchFrame[]>('bench frames', 30_000, 'frames', specs, FPS, 0.92);
    for (const f of frames) {
      if (!f.ok || !f.data.jpeg) throw new Error('bench: a frame failed to render');
      Buffer.from(f.data.jpeg, 'base64');
    }
  }
  return (performance.now() - t0) / FRAMES_PER_RUN;
}

/** ms per frame of an in-page requestAnimationFrame loop (no read-back). */
async function rafRun(browser: RenderBrowser): Promise<number> {
  const r = await browser.call<{ frames: number; ms: number }>('bench rAF', 30_000, 'rafRate', RAF_MS, FPS);
  return r.ms / Math.max(1, r.frames);
}

async function pairFor(browser: RenderBrowser, name: string): Promise<{ capture: number[]; raf: number[] }> {
  await browser.call('init', 30_000, 'init', WIDTH, HEIGHT);
  const load = await browser.call<{ ok: boolean }>('load', 30_000, 'load', singlePass(shader(name)));
  if (!load.ok) throw new Error(`bench: ${name} does not compile`);
  await captureRun(browser, 0); // warm-up: shader JIT, first read-back
  await rafRun(browser);
  const capture: number[] = [];
  const raf: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    raf.push(await rafRun(browser));
    capture.push(await captureRun(browser, (i + 1) * FRAMES_PER_RUN));
  }
  return { capture, raf };
}

export async function benchShaders(): Promise<BenchRow[]> {
  const browser = new RenderBrowser();
  const rows: BenchRow[] = [];
  try {
    for (const name of ['gradient', 'raymarch']) {
      process.stderr.write(`bench: shader capture vs requestAnimationFrame, ${name} ${WIDTH}×${HEIGHT} (${RUNS} runs × ${FRAMES_PER_RUN} frames)…\n`);
      const { capture, raf } = await browser.exclusive(() => pairFor(browser, name));
      const r = row(`shader capture ms/frame, ${name} ${WIDTH}×${HEIGHT}`, capture, raf);
      process.stderr.write(`bench:   capture ${(1000 / r.median).toFixed(1)} fps, rAF ${(1000 / (r.baseline ?? 1)).toFixed(1)} fps: ${(1 / (r.ratio ?? 1)).toFixed(2)}x the in-page rate\n`);
      rows.push(r);
    }
    // End to end: what a shader.render job costs per frame (stats, NaN probes, thumbnail, WebM).
    process.stderr.write(`bench: full render (2 s at ${FPS} fps, WebM), gradient ${WIDTH}×${HEIGHT}…\n`);
    const full: number[] = [];
    for (let i = 0; i < 3; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'auteur-bench-render-'));
      try {
        const t0 = performance.now();
        const out = await renderShader({ source: { image: { code: shader('gradient') } }, width: WIDTH, height: HEIGHT, fps: FPS, seconds: 2, preview: 'webm' }, { workDir: dir, browser });
        if (!out.ok) throw new Error(`bench: full render failed: ${out.failure?.message}`);
        if (out.tier?.level) process.stderr.write(`bench:   (this run degraded to tier ${out.tier.level}, ${out.tier.name}: the machine is busy)\n`);
        full.push((performance.now() - t0) / out.frames);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const gradientRaf = rows[0]?.baseline;
    const e2e = row(`shader.render end to end ms/frame, gradient ${WIDTH}×${HEIGHT}`, full, gradientRaf ? [gradientRaf] : undefined);
    process.stderr.write(`bench:   end to end ${(1000 / e2e.median).toFixed(1)} fps: ${(1 / (e2e.ratio ?? 1)).toFixed(2)}x the in-page rate\n`);
    rows.push(e2e);
  } finally {
    await browser.close();
  }
  return rows;
}
