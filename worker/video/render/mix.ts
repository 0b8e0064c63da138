import { loudnessFilter } from '../../media/ffmpeg/audio.js';
import { ffmpegCommand, outputArgs, runFfmpeg } from '../../media/ffmpeg/run.js';

/**
 * The voice loudness-normalised (-16 LUFS) and, when a bed is given, the bed ducked under it:
 * sidechaincompress keyed by the voice pulls the pads down while someone speaks and lets them
 * swell back in the gaps. amix scales each of its inputs by 1/n, so the sum is raised back.
 */
export function voiceMixGraph(voice: string, bed: string | null, durationSec: number, out = 'aout'): string {
  const d = durationSec.toFixed(3);
  const fit = `apad,atrim=0:${d},asetpts=PTS-STARTPTS`;
  const v = `${voice}${loudnessFilter('loudnorm', 44100, 1)},${fit}`;
  if (!bed) return `${v}[${out}]`;
  return [
    `${v},asplit=2[voice][key]`,
    `${bed}aresample=44100,aformat=sample_fmts=fltp:channel_layouts=mono,${fit}[bed]`,
    '[bed][key]sidechaincompress=threshold=0.015:ratio=10:attack=30:release=600:makeup=1[ducked]',
    `[voice][ducked]amix=inputs=2:duration=first:dropout_transition=0,volume=2[${out}]`,
  ].join(';');
}

/** Audio only (for a dub): voice track WAV + optional bed → mixed WAV of exactly `durationSec`. */
export async function mixAudioOnly(ffmpegPath: string, o: { voice: string; bed: string | null; out: string; durationSec: number; signal?: AbortSignal }): Promise<{ path: string }> {
  const cmd = ffmpegCommand(ffmpegPath).input(o.voice);
  if (o.bed) cmd.input(o.bed);
  cmd.complexFilter(voiceMixGraph('[0:a]', o.bed ? '[1:a]' : null, o.durationSec));
  outputArgs(cmd, ['-map', '[aout]', '-c:a', 'pcm_s16le', '-f', 'wav', '-t', o.durationSec.toFixed(3), '-y']);
  cmd.output(o.out);
  await runFfmpeg(cmd, { label: 'mixing the dub', durationSec: o.durationSec, signal: o.signal });
  return { path: o.out };
}
