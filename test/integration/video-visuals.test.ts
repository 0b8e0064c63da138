/**
 * Scene visuals for real: the composer's shaders rendered by headless Chromium (software GL),
 * encoded by the bundled ffmpeg, read back frame by frame. Sizes and rates are tiny on purpose
 * (320x180, 4 fps): the machine is shared.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import { resolveFfmpegPath } from '../../worker/media/ffmpeg/locate.js';
import { probeMedia } from '../../worker/media/ffmpeg/probe.js';
import { runProcess } from '../../worker/tools/run-process.js';
import { sharedRenderBrowser } from '../../worker/render/browser.js';
import { CancelledError } from '../../worker/task-context.js';
import { renderSceneVisual, type SceneVisualEnv, type SceneVisualRequest } from '../../worker/video/visuals/index.js';

const root = mkdtempSync(join(tmpdir(), 'auteur-video-visuals-'));
const cacheDir = join(root, 'cache', 'video', 'visuals');
const ffmpeg = resolveFfmpegPath(null);

afterAll(async () => {
  await sharedRenderBrowser().close();
  rmSync(root, { recursive: true, force: true });
});

let n = 0;
function env(config: Partial<WorkerProviderConfig> = {}): SceneVisualEnv & { logs: string[] } {
  const workDir = join(root, `job${++n}`);
  mkdirSync(workDir, { recursive: true });
  const logs: string[] = [];
  return { config: WorkerProviderConfig.parse(config), dataDir: root, workDir, signal: new AbortController().signal, log: (l, m) => logs.push(`${l} ${m}`), logs };
}

const STORM: SceneVisualRequest = {
  scene: { id: 's1', description: 'A storm at sea, emerald and gold', camera: 'wide, slow_pan', durationSec: 2, actions: [], dialog: [] } as SceneVisualRequest['scene'],
  index: 0,
  title: 'The Emerald Tempest',
  style: 'cinematic',
  width: 320,
  height: 180,
  fps: 4,
  durationSec: 2,
  provider: 'embedded',
  cacheDir,
};
const NEBULA: SceneVisualRequest = {
  ...STORM,
  scene: { id: 's2', description: 'A crimson and violet nebula full of stars', camera: 'wide, zoom_in', durationSec: 2 },
  index: 1,
};

/** Every decoded frame as PNG (passthrough: no duplicated or dropped frames). */
async function framesOf(clip: string): Promise<string[]> {
  const dir = mkdtempSync(join(root, 'frames-'));
  const r = await runProcess(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-i', clip, '-vsync', '0', join(dir, '%04d.png')], { timeoutMs: 60_000 });
  expect(r.code, r.stderr).toBe(0);
  return readdirSync(dir)
    .sort()
    .map((f) => join(dir, f));
}

function hueOf(r: number, g: number, b: number): { h: number; s: number; v: number } {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  let h = 0;
  if (d > 0) {
    if (max === r) h = ((g - b) / d) % 6;
    else if (max === g) h = (b - r) / d + 2;
    else h = (r - g) / d + 4;
  }
  return { h: (h * 60 + 360) % 360, s: max ? d / max : 0, v: max / 255 };
}

/** Share of the frames' colourful pixels (weighted by saturation × value) within `tol` degrees of each hue. */
async function hueShares(files: string[], hues: number[], tol: number): Promise<number[]> {
  const near = hues.map(() => 0);
  let total = 0;
  for (const file of files) {
    const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    for (let i = 0; i < data.length; i += info.channels * 2) {
      const { h, s, v } = hueOf(data[i]!, data[i + 1]!, data[i + 2]!);
      const w = s * v;
      if (s < 0.25 || v < 0.12) continue;
      total += w;
      hues.forEach((target, k) => {
        const dist = Math.min(Math.abs(h - target), 360 - Math.abs(h - target));
        if (dist <= tol) near[k]! += w;
      });
    }
  }
  return near.map((x) => (total ? x / total : 0));
}

describe('scene visuals: embedded shader composer, headless Chromium + ffmpeg', () => {
  const clips: Record<string, Awaited<ReturnType<typeof renderSceneVisual>>> = {};
  beforeAll(async () => {
    // The 2-scene set, rendered once (each scene is 8 frames at 320x180).
    clips.storm = await renderSceneVisual(STORM, env());
    clips.nebula = await renderSceneVisual(NEBULA, env());
  }, 240_000);

  it('each scene is a silent H.264 clip of the scene length, size and frame count', async () => {
    for (const v of [clips.storm!, clips.nebula!]) {
      expect(v).toMatchObject({ width: 320, height: 180, durationSec: 2, frames: 8, provider: 'embedded', model: 'scene-shader-composer@1', cacheHit: false });
      expect(v.clipPath.startsWith(cacheDir)).toBe(true);
      const info = await probeMedia(ffmpeg, v.clipPath);
      expect(info.video).toMatchObject({ codec: 'h264', width: 320, height: 180, fps: 4 });
      expect(info.audio).toBeNull();
      expect(info.durationSec).toBeCloseTo(2, 1);
      expect(await framesOf(v.clipPath)).toHaveLength(8);
    }
  });

  it('explains its choices: storm family, emerald + gold, a pan', () => {
    expect(clips.storm!.composition).toMatchObject({ family: 'storm', motion: { kind: 'pan-right' } });
    expect(clips.storm!.composition!.palette.slice(0, 2).map((p) => p.name)).toEqual(['emerald', 'gold']);
    expect(clips.nebula!.composition).toMatchObject({ family: 'space', motion: { kind: 'zoom-in' } });
    expect(clips.nebula!.composition!.palette.slice(0, 2).map((p) => p.name)).toEqual(['crimson', 'violet']);
  });

  it("the frames' dominant hues are the palette's: emerald and gold storm, crimson and violet nebula", async () => {
    const storm = await framesOf(clips.storm!.clipPath);
    // emerald #0fa968 ≈ 155°, gold #e0a81e ≈ 43°
    const [emerald, gold] = await hueShares(storm, [155, 43], 25);
    expect(emerald).toBeGreaterThan(0.2);
    expect(gold).toBeGreaterThan(0.15);
    expect(emerald! + gold!).toBeGreaterThan(0.75);

    const nebula = await framesOf(clips.nebula!.clipPath);
    // crimson #c1121f ≈ 356°, violet #8f45e0 ≈ 271°
    const [crimson, violet] = await hueShares(nebula, [356, 271], 30);
    expect(crimson! + violet!).toBeGreaterThan(0.6);
    expect(crimson).toBeGreaterThan(0.05);
    expect(violet).toBeGreaterThan(0.05);
  });

  it('moves: the frames of a scene differ from each other', async () => {
    const frames = await framesOf(clips.nebula!.clipPath);
    const a = await sharp(frames[0]!).raw().toBuffer();
    const b = await sharp(frames[7]!).raw().toBuffer();
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff += Math.abs(a[i]! - b[i]!);
    expect(diff / a.length).toBeGreaterThan(2);
  });

  it('scene 0 carries the title card: the same scene without it differs in the middle band', async () => {
    const untitled = await renderSceneVisual({ ...STORM, title: '' }, env());
    expect(untitled.cacheKey).not.toBe(clips.storm!.cacheKey);
    const [withTitle, without] = [await framesOf(clips.storm!.clipPath), await framesOf(untitled.clipPath)];
    const band = { left: 40, top: 60, width: 240, height: 60 };
    const a = await sharp(withTitle[4]!).extract(band).raw().toBuffer();
    const b = await sharp(without[4]!).extract(band).raw().toBuffer();
    // Light title glyphs over a darkened band: many pixels far brighter or darker than the bare scene.
    let changed = 0;
    for (let i = 0; i < a.length; i += 3) if (Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!) > 90) changed++;
    expect(changed / (a.length / 3)).toBeGreaterThan(0.05);
    // …and it is gone by the last frame (faded out before the scene ends).
    const c = await sharp(withTitle[7]!).extract(band).raw().toBuffer();
    const d = await sharp(without[7]!).extract(band).raw().toBuffer();
    let late = 0;
    for (let i = 0; i < c.length; i++) late += Math.abs(c[i]! - d[i]!);
    expect(late / c.length).toBeLessThan(6);
  });

  it('the same request again is a cache hit with the same clip; a changed scene is not', async () => {
    const e = env();
    const again = await renderSceneVisual(STORM, e);
    expect(again).toMatchObject({ cacheHit: true, clipPath: clips.storm!.clipPath, cacheKey: clips.storm!.cacheKey, provider: 'embedded', frames: 8 });
    expect(again.composition?.family).toBe('storm');
    expect(e.logs.some((l) => /from the cache/.test(l))).toBe(true);
    const edited = await renderSceneVisual({ ...NEBULA, scene: { ...NEBULA.scene, description: 'A crimson and violet nebula' }, fps: 2, durationSec: 1 }, env());
    expect(edited.cacheHit).toBe(false);
    expect(edited.cacheKey).not.toBe(clips.nebula!.cacheKey);
    expect(edited.frames).toBe(2);
  });

  it('renderScale 0.5 draws at half size and still delivers the requested size and frame count', async () => {
    const half = await renderSceneVisual({ ...NEBULA, renderScale: 0.5 }, env());
    expect(half).toMatchObject({ width: 320, height: 180, frames: 8, cacheHit: false });
    expect(half.cacheKey).not.toBe(clips.nebula!.cacheKey);
    expect((await probeMedia(ffmpeg, half.clipPath)).video).toMatchObject({ codec: 'h264', width: 320, height: 180 });
    expect(await framesOf(half.clipPath)).toHaveLength(8);
    const [crimson, violet] = await hueShares(await framesOf(half.clipPath), [356, 271], 30);
    expect(crimson! + violet!).toBeGreaterThan(0.6);
  });

  it('a scene longer than one render (20 s) is rendered in pieces and joined to the exact length', async () => {
    const long = await renderSceneVisual({ ...NEBULA, scene: { id: 's9', description: 'Fire', durationSec: 21 }, index: 3, fps: 1, durationSec: 21, width: 160, height: 90 }, env());
    expect(long).toMatchObject({ frames: 21, durationSec: 21, width: 160, height: 90, cacheHit: false });
    expect(await framesOf(long.clipPath)).toHaveLength(21);
  }, 180_000);

  it('cancelling mid-render stops with CancelledError and leaves nothing in the cache', async () => {
    const before = readdirSync(cacheDir).sort();
    const ac = new AbortController();
    const e = { ...env(), signal: ac.signal, progress: (_f: number, m?: string) => (/Frame \d/.test(m ?? '') ? ac.abort() : undefined) };
    const req = { ...NEBULA, scene: { id: 's7', description: 'A forest fire at dusk', durationSec: 6 }, fps: 4, durationSec: 6 };
    await expect(renderSceneVisual(req, e)).rejects.toBeInstanceOf(CancelledError);
    expect(readdirSync(cacheDir).sort()).toEqual(before);
  }, 120_000);
});
