/**
 * The ComfyUI visual provider. When the server has the text-to-video workflow's nodes and models,
 * the scene is generated as a short clip (looped back and forth to the scene's length); otherwise
 * one keyframe per scene comes from the shipped text-to-image workflow and is moved with a slow
 * pan/zoom in the direction the scene's camera words give. Either way the provenance is the
 * model ComfyUI actually loaded.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import sharp from 'sharp';
import type { ApiWorkflow } from '../../providers/comfyui/api-types.js';
import { ComfyClient } from '../../providers/comfyui/client.js';
import type { OutputFile } from '../../providers/comfyui/outputs.js';
import { assertRunnable, checkWorkflow } from '../../providers/comfyui/preflight.js';
import { describeStats } from '../../providers/comfyui/provider.js';
import { fillTemplate, loadTemplate, sizeMultiple, type WorkflowTemplate } from '../../providers/comfyui/workflows.js';
import { prepareGpuFor } from '../../providers/gpu-scheduler.js';
import { ProviderError } from '../../providers/types.js';
import { framesToVideo } from '../../media/ffmpeg/frames-to-video.js';
import { ffmpegCommand, inputArgs, outputArgs, runFfmpeg } from '../../media/ffmpeg/run.js';
import { videoCodecArgs } from '../../media/ffmpeg/encode-args.js';
import { throwIfCancelled } from '../../task-context.js';
import { clipCacheKey } from './clip-cache.js';
import { finishClip, titleOverlayPng } from './finish-clip.js';
import { titleFor } from './embedded.js';
import { readScene, type MotionKind } from './scene-words.js';
import type { SceneVisualEnv, SceneVisualRequest } from './types.js';

const NEGATIVE = 'text, watermark, logo, caption, blurry, lowres, deformed';
/** Wan 2.1's longest clip (frames = 4n + 1). */
const MAX_VIDEO_FRAMES = 81;
/** Long edges the shipped models draw well at: SDXL Turbo keyframes, Wan 2.1 1.3B clips (832×480). */
const IMAGE_LONG_SIDE = 768;
const VIDEO_LONG_SIDE = 832;

export interface ComfyPlan {
  client: ComfyClient;
  workflow: 'txt2video' | 'txt2img';
  template: WorkflowTemplate;
  graph: ApiWorkflow;
  model: string;
  prompt: string;
  seed: number;
  motion: MotionKind;
  /** Params that decide the output (part of the cache key). */
  values: Record<string, string | number>;
}

const snap = (v: number, m: number): number => Math.max(m, Math.round(v / m) * m);

export function scenePrompt(req: Pick<SceneVisualRequest, 'scene' | 'style'>): string {
  const parts = [req.scene.description.trim(), req.scene.camera?.trim(), req.style?.trim() ? `${req.style.trim()} style` : '', 'cinematic film still, detailed'];
  return parts.filter(Boolean).join(', ');
}

/** A seed from the prompt: the same scene asks ComfyUI for the same picture. */
export function sceneSeed(prompt: string): number {
  return parseInt(createHash('sha256').update(prompt).digest('hex').slice(0, 8), 16) % 2 ** 31;
}

/**
 * Reaches ComfyUI and decides the workflow: text-to-video when every node and model it needs is
 * there, else text-to-image (which must be runnable: a missing model is a clear error naming it).
 */
export async function planComfyScene(req: SceneVisualRequest, env: SceneVisualEnv): Promise<ComfyPlan> {
  const client = new ComfyClient(env.config.comfyui.url, env.log);
  // A quick look first: an absent ComfyUI fails (or falls back) in seconds.
  env.log?.('info', `${describeStats(await client.systemStats(env.signal, 3000))} at ${client.url}`);
  const info = await client.objectInfo(env.signal);
  const prompt = scenePrompt(req);
  const seed = sceneSeed(prompt);
  const motion = readScene({ description: req.scene.description, camera: req.scene.camera, actions: req.scene.actions, style: req.style }).motion.kind;

  // Generation sizes follow the aspect, not the pass: the preview and the final ask ComfyUI for the
  // same picture, so the final reuses the preview's generated output (see cachedOutput).
  const video = loadTemplate('txt2video');
  const fps = Number(video.defaults.fps ?? 16);
  const frames = Math.min(MAX_VIDEO_FRAMES, 4 * Math.max(1, Math.round((req.durationSec * fps) / 4)) + 1);
  const videoValues = { prompt, negative: NEGATIVE, seed, ...generationSize(req, VIDEO_LONG_SIDE, sizeMultiple(video)), frames };
  const filledVideo = fillTemplate(video, videoValues);
  if (checkWorkflow(video, filledVideo.workflow, filledVideo.values, info).ok) {
    return { client, workflow: 'txt2video', template: video, graph: filledVideo.workflow, model: String(filledVideo.values[video.modelParam]), prompt, seed, motion, values: filledVideo.values };
  }
  const image = loadTemplate('txt2img');
  const imageValues = { prompt, negative: NEGATIVE, seed, ...generationSize(req, IMAGE_LONG_SIDE, sizeMultiple(image)) };
  const filled = fillTemplate(image, imageValues);
  assertRunnable(checkWorkflow(image, filled.workflow, filled.values, info), client.url, image);
  env.log?.('info', `ComfyUI lacks the text-to-video workflow's nodes or models: scene ${req.index + 1} is a keyframe moved with a slow ${motion}`);
  return { client, workflow: 'txt2img', template: image, graph: filled.workflow, model: String(filled.values[image.modelParam]), prompt, seed, motion, values: filled.values };
}

/** The generation size for the clip's aspect: `longSide` on the long edge, both edges on the model's multiple. */
export function generationSize(req: Pick<SceneVisualRequest, 'width' | 'height'>, longSide: number, multiple: number): { width: number; height: number } {
  const aspect = req.width / req.height;
  return aspect >= 1 ? { width: snap(longSide, multiple), height: snap(longSide / aspect, multiple) } : { width: snap(longSide * aspect, multiple), height: snap(longSide, multiple) };
}

/** What decides a ComfyUI clip, for the cache key. */
export function comfyCacheParts(plan: ComfyPlan): Record<string, unknown> {
  return { provider: 'comfyui', url: plan.client.url, workflow: plan.workflow, model: plan.model, values: plan.values, motion: plan.motion };
}

/** zoompan expressions for a slow move over a still (2× oversampled so the motion is smooth). */
export function kenBurnsFilter(kind: MotionKind, width: number, height: number, fps: number, frames: number): string {
  const N = Math.max(1, frames - 1);
  const centre = { x: 'iw/2-(iw/zoom/2)', y: 'ih/2-(ih/zoom/2)' };
  const moves: Record<MotionKind, { z: string; x: string; y: string }> = {
    'zoom-in': { z: `1+0.15*on/${N}`, ...centre },
    drift: { z: `1+0.1*on/${N}`, ...centre },
    orbit: { z: `1+0.1*on/${N}`, ...centre },
    static: { z: `1+0.03*on/${N}`, ...centre },
    'zoom-out': { z: `1.15-0.15*on/${N}`, ...centre },
    'pan-right': { z: '1.15', x: `(iw-iw/zoom)*on/${N}`, y: centre.y },
    'pan-left': { z: '1.15', x: `(iw-iw/zoom)*(1-on/${N})`, y: centre.y },
    'tilt-up': { z: '1.15', x: centre.x, y: `(ih-ih/zoom)*(1-on/${N})` },
    'tilt-down': { z: '1.15', x: centre.x, y: `(ih-ih/zoom)*on/${N}` },
  };
  const m = moves[kind];
  const W = width * 2;
  const H = height * 2;
  return `scale=${W}:${H}:force_original_aspect_ratio=increase,crop=${W}:${H},zoompan=z='${m.z}':x='${m.x}':y='${m.y}':d=${frames}:s=${width}x${height}:fps=${fps},setsar=1`;
}

async function kenBurnsClip(ffmpegPath: string, image: string, kind: MotionKind, req: SceneVisualRequest, frames: number, out: string, signal: AbortSignal): Promise<void> {
  const cmd = ffmpegCommand(ffmpegPath).input(image);
  inputArgs(cmd, ['-f', 'image2']);
  outputArgs(cmd, ['-vf', kenBurnsFilter(kind, req.width, req.height, req.fps, frames), '-frames:v', String(frames), '-an', ...videoCodecArgs({ container: 'mp4' }), '-y']);
  cmd.output(out);
  await runFfmpeg(cmd, { label: 'moving the keyframe (pan/zoom)', frames, signal });
}

/**
 * An animated WebP (what the shipped text-to-video workflow saves) → numbered PNG frames played
 * forward and back until the scene is covered. ffmpeg of this vintage cannot decode animated WebP; sharp can.
 */
async function loopFrames(file: Pick<OutputFile, 'path'>, dir: string, needed: number): Promise<number> {
  mkdirSync(dir, { recursive: true });
  const srcDir = join(dir, '..', 'source-frames');
  mkdirSync(srcDir, { recursive: true });
  const pages = (await sharp(file.path, { animated: true }).metadata()).pages ?? 1;
  const src: string[] = [];
  for (let i = 0; i < pages; i++) {
    const p = join(srcDir, `${String(i).padStart(5, '0')}.png`);
    await sharp(file.path, { page: i }).png().toFile(p);
    src.push(p);
  }
  const order = pages > 1 ? [...src, ...src.slice(1, -1).reverse()] : src;
  const count = Math.max(needed, 1);
  for (let i = 0; i < count; i++) copyFileSync(order[i % order.length]!, join(dir, `frame_${String(i + 1).padStart(5, '0')}.png`));
  return count;
}

/**
 * What ComfyUI generated for these exact params, kept under <cacheDir>/comfyui: a second pass
 * (the final after the preview) or a re-render at another size moves the same picture again
 * instead of generating it again.
 */
async function cachedOutput(plan: ComfyPlan, cacheDir: string, env: SceneVisualEnv, generate: () => Promise<OutputFile>): Promise<Pick<OutputFile, 'path' | 'mime'>> {
  const dir = join(cacheDir, 'comfyui');
  const key = clipCacheKey({ url: plan.client.url, workflow: plan.workflow, model: plan.model, values: plan.values });
  const sidecar = join(dir, `${key}.json`);
  if (existsSync(sidecar)) {
    try {
      const meta = JSON.parse(readFileSync(sidecar, 'utf8')) as { file: string; mime: string };
      const path = join(dir, meta.file);
      if (existsSync(path)) {
        env.log?.('info', `ComfyUI output for this scene reused from the cache (${plan.workflow}, ${plan.model})`);
        return { path, mime: meta.mime };
      }
    } catch {
      // A torn sidecar is a miss.
    }
  }
  throwIfCancelled(env.signal);
  env.progress?.(0.03, 'Freeing GPU memory for ComfyUI…');
  await prepareGpuFor('comfyui', env.config, env.signal, env.log);
  const made = await generate();
  mkdirSync(dir, { recursive: true });
  const file = `${key}${extname(made.path) || '.bin'}`;
  copyFileSync(made.path, join(dir, `.${file}.tmp`));
  renameSync(join(dir, `.${file}.tmp`), join(dir, file));
  writeFileSync(join(dir, `.${key}.json.tmp`), JSON.stringify({ file, mime: made.mime, model: plan.model, workflow: plan.workflow }));
  renameSync(join(dir, `.${key}.json.tmp`), sidecar);
  return { path: join(dir, file), mime: made.mime };
}

export async function renderComfyClip(plan: ComfyPlan, req: SceneVisualRequest, env: SceneVisualEnv, ffmpegPath: string, outPath: string): Promise<{ frames: number; durationSec: number }> {
  throwIfCancelled(env.signal);
  const dir = join(env.workDir, `scene-${req.index + 1}-comfyui`);
  mkdirSync(dir, { recursive: true });
  const file = await cachedOutput(plan, req.cacheDir, env, async () => {
    const result = await plan.client.run(plan.graph, {
      workDir: dir,
      signal: env.signal,
      onProgress: (f, m) => env.progress?.(0.05 + 0.75 * f, `Scene ${req.index + 1}: ${m}`),
    });
    return result.files[0]!;
  });
  const frames = Math.max(1, Math.round(req.durationSec * req.fps));
  const piece = join(dir, 'piece.mp4');
  env.progress?.(0.85, `Scene ${req.index + 1}: ${plan.workflow === 'txt2video' ? 'encoding the generated clip' : 'moving the keyframe'}`);
  if (plan.workflow === 'txt2img') {
    if (!file.mime.startsWith('image/')) throw new ProviderError('comfyui', `ComfyUI saved ${file.mime} where the text-to-image workflow should save an image`, 'bad_response');
    await kenBurnsClip(ffmpegPath, file.path, plan.motion, req, frames, piece, env.signal);
  } else if (file.mime.startsWith('video/')) {
    copyFileSync(file.path, piece);
  } else {
    const fps = Number(plan.values.fps ?? 16);
    const framesDir = join(dir, 'frames');
    await loopFrames(file, framesDir, Math.ceil(req.durationSec * fps) + 1);
    await framesToVideo(ffmpegPath, { framesDir, fps, out: piece, width: req.width, height: req.height, signal: env.signal });
  }
  const title = titleFor(req);
  const overlay = title ? join(dir, 'title.png') : null;
  if (overlay) await titleOverlayPng(overlay, req.width, req.height, title!);
  const done = await finishClip(ffmpegPath, { inputs: [piece], overlayPng: overlay, width: req.width, height: req.height, fps: req.fps, durationSec: frames / req.fps, out: outPath, signal: env.signal });
  return { frames: done.frames, durationSec: done.durationSec };
}
