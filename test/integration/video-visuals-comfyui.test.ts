/**
 * Scene visuals on ComfyUI (the fake server from test/fixtures: real HTTP + WebSocket, real
 * PNG / animated WebP outputs), and the 'auto' fallback to the embedded composer with its reason.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import { resolveFfmpegPath } from '../../worker/media/ffmpeg/locate.js';
import { probeMedia } from '../../worker/media/ffmpeg/probe.js';
import { ProviderError } from '../../worker/providers/types.js';
import { sharedRenderBrowser } from '../../worker/render/browser.js';
import { runProcess } from '../../worker/tools/run-process.js';
import { renderSceneVisual, type SceneVisualEnv, type SceneVisualRequest } from '../../worker/video/visuals/index.js';
import { startFakeComfy, type FakeComfy } from '../fixtures/fake-comfyui.js';
import { closedPortUrl } from '../fixtures/fake-http.js';

const root = mkdtempSync(join(tmpdir(), 'auteur-video-visuals-comfy-'));
const ffmpeg = resolveFfmpegPath(null);
let fake: FakeComfy | null = null;

afterEach(async () => {
  await fake?.close();
  fake = null;
});
afterAll(async () => {
  await sharedRenderBrowser().close();
  rmSync(root, { recursive: true, force: true });
});

let n = 0;
function env(url: string, extra: Partial<WorkerProviderConfig> = {}): SceneVisualEnv & { logs: string[] } {
  const workDir = join(root, `job${++n}`);
  mkdirSync(workDir, { recursive: true });
  const logs: string[] = [];
  // Ollama on a closed port: freeing the GPU for ComfyUI finds nothing to unload.
  return { config: WorkerProviderConfig.parse({ comfyui: { url }, ollama: { url: 'http://127.0.0.1:9' }, ...extra }), dataDir: root, workDir, signal: new AbortController().signal, log: (l, m) => logs.push(`${l} ${m}`), logs };
}

function request(over: Partial<SceneVisualRequest> = {}): SceneVisualRequest {
  return {
    scene: { id: 's1', description: 'A lighthouse on a cliff above a stormy sea', camera: 'wide, pan_right', durationSec: 2 },
    index: 1,
    title: 'Harbour',
    style: 'painterly',
    width: 320,
    height: 180,
    fps: 4,
    durationSec: 2,
    provider: 'comfyui',
    cacheDir: join(root, 'cache', 'video', 'visuals'),
    ...over,
  };
}

async function frames(clip: string): Promise<string[]> {
  const dir = mkdtempSync(join(root, 'frames-'));
  const r = await runProcess(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-i', clip, '-vsync', '0', join(dir, '%04d.png')], { timeoutMs: 60_000 });
  expect(r.code, r.stderr).toBe(0);
  return readdirSync(dir).sort().map((f) => join(dir, f));
}

const WAN = { diffusion_models: ['wan2.1_t2v_1.3B_fp16.safetensors'], text_encoders: ['umt5_xxl_fp8_e4m3fn_scaled.safetensors'], vae: ['wan_2.1_vae.safetensors'], checkpoints: ['sd_xl_turbo_1.0_fp16.safetensors'] };

describe('scene visuals on ComfyUI', () => {
  it('without the text-to-video models: one keyframe from the shipped txt2img workflow, moved with a pan', async () => {
    fake = await startFakeComfy();
    const e = env(fake.url);
    const v = await renderSceneVisual(request(), e);
    expect(v).toMatchObject({ provider: 'comfyui', model: 'sd_xl_turbo_1.0_fp16.safetensors', workflow: 'txt2img', width: 320, height: 180, frames: 8, durationSec: 2, cacheHit: false });
    expect(v.fallbackReason).toBeUndefined();
    // The prompt ComfyUI got is the scene's, with its style; the size is the clip's (multiples of 8).
    const sent = fake.prompts.at(-1)!.prompt;
    const texts = Object.values(sent).filter((nd) => nd.class_type === 'CLIPTextEncode').map((nd) => String(nd.inputs.text));
    expect(texts[0]).toBe('A lighthouse on a cliff above a stormy sea, wide, pan_right, painterly style, cinematic film still, detailed');
    // Generated at the aspect's model size, not the pass's: preview and final share the picture.
    expect(Object.values(sent).find((nd) => nd.class_type === 'EmptyLatentImage')!.inputs).toMatchObject({ width: 768, height: 432 });
    const info = await probeMedia(ffmpeg, v.clipPath);
    expect(info.video).toMatchObject({ codec: 'h264', width: 320, height: 180 });
    expect(info.audio).toBeNull();
    const fs = await frames(v.clipPath);
    expect(fs).toHaveLength(8);
    // The fake's keyframe is a flat (200, 90, 160): the clip shows it, not a shader.
    const { channels } = await sharp(fs[3]!).stats();
    expect(channels[0]!.mean).toBeGreaterThan(170);
    expect(channels[1]!.mean).toBeLessThan(120);
    expect(channels[2]!.mean).toBeGreaterThan(130);
    // Cached: the same request again runs no prompt.
    const prompts = fake.prompts.length;
    const again = await renderSceneVisual(request(), env(fake.url));
    expect(again).toMatchObject({ cacheHit: true, clipPath: v.clipPath, provider: 'comfyui', workflow: 'txt2img' });
    expect(fake.prompts.length).toBe(prompts);
    // The final pass (another size) moves the same generated keyframe: a new clip, no new prompt.
    const final = await renderSceneVisual(request({ width: 480, height: 270 }), env(fake.url));
    expect(final).toMatchObject({ cacheHit: false, provider: 'comfyui', width: 480, height: 270, frames: 8 });
    expect(final.clipPath).not.toBe(v.clipPath);
    expect(fake.prompts.length).toBe(prompts);
    expect((await probeMedia(ffmpeg, final.clipPath)).video).toMatchObject({ width: 480, height: 270 });
  });

  it('with the text-to-video nodes and models: the generated clip, looped to the scene length', async () => {
    fake = await startFakeComfy({ models: WAN });
    // 6 fps: not a divisor of the model's 16, so the fake's 3-frame loop is not sampled at one phase only.
    const v = await renderSceneVisual(request({ durationSec: 2, fps: 6, index: 0, title: 'Harbour' }), env(fake.url));
    expect(v).toMatchObject({ provider: 'comfyui', model: 'wan2.1_t2v_1.3B_fp16.safetensors', workflow: 'txt2video', frames: 12, durationSec: 2 });
    const sent = fake.prompts.at(-1)!.prompt;
    expect(Object.values(sent).some((nd) => nd.class_type === 'SaveAnimatedWEBP')).toBe(true);
    const fs = await frames(v.clipPath);
    expect(fs).toHaveLength(12);
    // The fake's three generated frames (red 0, 80, 160) play back and forth: the clip moves.
    const reds = await Promise.all(fs.map(async (f) => Math.round((await sharp(f).extract({ left: 0, top: 0, width: 320, height: 40 }).stats()).channels[0]!.mean / 40)));
    expect(new Set(reds).size, String(reds)).toBeGreaterThanOrEqual(2);
    expect((await probeMedia(ffmpeg, v.clipPath)).video).toMatchObject({ codec: 'h264', width: 320, height: 180 });
  });

  it('explicit comfyui fails clearly when ComfyUI is absent or lacks the model', async () => {
    const closed = await closedPortUrl();
    const err = await renderSceneVisual(request(), env(closed)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ provider: 'comfyui', kind: 'unreachable' });
    expect((err as Error).message).toMatch(/not reachable/);

    fake = await startFakeComfy({ models: { checkpoints: ['other.safetensors'], diffusion_models: [], text_encoders: [], vae: [] } });
    const missing = await renderSceneVisual(request(), env(fake.url)).catch((e: unknown) => e);
    expect(missing).toMatchObject({ provider: 'comfyui', kind: 'missing_model' });
    expect((missing as Error).message).toMatch(/sd_xl_turbo_1\.0_fp16\.safetensors/);
  });

  it("'auto' falls back to the embedded composer and records why (absent, missing model, failing mid-run)", async () => {
    const closed = await closedPortUrl();
    const e1 = env(closed);
    const absent = await renderSceneVisual(request({ provider: 'auto', fps: 2, durationSec: 1 }), e1);
    expect(absent).toMatchObject({ provider: 'embedded', model: 'scene-shader-composer@1', frames: 2 });
    expect(absent.fallbackReason).toMatch(/ComfyUI is not reachable/);
    expect(absent.composition?.family).toBe('storm');
    expect(e1.logs.some((l) => l.startsWith('warn') && /built-in shader composer instead/.test(l))).toBe(true);
    // The next scene does not knock on the absent server again (for 30 s), and says so.
    const next = await renderSceneVisual(request({ provider: 'auto', fps: 2, durationSec: 1, index: 2 }), env(closed));
    expect(next).toMatchObject({ provider: 'embedded', cacheHit: true });
    expect(next.fallbackReason).toMatch(/ComfyUI is not reachable.*\(checked \d+ s ago\)/);

    fake = await startFakeComfy({ models: { checkpoints: [], diffusion_models: [], text_encoders: [], vae: [] } });
    const noModel = await renderSceneVisual(request({ provider: 'auto', fps: 2, durationSec: 1 }), env(fake.url));
    expect(noModel.provider).toBe('embedded');
    expect(noModel.fallbackReason).toMatch(/cannot run the "Text to image/);
    // The embedded clip rendered a moment ago is reused: the fallback hits the cache.
    expect(noModel.cacheHit).toBe(true);
    await fake.close();

    fake = await startFakeComfy({ failAt: { nodeType: 'KSampler', message: 'CUDA out of memory' } });
    const broken = await renderSceneVisual(request({ provider: 'auto', fps: 2, durationSec: 1, scene: { id: 's2', description: 'A quiet harbour at dawn', durationSec: 1 } }), env(fake.url));
    expect(broken.provider).toBe('embedded');
    expect(broken.fallbackReason).toMatch(/CUDA out of memory/);
    expect(fake.prompts.length).toBe(1);
  });

  it("Settings that pin video to the built-in renderer skip ComfyUI under 'auto'", async () => {
    fake = await startFakeComfy();
    const v = await renderSceneVisual(request({ provider: 'auto', fps: 2, durationSec: 1 }), env(fake.url, { choice: { video: 'procedural' } }));
    expect(v.provider).toBe('embedded');
    expect(v.fallbackReason).toMatch(/Settings choose the built-in renderer/);
    expect(fake.prompts).toHaveLength(0);
  });
});
