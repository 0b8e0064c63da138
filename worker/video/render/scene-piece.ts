import { join } from 'node:path';
import { sceneHashInput, type VideoScene } from '../../../shared/video/script.js';
import { ffmpegCommand, inputArgs, outputArgs, runFfmpeg } from '../../media/ffmpeg/run.js';
import type { SceneVisual, SceneVisualProviderChoice, SceneVisualRequest, SceneVisualEnv } from '../visuals/types.js';
import { pieceKey, readPiece, storePiece, type PieceMeta } from './piece-cache.js';
import type { SceneSpeech } from './speech.js';

/** Silence before the first word and after the last, so crossfades never swallow speech. */
export const SPEECH_LEAD_SEC = 0.35;
export const SPEECH_TAIL_SEC = 0.45;

export type RenderVisual = (req: SceneVisualRequest, env: SceneVisualEnv) => Promise<SceneVisual>;

export interface PieceRequest {
  scene: VideoScene;
  index: number;
  title: string;
  style: string;
  width: number;
  height: number;
  fps: number;
  visuals: SceneVisualProviderChoice;
  /** Draw at this fraction of the size and upscale (1: full size). */
  renderScale: number;
  speech: SceneSpeech | null;
  /** The piece's full length, including the crossfade overlap with the next scene. */
  durationSec: number;
}

export interface Piece {
  path: string;
  meta: PieceMeta;
  cacheHit: boolean;
}

/**
 * How long a scene runs: its planned length or its speech with padding, whichever is longer; a
 * scene that is followed by another also carries the crossfade, so scene starts (chapters) stay
 * on the script's own timeline when nothing is spoken past the plan.
 */
export function pieceDuration(scene: Pick<VideoScene, 'durationSec'>, speechSec: number, transitionSec: number, last: boolean, fps: number): number {
  const own = Math.max(scene.durationSec, speechSec > 0 ? SPEECH_LEAD_SEC + speechSec + SPEECH_TAIL_SEC : 0);
  // Whole frames, so picture and sound end together.
  return Math.round((own + (last ? 0 : transitionSec)) * fps) / fps;
}

/** Everything that changes a piece's picture or sound. */
export function pieceCacheKey(r: PieceRequest): string {
  return pieceKey({
    scene: sceneHashInput(r.scene),
    title: r.index === 0 ? r.title : '',
    style: r.style,
    size: [r.width, r.height, r.fps],
    visuals: r.visuals,
    renderScale: r.renderScale,
    duration: r.durationSec.toFixed(3),
    speech: r.speech ? [r.speech.plan.provider, r.speech.plan.model, r.speech.plan.voice, r.speech.segments.map((s) => [s.text, s.durationSec.toFixed(4)])] : null,
    lead: SPEECH_LEAD_SEC,
  });
}

/**
 * One scene's piece: the cached one when its inputs were rendered before, else the visual clip
 * (V2b's renderSceneVisual) with the scene's speech laid in after a short lead-in, exactly
 * `durationSec` long.
 */
export async function buildPiece(
  r: PieceRequest,
  env: SceneVisualEnv & { ffmpegPath: string; renderVisual: RenderVisual },
): Promise<Piece> {
  const key = pieceCacheKey(r);
  const hit = readPiece(env.dataDir, key);
  if (hit) return { ...hit, cacheHit: true };

  const visual = await env.renderVisual(
    {
      scene: r.scene,
      index: r.index,
      title: r.index === 0 ? r.title : '',
      style: r.style,
      width: r.width,
      height: r.height,
      fps: r.fps,
      durationSec: r.durationSec,
      provider: r.visuals,
      ...(r.renderScale < 1 ? { renderScale: r.renderScale } : {}),
      cacheDir: join(env.dataDir, 'cache', 'video', 'visuals'),
    },
    env,
  );
  const out = join(env.workDir, `piece-${r.index}-${key.slice(0, 12)}.mkv`);
  const d = r.durationSec.toFixed(3);
  const cmd = ffmpegCommand(env.ffmpegPath).input(visual.clipPath);
  let audio: string;
  if (r.speech) {
    cmd.input(r.speech.path);
    const ms = Math.round(SPEECH_LEAD_SEC * 1000);
    audio = `[1:a]aresample=44100,aformat=sample_fmts=fltp:channel_layouts=mono,adelay=${ms},apad,atrim=0:${d},asetpts=PTS-STARTPTS[a]`;
  } else {
    cmd.input('anullsrc=r=44100:cl=mono');
    inputArgs(cmd, ['-f', 'lavfi']);
    audio = `[1:a]atrim=0:${d},asetpts=PTS-STARTPTS[a]`;
  }
  // A clip of exactly the asked size and frame count is copied; anything else is fitted (last
  // frame held, then cut), so every piece is exactly as long as its timeline slot.
  const exact = visual.width === r.width && visual.height === r.height && visual.frames === Math.round(r.durationSec * r.fps);
  const video = exact ? [] : [`[0:v]scale=${r.width}:${r.height},setsar=1,fps=${r.fps},tpad=stop_mode=clone:stop_duration=${d},trim=0:${d},setpts=PTS-STARTPTS,format=yuv420p[v]`];
  cmd.complexFilter([...video, audio].join(';'));
  outputArgs(cmd, [
    '-map', exact ? '0:v:0' : '[v]', '-map', '[a]',
    ...(exact ? ['-c:v', 'copy'] : ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p']),
    '-c:a', 'pcm_s16le', '-ar', '44100', '-t', d, '-y',
  ]);
  cmd.output(out);
  await runFfmpeg(cmd, { label: `laying scene ${r.scene.id}'s voice over its picture`, durationSec: r.durationSec, signal: env.signal });
  const meta: PieceMeta = {
    durationSec: r.durationSec,
    width: r.width,
    height: r.height,
    fps: r.fps,
    visualProvider: visual.provider,
    visualModel: visual.model,
    visualFallback: visual.fallbackReason ?? null,
    createdAt: new Date().toISOString(),
  };
  return { path: storePiece(env.dataDir, key, out, meta), meta, cacheHit: false };
}
