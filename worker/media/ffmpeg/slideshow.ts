import { clipOffsets, videoJoinGraph } from './concat.js';
import { containerOf, fitFilter, videoCodecArgs, type VideoEncodeOptions } from './encode-args.js';
import { ffmpegCapabilities } from './locate.js';
import { ffmpegCommand, inputArgs, outputArgs, runFfmpeg } from './run.js';

export interface Slide {
  path: string;
  /** Time this image owns on the timeline; a crossfade into the next one happens inside it. */
  durationSec: number;
}

export interface SlideshowOptions extends Partial<VideoEncodeOptions> {
  slides: Slide[];
  out: string;
  width?: number;
  height?: number;
  fps?: number;
  transitionSec?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/**
 * Still images → video. Each slide but the last is held `transitionSec` longer so the fade
 * overlaps the next slide and the total stays the sum of the slides' durations (the narration
 * timeline the caller planned).
 */
export async function imagesToVideo(ffmpegPath: string, o: SlideshowOptions): Promise<{ path: string; durationSec: number }> {
  const size = { width: o.width ?? 1280, height: o.height ?? 720, fps: o.fps ?? 30 };
  const shortest = Math.min(...o.slides.map((s) => s.durationSec));
  const T = o.slides.length > 1 ? Math.min(o.transitionSec ?? 0.5, shortest / 2) : 0;
  const held = o.slides.map((s, i) => s.durationSec + (i < o.slides.length - 1 ? T : 0));
  const caps = await ffmpegCapabilities(ffmpegPath, o.signal);
  const cmd = ffmpegCommand(ffmpegPath);
  const g: string[] = [];
  for (const [i, s] of o.slides.entries()) {
    cmd.input(s.path);
    inputArgs(cmd, ['-loop', '1', '-framerate', String(size.fps), '-t', held[i]!.toFixed(3)]);
    g.push(`[${i}:v]${fitFilter(size.width, size.height)},fps=${size.fps},format=yuv420p,setpts=PTS-STARTPTS[v${i}]`);
  }
  g.push(...videoJoinGraph(o.slides.map((_, i) => `v${i}`), held, T, size, caps.xfade));
  const { totalSec } = clipOffsets(held, T);
  const container = o.container ?? containerOf(o.out);
  cmd.complexFilter(g.join(';'));
  outputArgs(cmd, ['-map', '[vout]', '-an', '-r', String(size.fps), ...videoCodecArgs({ ...o, container }), '-t', totalSec.toFixed(3), '-y']);
  cmd.output(o.out);
  await runFfmpeg(cmd, { label: `rendering ${o.slides.length} images to video`, durationSec: totalSec, signal: o.signal, onProgress: o.onProgress });
  return { path: o.out, durationSec: totalSec };
}
