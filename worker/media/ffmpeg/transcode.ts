import { audioCodecArgs, containerOf, fitFilter, videoCodecArgs, type VideoEncodeOptions } from './encode-args.js';
import { probeMedia } from './probe.js';
import { ffmpegCommand, outputArgs, runFfmpeg } from './run.js';

/** Re-encodes a video for another container (MP4 → WebM VP9/Opus, or back), keeping size and length. */
export async function transcode(
  ffmpegPath: string,
  o: Partial<VideoEncodeOptions> & { input: string; out: string; width?: number; height?: number; signal?: AbortSignal; onProgress?: (f: number) => void },
): Promise<{ path: string; durationSec: number | null }> {
  const info = await probeMedia(ffmpegPath, o.input, o.signal);
  const container = o.container ?? containerOf(o.out);
  const cmd = ffmpegCommand(ffmpegPath).input(o.input);
  outputArgs(cmd, ['-vf', fitFilter(o.width, o.height), ...videoCodecArgs({ ...o, container }), ...(info.audio ? audioCodecArgs(container) : ['-an']), '-y']);
  cmd.output(o.out);
  await runFfmpeg(cmd, { label: `encoding ${container.toUpperCase()}`, durationSec: info.durationSec, signal: o.signal, onProgress: o.onProgress });
  return { path: o.out, durationSec: info.durationSec };
}
