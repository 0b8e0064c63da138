import { ProviderError } from '../../providers/types.js';
import { CancelledError } from '../../task-context.js';
import { runProcess } from '../../tools/run-process.js';
import { ffmpegCommand, outputArgs, runFfmpeg } from './run.js';
import { parseDurationLine } from './progress.js';

/**
 * Media facts without ffprobe (the bundled build has none): `ffmpeg -i FILE` prints the
 * container duration and one line per stream on stderr, then exits 1 for want of an output.
 */
export interface MediaInfo {
  durationSec: number | null;
  startSec: number | null;
  video: { codec: string; width: number; height: number; fps: number | null } | null;
  audio: { codec: string; sampleRate: number | null; channels: number | null } | null;
  subtitles: number;
}

export function parseMediaInfo(stderr: string): MediaInfo {
  const info: MediaInfo = { durationSec: null, startSec: null, video: null, audio: null, subtitles: 0 };
  for (const line of stderr.split('\n')) {
    const d = parseDurationLine(line);
    if (d && info.durationSec === null) {
      info.durationSec = d.durationSec;
      info.startSec = d.startSec;
    }
    const stream = /Stream #\d+:\d+.*?: (Video|Audio|Subtitle): (\w+)(.*)$/.exec(line);
    if (!stream) continue;
    const [, type, codec, rest] = stream as unknown as [string, string, string, string];
    if (type === 'Video' && !info.video) {
      const size = /\b(\d{2,5})x(\d{2,5})\b/.exec(rest);
      const fps = /([\d.]+) (?:fps|tbr)\b/.exec(rest);
      info.video = { codec, width: Number(size?.[1] ?? 0), height: Number(size?.[2] ?? 0), fps: fps ? Number(fps[1]) : null };
    } else if (type === 'Audio' && !info.audio) {
      const rate = /(\d+) Hz/.exec(rest);
      const layout = /Hz, (mono|stereo|[\d.]+(?:\(\w+\))?|\d+ channels)/.exec(rest);
      const channels = layout ? (layout[1] === 'mono' ? 1 : layout[1] === 'stereo' ? 2 : Number.parseFloat(layout[1]!) || null) : null;
      info.audio = { codec, sampleRate: rate ? Number(rate[1]) : null, channels };
    } else if (type === 'Subtitle') info.subtitles++;
  }
  return info;
}

export async function probeMedia(ffmpegPath: string, file: string, signal?: AbortSignal): Promise<MediaInfo> {
  const r = await runProcess(ffmpegPath, ['-hide_banner', '-i', file], { timeoutMs: 30_000, ...(signal ? { signal } : {}) });
  if (signal?.aborted) throw new CancelledError();
  if (!/Input #0/.test(r.stderr)) {
    const why = r.stderr.trim().split('\n').at(-1) ?? `exit ${r.code}`;
    throw new ProviderError('ffmpeg', `FFmpeg cannot read ${file}: ${why}`, 'bad_response');
  }
  return parseMediaInfo(r.stderr);
}

/**
 * The real playable length: decodes every stream to the null muxer and reads the final
 * "time=" (a container's Duration can be an estimate; this is what a player will show).
 */
export async function decodedDuration(ffmpegPath: string, file: string, opts: { signal?: AbortSignal; stream?: 'a' | 'v' } = {}): Promise<number> {
  const cmd = ffmpegCommand(ffmpegPath).input(file);
  outputArgs(cmd, opts.stream === 'a' ? ['-vn', '-f', 'null'] : opts.stream === 'v' ? ['-an', '-f', 'null'] : ['-f', 'null']).output('-');
  const r = await runFfmpeg(cmd, { label: `decoding ${file}`, ...(opts.signal ? { signal: opts.signal } : {}) });
  if (r.last?.timeSec == null) throw new ProviderError('ffmpeg', `FFmpeg decoded ${file} but printed no time`, 'bad_response');
  return r.last.timeSec;
}
