/**
 * Shadertoy inputs in the real runtime (headless Chromium + SwiftShader): a keyboard channel
 * reads all zeros with Shadertoy's 256×3 size, iDate is today's date (month 0-based), and a
 * texture's vflip decides which row is at the bottom. Each shader paints green when right, red when wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShaderSource, type ShaderSourceInput } from '../../shared/shaders/source.js';
import { textureData } from '../../renderer/shader-runtime/texture-data.js';
import { RenderBrowser } from '../../worker/render/browser.js';
import { assertRuntimeBuilt } from '../helpers/shader-runtime.js';

const W = 16;
const H = 8;
let browser: RenderBrowser;

beforeAll(async () => {
  assertRuntimeBuilt();
  browser = new RenderBrowser();
  await browser.call('init', 30_000, 'init', W, H);
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** Renders one frame at iTime `time` and returns the centre pixel's RGBA. */
async function centre(source: ShaderSourceInput, time = 0): Promise<number[]> {
  const loaded = await browser.call<{ ok: boolean; diagnostics: unknown[] }>('load', 20_000, 'load', ShaderSource.parse(source));
  expect(loaded, JSON.stringify(loaded.diagnostics)).toMatchObject({ ok: true });
  const f = await browser.call<{ ok: boolean; data: string }>('frame', 10_000, 'frame', time, 0, 30, 'rgba');
  expect(f.ok).toBe(true);
  const px = Buffer.from(f.data, 'base64');
  const o = ((H / 2) * W + W / 2) * 4;
  return [...px.subarray(o, o + 4)];
}

const GREEN = [0, 255, 0, 255];
const verdict = (cond: string): string => `void mainImage(out vec4 fragColor, in vec2 fragCoord) {\n  fragColor = (${cond}) ? vec4(0, 1, 0, 1) : vec4(1, 0, 0, 1);\n}\n`;

describe('Shadertoy inputs in the runtime', () => {
  it('a keyboard channel is a 256×3 texture with no key down, so a "press R to reset" shader just runs', async () => {
    const code = verdict(
      'iChannelResolution[1].xy == vec2(256.0, 3.0) && texelFetch(iChannel1, ivec2(82, 0), 0).x == 0.0 && texelFetch(iChannel1, ivec2(32, 1), 0).x == 0.0 && texelFetch(iChannel1, ivec2(255, 2), 0).x == 0.0',
    );
    expect(await centre({ image: { code, channels: [{ type: 'none' }, { type: 'keyboard' }] } })).toEqual(GREEN);
  });

  it('iDate is the real local date: year, month counted from 0, day, seconds since midnight', async () => {
    const now = new Date();
    const secs = now.getHours() * 3600 + now.getMinutes() * 60 + now.getSeconds();
    // iDate.w moves on with iTime (rendered at 1.5 s): allow for the seconds this test takes.
    const cond = `iDate.x == ${now.getFullYear()}.0 && iDate.y == ${now.getMonth()}.0 && abs(iDate.z - ${now.getDate()}.0) <= 1.0 && (abs(iDate.w - ${secs}.0 - 1.5) < 120.0 || iDate.w < 120.0)`;
    expect(await centre({ image: { code: verdict(cond) } }, 1.5)).toEqual(GREEN);
  });

  it('vflip true puts the texture row 0 at the bottom; vflip false puts it at the top', async () => {
    const data = textureData('noise-rgba-64');
    const px = (x: number, y: number): number[] => [...data.pixels.subarray((y * 64 + x) * 4, (y * 64 + x) * 4 + 4)];
    const code = 'void mainImage(out vec4 fragColor, in vec2 fragCoord) {\n  fragColor = texelFetch(iChannel0, ivec2(5, 0), 0);\n}\n';
    const flipped = await centre({ image: { code, channels: [{ type: 'texture', name: 'noise-rgba-64', filter: 'nearest', vflip: true }] } });
    const unflipped = await centre({ image: { code, channels: [{ type: 'texture', name: 'noise-rgba-64', filter: 'nearest', vflip: false }] } });
    // The canvas has no alpha channel: compare RGB.
    expect(flipped.slice(0, 3)).toEqual(px(5, 0).slice(0, 3));
    expect(unflipped.slice(0, 3)).toEqual(px(5, 63).slice(0, 3));
  });
});
