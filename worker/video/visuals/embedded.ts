/**
 * The embedded visual provider: the scene composer's shader rendered headless by the shared
 * shader renderer (worker/render) straight into an H.264 stream, at exactly the requested size,
 * rate and frame count (no tier degradation: a video scene must keep its length). The renderer
 * draws at most 20 s per call, so a longer scene is rendered in pieces whose shader clocks
 * continue each other (TIME_OFFSET) and joined in the finishing pass.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ProviderError } from '../../providers/types.js';
import { runDirOf } from '../../render/browser-registry.js';
import { renderShader } from '../../render/shader-renderer.js';
import { CancelledError, throwIfCancelled } from '../../task-context.js';
import { moveFile } from './clip-cache.js';
import { composeScene, SCENE_COMPOSER_MODEL } from './compose-scene.js';
import { finishClip, titleOverlayPng } from './finish-clip.js';
import type { ComposerChoice, SceneVisualEnv, SceneVisualRequest } from './types.js';

/** The renderer's longest single render (ShaderRenderInput.seconds). */
const MAX_PIECE_SEC = 20;

export interface RenderedClip {
  path: string;
  frames: number;
  durationSec: number;
  model: string;
  composition: ComposerChoice;
}

/** Frame counts of the pieces: whole frames, each at most MAX_PIECE_SEC long. */
export function pieceFrames(totalFrames: number, fps: number): number[] {
  const max = Math.floor(MAX_PIECE_SEC * fps);
  const out: number[] = [];
  for (let left = totalFrames; left > 0; left -= max) out.push(Math.min(max, left));
  return out;
}

/**
 * A cancel that lands while the renderer's encoder is finishing surfaces there as an ffmpeg
 * error (the encoder was killed by the same signal): report it as the cancel it is.
 */
async function cancellable<T>(signal: AbortSignal, run: () => Promise<T>): Promise<T> {
  try {
    const out = await run();
    throwIfCancelled(signal);
    return out;
  } catch (err) {
    if (signal.aborted && !(err instanceof CancelledError)) throw new CancelledError();
    throw err;
  }
}

/** A title card for this request, or null (only scene 0 with a non-empty title has one). */
export function titleFor(req: Pick<SceneVisualRequest, 'index' | 'title'>): string | null {
  const t = req.title?.trim();
  return req.index === 0 && t ? t : null;
}

/** The size the shader is drawn at: the request scaled by renderScale, even, at least 16 px. */
export function drawSize(req: Pick<SceneVisualRequest, 'width' | 'height' | 'renderScale'>): { width: number; height: number } {
  const scale = Math.min(1, Math.max(0.25, req.renderScale ?? 1));
  const even = (v: number): number => Math.max(16, 2 * Math.round((v * scale) / 2));
  return scale === 1 ? { width: req.width, height: req.height } : { width: even(req.width), height: even(req.height) };
}

export async function renderEmbeddedClip(req: SceneVisualRequest, env: SceneVisualEnv, ffmpegPath: string, outPath: string): Promise<RenderedClip> {
  const frames = Math.max(1, Math.round(req.durationSec * req.fps));
  const draw = drawSize(req);
  const scaled = draw.width !== req.width || draw.height !== req.height;
  const sceneText = { description: req.scene.description, camera: req.scene.camera, actions: req.scene.actions, style: req.style };
  const { choice } = composeScene(sceneText);
  env.log?.(
    'info',
    `Scene ${req.index + 1}: ${choice.family} scene, palette ${choice.palette.map((p) => p.name).join(' + ')}, camera ${choice.motion.kind} ×${choice.motion.speed}` +
      (choice.matchedWords.length ? ` (from: ${choice.matchedWords.join(', ')})` : ' (no scene words matched: abstract)'),
  );
  const dir = join(env.workDir, `scene-${req.index + 1}-embedded`);
  mkdirSync(dir, { recursive: true });
  const pieces: string[] = [];
  let offsetFrames = 0;
  const parts = pieceFrames(frames, req.fps);
  for (const [i, n] of parts.entries()) {
    throwIfCancelled(env.signal);
    const { source } = composeScene(sceneText, { timeOffset: offsetFrames / req.fps });
    const pieceDir = join(dir, `piece-${i + 1}`);
    mkdirSync(pieceDir, { recursive: true });
    const span = (f: number): number => (offsetFrames + f * n) / frames;
    const out = await cancellable(env.signal, () => renderShader(
      { source, width: draw.width, height: draw.height, fps: req.fps, seconds: n / req.fps, thumbnailTime: 0, preview: 'mp4' },
      {
        workDir: pieceDir,
        degrade: false,
        // Generous: a 720p scene on software GL under load is slow, and degrading would change the clip.
        budget: { totalMs: Math.min(30 * 60_000, 120_000 + n * 2000) },
        signal: env.signal,
        chromePath: env.chromePath ?? env.config.chromePath,
        ffmpegPath,
        runDir: runDirOf(env.dataDir),
        log: env.log,
        progress: (f, m) => env.progress?.(0.9 * span(f), `Scene ${req.index + 1}: ${m}`),
      },
    ));
    if (!out.ok || !out.preview?.path) {
      throw new ProviderError('chromium', `The scene shader could not be rendered (scene ${req.index + 1}, ${choice.family}): ${out.failure?.message ?? 'no video was encoded'}`, 'server_error');
    }
    pieces.push(out.preview.path);
    offsetFrames += n;
  }
  throwIfCancelled(env.signal);
  const title = titleFor(req);
  if (!title && pieces.length === 1 && !scaled) {
    // The renderer's stream already is the clip: exact size, rate and frame count, H.264 yuv420p.
    moveFile(pieces[0]!, outPath);
  } else {
    const overlay = title ? join(dir, 'title.png') : null;
    if (overlay) await titleOverlayPng(overlay, req.width, req.height, title!);
    env.progress?.(0.92, `Scene ${req.index + 1}: ${title ? 'title card' : scaled ? `upscaling from ${draw.width}x${draw.height}` : 'joining pieces'}`);
    await finishClip(ffmpegPath, { inputs: pieces, overlayPng: overlay, width: req.width, height: req.height, fps: req.fps, durationSec: frames / req.fps, out: outPath, signal: env.signal });
  }
  return { path: outPath, frames, durationSec: frames / req.fps, model: SCENE_COMPOSER_MODEL, composition: choice };
}
