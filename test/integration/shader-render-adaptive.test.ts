/**
 * The adaptive render budget against a real Chromium: a slowed browser degrades a simple shader
 * to a cheaper tier instead of failing it; only a shader heavy for its own sake is "too heavy"
 * (with how heavy, against what); a light shader on a machine too busy is a renderer failure;
 * a renderer that cannot start is a clear result, not a thrown stack trace. Also one render with
 * the embedded @sparticuz/chromium, the search pointed away from the system Chromium.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureFault, type ShaderRenderOutput } from '../../shared/shaders/render-contract.js';
import { RenderBrowser } from '../../worker/render/browser.js';
import { renderShader, type RenderBudget, type RenderRequest } from '../../worker/render/shader-renderer.js';
import { resolveChromium } from '../../worker/tools/binaries.js';
import { assertRuntimeBuilt } from '../helpers/shader-runtime.js';

const FIXTURES = new URL('../fixtures/shaders/', import.meta.url).pathname;
const GRADIENT = readFileSync(join(FIXTURES, 'gradient.glsl'), 'utf8');
/**
 * Heavy for its own sake: tens of thousands of transcendental calls per pixel (under the static
 * loop limit). Heavy enough that its cost ratio stays far above the 200x line even when a loaded
 * CI machine slows the short reference draw more than the long frames (6000 plain iterations
 * measured 170x there).
 */
const HEAVY = `void mainImage(out vec4 fragColor, in vec2 fragCoord) {
  vec2 uv = fragCoord / iResolution.xy;
  float a = 0.0;
  for (int i = 0; i < 9000; i++) {
    float f = float(i);
    a += sin(uv.x * f + iTime) * cos(uv.y * f) + sin(uv.y * f - iTime) * cos(uv.x * f + a * 0.001) + sqrt(abs(sin(f * uv.x * uv.y)));
  }
  fragColor = vec4(vec3(0.5 + 0.001 * a), 1.0);
}
`;
let root: string;
let n = 0;
const browsers: RenderBrowser[] = [];

beforeAll(() => {
  assertRuntimeBuilt();
  root = mkdtempSync(join(tmpdir(), 'auteur-adaptive-'));
});
afterAll(async () => {
  for (const b of browsers) await b.close();
  rmSync(root, { recursive: true, force: true });
});

function browserWith(opts: ConstructorParameters<typeof RenderBrowser>[0] = {}): RenderBrowser {
  const b = new RenderBrowser(opts);
  browsers.push(b);
  return b;
}

async function render(browser: RenderBrowser, req: RenderRequest, budget: Partial<RenderBudget>): Promise<ShaderRenderOutput> {
  const dir = join(root, `r${++n}`);
  mkdirSync(dir);
  return renderShader(req, { workDir: dir, browser, budget });
}

describe('a slowed browser', () => {
  it('degrades a simple shader to a cheaper tier instead of failing it, and records the tier', async () => {
    // 20x CPU throttling: every frame of the page costs 20 times as much, as on a loaded machine.
    const slow = browserWith({ cpuThrottle: 20 });
    const out = await render(slow, { source: { image: { code: GRADIENT } }, width: 640, height: 360, fps: 30, seconds: 4, preview: 'webm' }, { totalMs: 20_000 });
    expect(out.failure, out.failure?.message).toBeNull();
    expect(out.ok).toBe(true);
    expect(out.tier!.level).toBeGreaterThan(0);
    expect(out.tier!.costRatio).toBeLessThan(50); // a gradient is light for its own sake
    expect(out.thumbnail).toMatchObject({ width: out.tier!.width, height: out.tier!.height });
    expect(out.frames).toBeLessThan(121);
    expect(out.preview?.path).toBeTruthy();
  }, 180_000);

  it('renders the same request as asked on a browser that is not slowed', async () => {
    const out = await render(browserWith(), { source: { image: { code: GRADIENT } }, width: 160, height: 90, fps: 10, seconds: 1, preview: 'none' }, { totalMs: 60_000 });
    expect(out.failure, out.failure?.message).toBeNull();
    expect(out.tier).toMatchObject({ level: 0, name: 'as requested', width: 160, height: 90, fps: 10, seconds: 1 });
  }, 60_000);
});

it('a frame killed on a browser too slow for its frame budget is a budget failure of the renderer, not a hang', async () => {
  const spin = 'void mainImage(out vec4 c, in vec2 f) {\n  float a = 1.0 + iTime;\n  while (a > 0.0) { a += 1.0; }\n  c = vec4(a);\n}\n';
  // Throttled, with a 100 ms frame budget: 200 reference draws (each well over 0.5 ms in SwiftShader)
  // would not fit in it, so a killed frame cannot be blamed on the shader.
  const out = await render(browserWith({ cpuThrottle: 20 }), { source: { image: { code: spin } }, width: 320, height: 180, seconds: 0.5, preview: 'none' }, { firstFrameMs: 100, frameMs: 100 });
  expect(out.failure?.code, out.failure?.message).toBe('budget');
  expect(out.failure!.message).toMatch(/^Frame 1 \(iTime [\d.]+ s\) did not finish in time, but this machine is too busy right now to tell an endless loop from heavy work \(the reference draw/);
}, 120_000);

describe('over the budget even at the lowest tier', () => {
  it('a shader heavy for its own sake is too_heavy, saying how heavy against what', async () => {
    const out = await render(browserWith(), { source: { image: { code: HEAVY } }, width: 640, height: 360, fps: 30, seconds: 4, preview: 'none' }, { totalMs: 2_000, firstFrameMs: 30_000, frameMs: 30_000 });
    expect(out.ok).toBe(false);
    expect(out.failure?.code, out.failure?.message).toBe('too_heavy');
    expect(failureFault(out.failure!.code)).toBe('shader');
    expect(out.failure!.message).toMatch(/^One frame costs [\d,]+x the reference draw at 320x180 \([\d.]+ ms against [\d.]+ ms for a trivial shader.*even the lowest tier \(9 frames at 320x180\) would take about [\d.]+ s, over the 2\.0 s budget$/);
    expect(out.tier!.costRatio).toBeGreaterThan(200);
  }, 180_000);

  it('a light shader on a machine too busy is a budget failure of the renderer, not of the shader', async () => {
    const out = await render(browserWith(), { source: { image: { code: GRADIENT } }, width: 640, height: 360, fps: 30, seconds: 4, preview: 'none' }, { totalMs: 5 });
    expect(out.failure?.code, out.failure?.message).toBe('budget');
    expect(failureFault(out.failure!.code)).toBe('renderer');
    expect(out.failure!.message).toMatch(/^This machine is too busy to render now: .*although the shader itself is light .*it will be retried later$/);
  }, 60_000);
});

it('a Chromium that cannot start is a browser_start result, not a thrown error', async () => {
  const out = await render(browserWith({ chromePath: join(root, 'no-such-chromium') }), { source: { image: { code: GRADIENT } }, preview: 'none', seconds: 0.2 }, {});
  expect(out.ok).toBe(false);
  expect(out.failure?.code).toBe('browser_start');
  expect(out.failure!.message).toMatch(/^The renderer could not run \(Chromium could not be started\): /);
  expect(out.failure!.message).not.toMatch(/\n\s+at /); // no stack trace
}, 60_000);

it('renders with the embedded Chromium when no system Chromium is found', async () => {
  const loc = await resolveChromium({}, { candidates: [] });
  expect(loc.source).toBe('embedded');
  expect(loc.path).toBeTruthy();
  const out = await render(browserWith({ chromePath: loc.path }), { source: { image: { code: GRADIENT } }, width: 160, height: 90, fps: 10, seconds: 0.5, preview: 'webm' }, {});
  expect(out.failure, out.failure?.message).toBeNull();
  expect(out.renderer.gl).toMatch(/SwiftShader/);
}, 120_000);
