import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveFfmpegPath } from '../../worker/media/ffmpeg/locate.js';
import { ffmpegCommand, inputArgs, outputArgs, runFfmpeg } from '../../worker/media/ffmpeg/run.js';
import type { SceneVisual, SceneVisualEnv, SceneVisualRequest } from '../../worker/video/visuals/types.js';

/**
 * Test only: a stand-in for renderSceneVisual that paints a flat colour clip per scene (hue
 * from the scene description) with ffmpeg, so the assembly can be tested without Chromium.
 * Counts its calls so tests can tell a rendered scene from a reused one.
 */
export function colourClipVisual() {
  const calls: string[] = [];
  const render = async (req: SceneVisualRequest, env: SceneVisualEnv): Promise<SceneVisual> => {
    calls.push(req.scene.id);
    const ff = env.ffmpegPath ?? resolveFfmpegPath(env.config);
    const hash = createHash('sha256').update(JSON.stringify([req.scene.description, req.index, req.width, req.height, req.fps, req.durationSec])).digest('hex');
    const hex = hash.slice(0, 6);
    mkdirSync(join(env.workDir, 'test-visuals'), { recursive: true });
    const clipPath = join(env.workDir, 'test-visuals', `${hash.slice(0, 16)}.mp4`);
    const frames = Math.round(req.durationSec * req.fps);
    const cmd = ffmpegCommand(ff).input(`color=c=0x${hex}:s=${req.width}x${req.height}:r=${req.fps}`);
    inputArgs(cmd, ['-f', 'lavfi']);
    outputArgs(cmd, ['-frames:v', String(frames), '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-an', '-y']).output(clipPath);
    await runFfmpeg(cmd, { label: 'painting a test clip', signal: env.signal });
    return { clipPath, width: req.width, height: req.height, durationSec: frames / req.fps, frames, provider: 'embedded', model: 'test-colour-clip', cacheKey: hash, cacheHit: false };
  };
  return { render, calls };
}
