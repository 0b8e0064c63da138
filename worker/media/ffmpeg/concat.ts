import { ffmpegCapabilities } from './locate.js';
import { audioCodecArgs, containerOf, fitFilter, videoCodecArgs, type VideoEncodeOptions } from './encode-args.js';
import { probeMedia } from './probe.js';
import { ffmpegCommand, outputArgs, runFfmpeg } from './run.js';

/**
 * Joining clips with crossfades. ffmpeg ≥ 4.3 has `xfade`; the bundled 2018 build does not, so
 * there each clip fades in (alpha) over the previous one with `overlay` on a black canvas.
 * Both give the same timeline: clip i starts at sum(d[0..i-1]) − i·T.
 */
export function clipOffsets(durations: number[], transitionSec: number): { offsets: number[]; totalSec: number } {
  const offsets: number[] = [];
  let t = 0;
  for (const [i, d] of durations.entries()) {
    offsets.push(t);
    t += d - (i < durations.length - 1 ? transitionSec : 0);
  }
  return { offsets, totalSec: t };
}

export interface GraphSize {
  width: number;
  height: number;
  fps: number;
}

/** Filtergraph joining labelled video streams [v0]…[vN] into [vout]. */
export function videoJoinGraph(labels: string[], durations: number[], T: number, size: GraphSize, xfade: boolean): string[] {
  const { offsets, totalSec } = clipOffsets(durations, T);
  if (labels.length === 1) return [`[${labels[0]}]null[vout]`];
  if (T <= 0) return [`${labels.map((l) => `[${l}]`).join('')}concat=n=${labels.length}:v=1:a=0[vout]`];
  const g: string[] = [];
  if (xfade) {
    let prev = labels[0]!;
    for (let i = 1; i < labels.length; i++) {
      const out = i === labels.length - 1 ? 'vout' : `xf${i}`;
      g.push(`[${prev}][${labels[i]}]xfade=transition=fade:duration=${T}:offset=${offsets[i]!.toFixed(3)}[${out}]`);
      prev = out;
    }
    return g;
  }
  g.push(`color=c=black:s=${size.width}x${size.height}:r=${size.fps}:d=${totalSec.toFixed(3)}[base]`);
  let prev = 'base';
  for (const [i, l] of labels.entries()) {
    const fade = i === 0 ? '' : `,fade=t=in:st=0:d=${T}:alpha=1`;
    g.push(`[${l}]format=yuva420p${fade},setpts=PTS-STARTPTS+${offsets[i]!.toFixed(3)}/TB[f${i}]`);
    g.push(`[${prev}][f${i}]overlay=eof_action=pass:format=auto[o${i}]`);
    prev = `o${i}`;
  }
  g.push(`[${prev}]format=yuv420p[vout]`);
  return g;
}

/** Filtergraph joining labelled audio streams [a0]…[aN] into [aout] (acrossfade exists in every build). */
export function audioJoinGraph(labels: string[], T: number): string[] {
  if (labels.length === 1) return [`[${labels[0]}]anull[aout]`];
  if (T <= 0) return [`${labels.map((l) => `[${l}]`).join('')}concat=n=${labels.length}:v=0:a=1[aout]`];
  const g: string[] = [];
  let prev = labels[0]!;
  for (let i = 1; i < labels.length; i++) {
    const out = i === labels.length - 1 ? 'aout' : `ax${i}`;
    g.push(`[${prev}][${labels[i]}]acrossfade=d=${T}:c1=tri:c2=tri[${out}]`);
    prev = out;
  }
  return g;
}

export interface ConcatOptions extends Partial<VideoEncodeOptions> {
  clips: string[];
  out: string;
  transitionSec?: number;
  width?: number;
  height?: number;
  fps?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/** Clips (any size/rate) → one video at one size/rate, crossfaded; audio crossfaded alongside (silence for clips without). */
export async function concatClips(ffmpegPath: string, o: ConcatOptions): Promise<{ path: string; durationSec: number }> {
  const T = o.transitionSec ?? 0.5;
  const infos = await Promise.all(o.clips.map((c) => probeMedia(ffmpegPath, c, o.signal)));
  const durations = infos.map((i, n) => {
    if (!i.durationSec) throw new Error(`Clip ${o.clips[n]} has no known duration`);
    return i.durationSec;
  });
  const shortest = Math.min(...durations);
  const t = Math.min(T, Math.max(0, shortest / 2 - 0.01));
  const first = infos[0]!.video;
  const size = { width: o.width ?? first?.width ?? 1280, height: o.height ?? first?.height ?? 720, fps: o.fps ?? Math.round(first?.fps ?? 30) };
  const caps = await ffmpegCapabilities(ffmpegPath, o.signal);
  const withAudio = infos.some((i) => i.audio);
  const g: string[] = [];
  const cmd = ffmpegCommand(ffmpegPath);
  for (const [i, clip] of o.clips.entries()) {
    cmd.input(clip);
    g.push(`[${i}:v]${fitFilter(size.width, size.height)},fps=${size.fps},format=yuv420p,setpts=PTS-STARTPTS[v${i}]`);
    if (withAudio) {
      g.push(
        infos[i]!.audio
          ? `[${i}:a]aresample=44100,aformat=sample_fmts=fltp:channel_layouts=stereo,asetpts=PTS-STARTPTS[a${i}]`
          : `anullsrc=r=44100:cl=stereo,atrim=0:${durations[i]!.toFixed(3)},aformat=sample_fmts=fltp[a${i}]`,
      );
    }
  }
  const labels = o.clips.map((_, i) => `v${i}`);
  g.push(...videoJoinGraph(labels, durations, t, size, caps.xfade));
  if (withAudio) g.push(...audioJoinGraph(o.clips.map((_, i) => `a${i}`), t));
  const container = o.container ?? containerOf(o.out);
  const { totalSec } = clipOffsets(durations, t);
  cmd.complexFilter(g.join(';'));
  outputArgs(cmd, ['-map', '[vout]', ...(withAudio ? ['-map', '[aout]', ...audioCodecArgs(container)] : ['-an']), ...videoCodecArgs({ ...o, container }), '-t', totalSec.toFixed(3), '-y']);
  cmd.output(o.out);
  await runFfmpeg(cmd, { label: `joining ${o.clips.length} clips`, durationSec: totalSec, signal: o.signal, onProgress: o.onProgress });
  return { path: o.out, durationSec: totalSec };
}
