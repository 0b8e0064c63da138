import { audioJoinGraph, clipOffsets, videoJoinGraph } from '../../media/ffmpeg/concat.js';
import { ffmpegCapabilities } from '../../media/ffmpeg/locate.js';
import { ffmpegCommand, outputArgs, runFfmpeg } from '../../media/ffmpeg/run.js';
import { voiceMixGraph } from './mix.js';

export interface JoinMixOptions {
  /** Scene pieces, all of one size and rate (the piece key guarantees it). */
  pieces: string[];
  /** Their measured lengths: clip i starts at sum(d[0..i-1]) − i·T. */
  lengths: number[];
  transitionSec: number;
  width: number;
  height: number;
  fps: number;
  crf: number;
  /** The synthesized bed, or null for the voice alone. */
  bed: string | null;
  out: string;
  /** Also write the joined voice (before loudness and bed) as a WAV, for Whisper. */
  voiceOut?: string | null;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/**
 * One ffmpeg run from scene pieces to the finished MP4: pictures crossfaded (xfade, or overlay +
 * alpha fade on builds without it), voices crossfaded alongside, the voice normalised and the bed
 * ducked under it (voiceMixGraph), H.264 + AAC with faststart. Decoding and encoding once instead
 * of join-then-mix saves a full pass over the video.
 */
export async function joinAndMix(ffmpegPath: string, o: JoinMixOptions): Promise<{ path: string; durationSec: number }> {
  const caps = await ffmpegCapabilities(ffmpegPath, o.signal);
  const n = o.pieces.length;
  const { totalSec } = clipOffsets(o.lengths, o.transitionSec);
  const cmd = ffmpegCommand(ffmpegPath);
  const g: string[] = [];
  for (const [i, piece] of o.pieces.entries()) {
    cmd.input(piece);
    g.push(`[${i}:v]fps=${o.fps},format=yuv420p,setpts=PTS-STARTPTS[v${i}]`);
    g.push(`[${i}:a]aresample=44100,aformat=sample_fmts=fltp:channel_layouts=mono,asetpts=PTS-STARTPTS[a${i}]`);
  }
  if (o.bed) cmd.input(o.bed);
  g.push(...videoJoinGraph(o.pieces.map((_, i) => `v${i}`), o.lengths, o.transitionSec, { width: o.width, height: o.height, fps: o.fps }, caps.xfade));
  g.push(...audioJoinGraph(o.pieces.map((_, i) => `a${i}`), o.transitionSec));
  const voice = o.voiceOut ? '[aj]' : '[aout]';
  if (o.voiceOut) g.push('[aout]asplit=2[aj][aw]');
  g.push(voiceMixGraph(voice, o.bed ? `[${n}:a]` : null, totalSec, 'amix'));
  cmd.complexFilter(g.join(';'));
  const t = totalSec.toFixed(3);
  outputArgs(cmd, [
    '-map', '[vout]', '-map', '[amix]',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', String(o.crf), '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '160k', '-ar', '44100', '-movflags', '+faststart', '-t', t, '-y',
  ]).output(o.out);
  if (o.voiceOut) outputArgs(cmd.output(o.voiceOut), ['-map', '[aw]', '-c:a', 'pcm_s16le', '-t', t, '-y']);
  await runFfmpeg(cmd, { label: `joining ${n} scene${n > 1 ? 's' : ''} and mixing the sound`, durationSec: totalSec, signal: o.signal, onProgress: o.onProgress });
  return { path: o.out, durationSec: totalSec };
}
