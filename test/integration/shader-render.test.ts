/**
 * The real renderer (headless Chromium + SwiftShader, watchdog, ffmpeg, sharp) against hostile
 * shaders: each must fail with its specific reason within its budget, and a good shader must
 * render right after every one of them. Small sizes and budgets keep it fast on two cores.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShaderRenderOutput } from '../../shared/shaders/render-contract.js';
import { fromShadertoy } from '../../shared/shaders/shadertoy-format.js';
import { singlePass, type ShaderSource } from '../../shared/shaders/source.js';
import { RenderBrowser } from '../../worker/render/browser.js';
import { gpuProcesses, killAll } from '../../worker/render/process-tree.js';
import { litFraction } from '../../worker/render/frame-stats.js';
import { renderShader, type RenderBudget, type RenderRequest } from '../../worker/render/shader-renderer.js';
import { renderShaderStill } from '../../worker/render/still.js';
import { waitFor } from '../helpers/host-process.js';
import { assertRuntimeBuilt } from '../helpers/shader-runtime.js';

const FIXTURES = new URL('../fixtures/shaders/', import.meta.url).pathname;
// 3 s a frame: a kill counts as a hang only if 200x the reference draw fits in it (else: machine too busy).
const BUDGET: Partial<RenderBudget> = { compileMs: 10_000, firstFrameMs: 3_000, frameMs: 3_000, totalMs: 30_000 };
const main = (body: string, pre = ''): string => `${pre}\nvoid mainImage(out vec4 fragColor, in vec2 fragCoord) {\n${body}\n}\n`;
const GOOD = readFileSync(join(FIXTURES, 'gradient.glsl'), 'utf8');

let browser: RenderBrowser;
let root: string;
let n = 0;

beforeAll(() => {
  assertRuntimeBuilt();
  browser = new RenderBrowser();
  root = mkdtempSync(join(tmpdir(), 'auteur-render-test-'));
});
afterAll(async () => {
  await browser?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function render(req: RenderRequest, budget = BUDGET, extra: { keepFrames?: boolean } = {}): Promise<{ out: ShaderRenderOutput; ms: number; dir: string }> {
  const dir = join(root, `r${++n}`);
  mkdirSync(dir);
  const t0 = performance.now();
  const out = await renderShader({ width: 96, height: 54, fps: 10, seconds: 0.3, thumbnailTime: 0.1, preview: 'none', ...req }, { workDir: dir, browser, budget, ...extra });
  return { out, ms: performance.now() - t0, dir };
}

async function expectGoodRender(): Promise<void> {
  const { out } = await render({ source: { image: { code: GOOD } } });
  expect(out.failure).toBeNull();
  expect(out.ok).toBe(true);
  expect(out.validity.allBlack).toBe(false);
  expect(out.stats!.blackFraction).toBeLessThan(0.5);
  expect(existsSync(out.thumbnail!.path!)).toBe(true);
}

interface Hostile {
  name: string;
  source: RenderRequest['source'];
  code: NonNullable<ShaderRenderOutput['failure']>['code'];
  /** What the message must say to count as specific. */
  message: RegExp;
  check?: (out: ShaderRenderOutput) => void;
}

// A runtime endless loop is a killed frame (code 'hang', which frame), never all_black or a stack trace.
const HANG = /^Frame 1 \(iTime [\d.]+ s\) was killed after 3\.0 s without finishing: the shader probably loops forever .*GPU process was killed and restarted/;

const HOSTILE: Hostile[] = [
  { name: 'loop bound from a uniform', source: { image: { code: main('  float a = 0.0;\n  for (int i = 0; i < int(1e9 + iTime); i++) a += sin(float(i));\n  fragColor = vec4(a);') } }, code: 'hang', message: HANG },
  { name: 'while loop with a runtime condition', source: { image: { code: main('  float a = 1.0 + iTime;\n  while (a > 0.0) { a += 1.0; }\n  fragColor = vec4(a);') } }, code: 'hang', message: HANG },
  { name: 'giant loop with a break that never happens', source: { image: { code: main('  float a = 0.0;\n  for (int i = 0; i < 100000000; i++) { if (a < -1e9) break; a += abs(sin(float(i))); }\n  fragColor = vec4(a);') } }, code: 'hang', message: HANG },
  {
    name: 'endless loop inside Buffer A',
    source: { buffers: [{ id: 'A', code: main('  float a = iTime + 1.0;\n  do { a = a * 1.0001 + 1.0; } while (a > 0.0);\n  fragColor = vec4(a);') }], image: { code: main('  fragColor = texture(iChannel0, fragCoord / iResolution.xy);'), channels: [{ type: 'buffer', id: 'A' }] } },
    code: 'hang',
    message: HANG,
  },
  { name: 'endless loop in a Common function', source: { common: 'float spin(float x) {\n  while (x > -1.0) { x = abs(x) + 1.0; }\n  return x;\n}', image: { code: main('  fragColor = vec4(spin(iTime));') } }, code: 'hang', message: HANG },
  { name: 'huge constant loop', source: { image: { code: main('  float a = 0.0;\n  for (int i = 0; i < 5000000; i++) a += 1.0;\n  fragColor = vec4(a);') } }, code: 'static_check', message: /Image line 4: this loop runs 5,000,000 iterations per pixel; the limit is 10,000/ },
  { name: 'while (true)', source: { image: { code: main('  float a = 0.0;\n  while (true) { a += 1.0; }\n  fragColor = vec4(a);') } }, code: 'static_check', message: /Image line 4: while \(true\) has no break or return/ },
  { name: 'for (;;)', source: { image: { code: main('  for (;;) {}\n  fragColor = vec4(1.0);') } }, code: 'static_check', message: /Image line 3: for \(;;\) has an empty condition/ },
  { name: 'loop counter that never changes', source: { image: { code: main('  float a = 0.0;\n  for (int i = 0; i < 8; a += 1.0) {}\n  fragColor = vec4(a);') } }, code: 'static_check', message: /Image line 4: nothing inside the loop changes its condition \(i < 8\)/ },
  {
    name: 'undeclared identifier',
    source: { image: { code: main('  vec2 uv = fragCoord / iResolution.xy;\n  fragColor = vec4(uv, wobble, 1.0);') } },
    code: 'compile_error',
    message: /Image line 4: 'wobble' : undeclared identifier/,
    check: (out) => expect(out.diagnostics).toContainEqual(expect.objectContaining({ pass: 'image', line: 4, severity: 'error' })),
  },
  {
    name: 'error in Common',
    source: { common: 'float helper(float x) {\n  return x * ;\n}', image: { code: main('  fragColor = vec4(helper(1.0));') } },
    code: 'compile_error',
    message: /Common line 2: .*syntax error/,
    check: (out) => expect(out.diagnostics[0]).toMatchObject({ pass: 'common', line: 2 }),
  },
  { name: 'type mismatch', source: { image: { code: main('  vec3 c = fragCoord;\n  fragColor = vec4(c, 1.0);') } }, code: 'compile_error', message: /Image line 3: .*cannot convert/ },
  { name: 'wrong mainImage signature', source: { image: { code: 'void mainImage(out vec3 fragColor, in vec2 fragCoord) {\n  fragColor = vec3(1.0);\n}' } }, code: 'compile_error', message: /expected: void mainImage\(out vec4 fragColor, in vec2 fragCoord\)/ },
  { name: 'channel reads a missing buffer', source: { image: { code: main('  fragColor = texture(iChannel2, fragCoord);'), channels: [{ type: 'none' }, { type: 'none' }, { type: 'buffer', id: 'C' }] } }, code: 'compile_error', message: /iChannel2 reads Buffer C, but this shader has no Buffer C pass/ },
  {
    name: 'NaN output',
    source: { image: { code: main('  float x = -1.0 - iTime - fragCoord.x;\n  fragColor = vec4(vec3(sqrt(x)), 1.0);') } },
    code: 'nan',
    message: /100\.0% of the pixels are NaN .*division by zero, sqrt\/log\/pow of negative/,
    check: (out) => expect(out.validity.hasNaN).toBe(true),
  },
  {
    name: 'all black',
    source: { image: { code: main('  fragColor = vec4(0.0, 0.0, 0.001 * sin(iTime), 1.0);') } },
    code: 'all_black',
    message: /All \d sampled frames between iTime 0\.00 s and 0\.20 s are black/,
    check: (out) => {
      expect(out.validity).toMatchObject({ compiled: true, allBlack: true });
      expect(out.stats!.blackFraction).toBe(1);
    },
  },
  { name: 'huge source', source: { image: { code: main(`  float a = 0.0;\n${'  a += 0.5;\n'.repeat(8000)}  fragColor = vec4(a);`) } }, code: 'too_large', message: /Image: this pass has 9\d,\d{3} characters; the limit is 65,536 per pass/ },
  { name: 'binary garbage', source: { image: { code: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) & 255)).toString('latin1') } }, code: 'static_check', message: /binary data, not GLSL text/ },
  { name: 'banned extension', source: { image: { code: main('  fragColor = vec4(1.0);', '#extension GL_EXT_shader_framebuffer_fetch : require') } }, code: 'static_check', message: /#extension GL_EXT_shader_framebuffer_fetch is not available/ },
  { name: 'missing mainImage', source: { image: { code: 'void main() {\n  gl_FragColor = vec4(1.0);\n}' } }, code: 'static_check', message: /Image: there is no mainImage function/ },
];

describe('20 hostile shaders in a row, each followed by a good one', () => {
  // Start Chromium (and the reference draw) first, so the per-case time below is the case's own.
  beforeAll(() => expectGoodRender(), 60_000);
  it('has 20 cases', () => expect(HOSTILE).toHaveLength(20));
  // A loaded machine cannot tell an endless loop from heavy work, and the renderer says so ('budget',
  // "too busy right now", retried later by the queue); the test retries the way the queue would.
  let busyRetries = 0;
  for (const h of HOSTILE) {
    it(`${h.name} → ${h.code}, then a good shader renders`, async () => {
      let { out, ms } = await render({ source: h.source });
      for (let i = 0; i < 2 && h.code === 'hang' && out.failure?.code === 'budget' && /too busy/.test(out.failure.message); i++) {
        busyRetries++;
        await expectGoodRender();
        ({ out, ms } = await render({ source: h.source }));
      }
      expect(out.ok).toBe(false);
      expect(out.failure?.code, out.failure?.message).toBe(h.code);
      expect(out.failure!.message).toMatch(h.message);
      // Within its budget: one frame budget plus recovery for hangs, no rendering at all for refusals.
      expect(ms).toBeLessThan(h.code === 'hang' ? 15_000 : 12_000);
      if (h.code === 'hang') expect(out.failure!.frame).toBe(0);
      if (h.code === 'static_check' || h.code === 'too_large') expect(out.renderer.gl).toBeNull();
      h.check?.(out);
      await expectGoodRender();
    }, 60_000);
  }
  it('recovered every hang by killing only the GPU process', () => {
    expect(browser.recoveries.gpuProcess).toBe(HOSTILE.filter((h) => h.code === 'hang').length + busyRetries);
    expect(browser.recoveries.browser).toBe(0);
  });
});

describe('multipass, determinism and outputs', () => {
  let feedback: ShaderSource;
  beforeAll(() => {
    feedback = fromShadertoy(readFileSync(join(FIXTURES, 'feedback.json'), 'utf8')).source;
  });

  it('a self-feedback buffer accumulates a trail and differs between frames', async () => {
    const png = (t: number, src = feedback) => renderShaderStill({ source: src, width: 128, height: 72, time: t }, { browser, budget: BUDGET });
    const raw = async (buf: Buffer) => sharp(buf).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const a = await raw(await png(1.0));
    const b = await raw(await png(1.5));
    expect(Buffer.compare(a.data, b.data)).not.toBe(0);
    // Without its self-read the buffer shows one dot; with it, the trail of every earlier frame.
    const noFeedback = { ...feedback, buffers: feedback.buffers.map((x) => ({ ...x, channels: [] })) };
    const single = await raw(await png(1.0, noFeedback));
    const lit = (r: { data: Buffer; info: { width: number; height: number } }) => litFraction({ rgba: r.data, width: r.info.width, height: r.info.height }, 40);
    expect(lit(a)).toBeGreaterThan(3 * lit(single));
  }, 60_000);

  it('identical iTime gives identical frames, single pass and multipass', async () => {
    for (const source of [{ image: { code: readFileSync(join(FIXTURES, 'raymarch.glsl'), 'utf8') } }, feedback]) {
      const once = await renderShaderStill({ source, width: 96, height: 54, time: 0.8 }, { browser, budget: BUDGET });
      const again = await renderShaderStill({ source, width: 96, height: 54, time: 0.8 }, { browser, budget: BUDGET });
      expect(Buffer.compare(once, again)).toBe(0);
    }
  }, 60_000);

  it('writes a thumbnail, a playable WebM preview, stats and frame times', async () => {
    const { out } = await render({ source: feedback, width: 160, height: 90, seconds: 1, fps: 10, thumbnailTime: 0.5, preview: 'webm' });
    expect(out.ok).toBe(true);
    expect(out.frames).toBe(10);
    expect(out.preview).toMatchObject({ mime: 'video/webm', mediaId: null });
    const webm = readFileSync(out.preview!.path!);
    expect(webm.subarray(0, 4)).toEqual(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])); // EBML magic
    expect(await sharp(out.thumbnail!.path!).metadata()).toMatchObject({ width: 160, height: 90, format: 'png' });
    expect(out.frameTimeMs!.max).toBeGreaterThanOrEqual(out.frameTimeMs!.mean);
    expect(out.stats!.motionEnergy).toBeGreaterThan(0);
    expect(out.stats!.spatialFrequency.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 5);
    expect(out.validity).toEqual({ compiled: true, allBlack: false, hasNaN: false, isStatic: false, withinBudget: expect.any(Boolean) });
  }, 60_000);

  it('keeps every frame as PNG on request and encodes an MP4 (H.264, faststart) preview', async () => {
    const { out, dir } = await render({ source: { image: { code: GOOD } }, width: 161, height: 91, seconds: 0.5, fps: 10, preview: 'mp4' }, BUDGET, { keepFrames: true });
    expect(out.ok).toBe(true);
    expect(readdirSync(join(dir, 'frames')).sort()).toEqual(['00000.png', '00001.png', '00002.png', '00003.png', '00004.png']);
    expect(await sharp(join(dir, 'frames', '00004.png')).metadata()).toMatchObject({ width: 161, height: 91 });
    const mp4 = readFileSync(out.preview!.path!);
    expect(out.preview!.mime).toBe('video/mp4');
    expect(mp4.subarray(4, 8).toString('latin1')).toBe('ftyp');
    // +faststart puts the index (moov) before the media data (mdat).
    expect(mp4.indexOf('moov')).toBeLessThan(mp4.indexOf('mdat'));
  }, 60_000);

  it('survives a GPU process crash: the context is lost, then restored with the shader recompiled', async () => {
    type Frame = { ok: boolean; lost: boolean; data: string | null };
    await browser.exclusive(async () => {
      await browser.call('init', 10_000, 'init', 64, 36);
      expect(await browser.call('load', 10_000, 'load', singlePass(GOOD))).toMatchObject({ ok: true });
      const frame = () => browser.call<Frame>('frame', 5_000, 'frame', 0.5, 0, 30, 'rgba');
      const before = await frame();
      expect(before.ok).toBe(true);
      expect(killAll(gpuProcesses(browser.pid!))).toBe(1);
      await waitFor(async () => (await frame()).lost, 'the page to notice the lost context', 10_000, 50);
      const after = await waitFor(async () => {
        const f = await frame();
        return f.ok && !f.lost ? f : null;
      }, 'the context to be restored', 15_000, 100);
      expect(after.data).toBe(before.data);
    });
    await expectGoodRender();
  }, 60_000);

  it('kills and relaunches the whole browser when killing the GPU process does not free the page', async () => {
    let before = { ...browser.recoveries, launches: 0 };
    const pid = await browser.exclusive(async () => {
      await browser.call('init', 10_000, 'init', 32, 32);
      before = { ...browser.recoveries, launches: browser.launches };
      // A page stuck in JavaScript, not in the GPU: only the browser kill can end it.
      const page = (browser as unknown as { page: { evaluate(fn: () => void): Promise<void> } }).page;
      await page.evaluate(() => {
        (globalThis as unknown as { __auteurRender: Record<string, () => void> }).__auteurRender.spin = () => {
          for (;;) {
            /* hang */
          }
        };
      });
      const stuck = browser.pid;
      await expect(browser.call('Spinning', 1_000, 'spin')).rejects.toMatchObject({ name: 'RenderTimeoutError', recovery: 'browser' });
      return stuck;
    });
    expect(browser.recoveries).toEqual({ gpuProcess: before.gpuProcess, browser: before.browser + 1 });
    expect(() => process.kill(pid!, 0)).toThrow(); // the old Chromium is gone
    await expectGoodRender();
    expect(browser.launches).toBe(before.launches + 1);
    expect(browser.pid).not.toBe(pid);
  }, 60_000);
});
