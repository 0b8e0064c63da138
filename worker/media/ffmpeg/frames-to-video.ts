import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ProviderError } from '../../providers/types.js';
import { containerOf, fitFilter, videoCodecArgs, type VideoEncodeOptions } from './encode-args.js';
import { ffmpegCommand, inputArgs, outputArgs, runFfmpeg } from './run.js';

export interface FrameSequence {
  /** printf-style pattern for ffmpeg's image2 demuxer, e.g. "frame_%05d.png". */
  pattern: string;
  startNumber: number;
  count: number;
  /** File name of the first frame. */
  first: string;
}

/**
 * Finds the numbered PNG/JPEG sequence in a folder ("frame_00001.png", "0001.png" …): the
 * prefix shared by most files, its zero-padded width and first number, and checks it is unbroken.
 */
export function detectFrameSequence(dir: string): FrameSequence {
  const groups = new Map<string, number[]>();
  const names = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const m = /^(.*?)(\d+)\.(png|jpe?g)$/i.exec(name);
    if (!m) continue;
    const key = `${m[1]}\u0000${m[2]!.length}\u0000${m[3]}`;
    const list = groups.get(key) ?? [];
    list.push(Number(m[2]));
    groups.set(key, list);
    names.set(`${key}\u0000${Number(m[2])}`, name);
  }
  const best = [...groups.entries()].sort((a, b) => b[1].length - a[1].length)[0];
  if (!best) throw new ProviderError('ffmpeg', `No numbered PNG or JPEG frames (like frame_00001.png) in ${dir}`, 'bad_response');
  const [prefix, width, ext] = best[0].split('\u0000') as [string, string, string];
  const numbers = best[1].sort((a, b) => a - b);
  const start = numbers[0]!;
  const gap = numbers.findIndex((n, i) => n !== start + i);
  if (gap >= 0) throw new ProviderError('ffmpeg', `Frame ${prefix}${String(start + gap).padStart(Number(width), '0')}.${ext} is missing in ${dir}`, 'bad_response');
  return { pattern: `${prefix.replace(/%/g, '%%')}%0${width}d.${ext}`, startNumber: start, count: numbers.length, first: names.get(`${best[0]}\u0000${start}`)! };
}

export interface FramesToVideoOptions extends Partial<VideoEncodeOptions> {
  framesDir: string;
  fps: number;
  out: string;
  width?: number;
  height?: number;
  /** Hold the last frame this long (e.g. until the narration ends). */
  holdLastSec?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  timeoutMs?: number;
}

export interface EncodedVideo {
  path: string;
  frames: number;
  durationSec: number;
}

/** A PNG/JPEG sequence → MP4 (H.264 yuv420p, faststart) or WebM (VP9/VP8), by the out path's extension. */
export async function framesToVideo(ffmpegPath: string, o: FramesToVideoOptions): Promise<EncodedVideo> {
  const seq = detectFrameSequence(o.framesDir);
  const container = o.container ?? containerOf(o.out);
  const cmd = ffmpegCommand(ffmpegPath).input(join(o.framesDir, seq.pattern));
  inputArgs(cmd, ['-framerate', String(o.fps), '-start_number', String(seq.startNumber), '-f', 'image2']);
  const hold = o.holdLastSec && o.holdLastSec > 0 ? `,tpad=stop_mode=clone:stop_duration=${o.holdLastSec.toFixed(3)}` : '';
  const durationSec = seq.count / o.fps + (hold ? o.holdLastSec! : 0);
  outputArgs(cmd, ['-vf', `${fitFilter(o.width, o.height)}${hold}`, '-r', String(o.fps), ...videoCodecArgs({ ...o, container }), '-an', '-y']);
  cmd.output(o.out);
  await runFfmpeg(cmd, {
    label: `encoding ${seq.count} frames to ${container.toUpperCase()}`,
    frames: hold ? Math.round(durationSec * o.fps) : seq.count,
    signal: o.signal,
    onProgress: o.onProgress,
    timeoutMs: o.timeoutMs,
  });
  return { path: o.out, frames: seq.count, durationSec };
}
