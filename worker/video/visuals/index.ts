/**
 * Per-scene visuals of the video studio: renderSceneVisual(req, env) → one silent H.264 clip of
 * the scene's length at the requested size and rate, from the cache when the same inputs were
 * rendered before. Providers: 'embedded' (the scene composer's shader, rendered headless),
 * 'comfyui' (keyframe + pan/zoom, or text-to-video), 'auto' (ComfyUI when reachable and able,
 * else embedded, with the reason recorded). An explicit choice never falls back.
 */
import { rmSync } from 'node:fs';
import { resolveFfmpegPath } from '../../media/ffmpeg/locate.js';
import { ProviderError } from '../../providers/types.js';
import { CancelledError } from '../../task-context.js';
import { clipCacheKey, pendingClipPath, readCachedClip, storeClip, type ClipMeta } from './clip-cache.js';
import { planComfyScene, comfyCacheParts, renderComfyClip, type ComfyPlan } from './comfyui.js';
import { SCENE_COMPOSER_MODEL, SCENE_COMPOSER_VERSION } from './compose-scene.js';
import { drawSize, renderEmbeddedClip, titleFor } from './embedded.js';
import type { SceneVisual, SceneVisualEnv, SceneVisualRequest } from './types.js';

export type * from './types.js';
export { composeScene, SCENE_COMPOSER_MODEL, SCENE_COMPOSER_VERSION } from './compose-scene.js';

/** The renderer's frame limits (ShaderRenderInput) bound every provider, so a request fails the same way everywhere. */
export function checkRequest(req: SceneVisualRequest): void {
  // A bad request is the caller's mistake, not a provider failure: a plain RangeError.
  const bad = (why: string): never => {
    throw new RangeError(`Scene ${req.index + 1}: ${why}`);
  };
  if (!Number.isInteger(req.width) || req.width < 16 || req.width > 1920 || req.width % 2) bad(`width ${req.width} must be an even whole number of pixels from 16 to 1920`);
  if (!Number.isInteger(req.height) || req.height < 16 || req.height > 1080 || req.height % 2) bad(`height ${req.height} must be an even whole number of pixels from 16 to 1080`);
  if (!Number.isInteger(req.fps) || req.fps < 1 || req.fps > 60) bad(`fps ${req.fps} must be a whole number from 1 to 60`);
  if (!(req.durationSec > 0) || req.durationSec > 600) bad(`duration ${req.durationSec} s must be above 0 and at most 600 s`);
  if (!req.scene.description?.trim()) bad('the scene has no description to draw');
  if (req.renderScale !== undefined && !(req.renderScale >= 0.25 && req.renderScale <= 1)) bad(`renderScale ${req.renderScale} must be from 0.25 to 1`);
}

/** What decides an embedded clip, for the cache key. */
function embeddedCacheParts(req: SceneVisualRequest): Record<string, unknown> {
  return {
    provider: 'embedded',
    composer: SCENE_COMPOSER_VERSION,
    description: req.scene.description,
    camera: req.scene.camera ?? null,
    actions: req.scene.actions ?? [],
    style: req.style ?? '',
    draw: drawSize(req),
  };
}

function commonParts(req: SceneVisualRequest): Record<string, unknown> {
  return { width: req.width, height: req.height, fps: req.fps, frames: Math.max(1, Math.round(req.durationSec * req.fps)), title: titleFor(req) };
}

function fromCache(meta: ClipMeta & { path: string }, key: string): SceneVisual {
  return {
    clipPath: meta.path,
    width: meta.width,
    height: meta.height,
    durationSec: meta.durationSec,
    frames: meta.frames,
    provider: meta.provider,
    model: meta.model,
    workflow: meta.workflow,
    cacheKey: key,
    cacheHit: true,
    composition: meta.composition,
  };
}

/** Looks the key up; on a miss renders into the cache through `render` and records the clip. */
async function cached(req: SceneVisualRequest, env: SceneVisualEnv, key: string, render: (out: string) => Promise<Omit<ClipMeta, 'createdAt' | 'width' | 'height' | 'fps'>>): Promise<SceneVisual> {
  const hit = readCachedClip(req.cacheDir, key);
  if (hit) {
    env.log?.('info', `Scene ${req.index + 1}: clip from the cache (${hit.provider}, ${hit.model})`);
    env.progress?.(1, `Scene ${req.index + 1}: from the cache`);
    return fromCache(hit, key);
  }
  const pending = pendingClipPath(req.cacheDir);
  try {
    const made = await render(pending);
    const meta: ClipMeta = { ...made, width: req.width, height: req.height, fps: req.fps, createdAt: new Date().toISOString() };
    const path = storeClip(req.cacheDir, key, pending, meta);
    env.progress?.(1, `Scene ${req.index + 1}: rendered (${made.provider})`);
    return { ...fromCache({ ...meta, path }, key), cacheHit: false };
  } finally {
    rmSync(pending, { force: true });
  }
}

function renderEmbedded(req: SceneVisualRequest, env: SceneVisualEnv, ffmpegPath: string): Promise<SceneVisual> {
  const key = clipCacheKey({ ...embeddedCacheParts(req), ...commonParts(req) });
  return cached(req, env, key, async (out) => {
    const clip = await renderEmbeddedClip(req, env, ffmpegPath, out);
    return { provider: 'embedded', model: SCENE_COMPOSER_MODEL, frames: clip.frames, durationSec: clip.durationSec, composition: clip.composition };
  });
}

function renderComfy(plan: ComfyPlan, req: SceneVisualRequest, env: SceneVisualEnv, ffmpegPath: string): Promise<SceneVisual> {
  const key = clipCacheKey({ ...comfyCacheParts(plan), ...commonParts(req) });
  return cached(req, env, key, async (out) => {
    const clip = await renderComfyClip(plan, req, env, ffmpegPath, out);
    return { provider: 'comfyui', model: plan.model, workflow: plan.workflow, frames: clip.frames, durationSec: clip.durationSec };
  });
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * ComfyUI found absent (unreachable or not answering) per URL: under 'auto' the next scenes of the
 * same render do not knock again for a while, so a silent host costs its timeout once, not per scene.
 */
const ABSENT_MEMO_MS = 30_000;
const absent = new Map<string, { at: number; reason: string }>();

function recentlyAbsent(url: string): string | null {
  const memo = absent.get(url);
  if (!memo || Date.now() - memo.at > ABSENT_MEMO_MS) return null;
  return `${memo.reason} (checked ${Math.round((Date.now() - memo.at) / 1000)} s ago)`;
}

export async function renderSceneVisual(req: SceneVisualRequest, env: SceneVisualEnv): Promise<SceneVisual> {
  checkRequest(req);
  const ffmpegPath = env.ffmpegPath || resolveFfmpegPath(env.config);
  if (req.provider === 'embedded') return renderEmbedded(req, env, ffmpegPath);
  if (req.provider === 'comfyui') return renderComfy(await planComfyScene(req, env), req, env, ffmpegPath);

  // auto: Settings may pin video to the built-in renderer; otherwise ComfyUI is tried first.
  const setting = env.config.choice.video;
  if (setting === 'procedural' || setting === 'chromium') {
    const v = await renderEmbedded(req, env, ffmpegPath);
    return { ...v, fallbackReason: `Settings choose the built-in renderer (${setting}) for video` };
  }
  const url = env.config.comfyui.url;
  const known = recentlyAbsent(url);
  if (known) {
    const v = await renderEmbedded(req, env, ffmpegPath);
    return { ...v, fallbackReason: known };
  }
  try {
    const v = await renderComfy(await planComfyScene(req, env), req, env, ffmpegPath);
    absent.delete(url);
    return v;
  } catch (err) {
    if (err instanceof CancelledError || env.signal.aborted) throw err;
    const reason = message(err).split('\n')[0]!;
    if (err instanceof ProviderError && err.provider === 'comfyui' && (err.kind === 'unreachable' || err.kind === 'timeout')) absent.set(url, { at: Date.now(), reason });
    env.log?.('warn', `Scene ${req.index + 1}: ComfyUI not used (${reason}); rendering the scene with the built-in shader composer instead`);
    const v = await renderEmbedded(req, env, ffmpegPath);
    return { ...v, fallbackReason: reason };
  }
}
