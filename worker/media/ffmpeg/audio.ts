import { readFileSync } from 'node:fs';
import { parseWav } from '../wav.js';
import { audioCodecArgs, containerOf } from './encode-args.js';
import { probeMedia } from './probe.js';
import { ffmpegCommand, outputArgs, runFfmpeg } from './run.js';

export type LoudnessMode = 'loudnorm' | 'dynaudnorm' | 'none';

/**
 * Speech-friendly loudness: single-pass EBU R128 (-16 LUFS, the usual web/podcast target), or
 * dynaudnorm's gentler per-window gain. loudnorm resamples to 192 kHz internally and (in the
 * bundled build) drops the channel layout, hence aresample + an explicit aformat.
 */
export function loudnessFilter(mode: LoudnessMode, sampleRate = 44100, channels: 1 | 2 = 1): string {
  const tail = `aresample=${sampleRate},aformat=sample_fmts=fltp:channel_layouts=${channels === 1 ? 'mono' : 'stereo'}`;
  if (mode === 'loudnorm') return `loudnorm=I=-16:TP=-1.5:LRA=11,${tail}`;
  if (mode === 'dynaudnorm') return `dynaudnorm=f=250:g=15,${tail}`;
  return tail;
}

/** Pads with silence or cuts so the audio is exactly `durationSec` long (the video's length). */
export function fitDurationFilter(durationSec: number): string {
  return `apad,atrim=0:${durationSec.toFixed(3)},asetpts=PTS-STARTPTS`;
}

export interface AudioPart {
  path: string;
  /** Silence after this part, seconds. */
  pauseAfterSec?: number;
}

/**
 * Audio files of any format/rate → one WAV with silences between them (for ElevenLabs MP3s;
 * same-format espeak WAVs are joined in-process by media/wav.ts concatWavs, sample-exact).
 */
export async function concatAudio(
  ffmpegPath: string,
  o: { parts: AudioPart[]; out: string; sampleRate?: number; signal?: AbortSignal },
): Promise<{ path: string; durationSec: number }> {
  const rate = o.sampleRate ?? 44100;
  const cmd = ffmpegCommand(ffmpegPath);
  const g: string[] = [];
  for (const [i, p] of o.parts.entries()) {
    cmd.input(p.path);
    const pad = Math.round((p.pauseAfterSec ?? 0) * rate);
    g.push(`[${i}:a]aresample=${rate},aformat=sample_fmts=s16:channel_layouts=mono${pad > 0 ? `,apad=pad_len=${pad}` : ''}[a${i}]`);
  }
  g.push(`${o.parts.map((_, i) => `[a${i}]`).join('')}concat=n=${o.parts.length}:v=0:a=1[aout]`);
  cmd.complexFilter(g.join(';'));
  outputArgs(cmd, ['-map', '[aout]', '-c:a', 'pcm_s16le', '-f', 'wav', '-y']);
  cmd.output(o.out);
  await runFfmpeg(cmd, { label: `joining ${o.parts.length} audio parts`, signal: o.signal });
  return { path: o.out, durationSec: parseWav(readFileSync(o.out)).durationSec };
}

/** Loudness-normalises one audio file to a WAV. */
export async function normalizeAudio(
  ffmpegPath: string,
  o: { input: string; out: string; mode?: LoudnessMode; sampleRate?: number; signal?: AbortSignal },
): Promise<{ path: string; durationSec: number }> {
  const channels = (await probeMedia(ffmpegPath, o.input, o.signal)).audio?.channels === 1 ? 1 : 2;
  const cmd = ffmpegCommand(ffmpegPath).input(o.input);
  outputArgs(cmd, ['-af', loudnessFilter(o.mode ?? 'loudnorm', o.sampleRate, channels), '-c:a', 'pcm_s16le', '-f', 'wav', '-y']);
  cmd.output(o.out);
  await runFfmpeg(cmd, { label: 'normalising loudness', signal: o.signal });
  return { path: o.out, durationSec: parseWav(readFileSync(o.out)).durationSec };
}

export interface MuxOptions {
  video: string;
  audio: string;
  out: string;
  /** The video's length: the audio is padded with silence or cut to it. */
  durationSec: number;
  loudness?: LoudnessMode;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/** Video stream copied as is + audio normalised, fitted to the video's length, encoded for the container. */
export async function muxAudioVideo(ffmpegPath: string, o: MuxOptions): Promise<{ path: string; durationSec: number }> {
  const container = containerOf(o.out);
  const rate = container === 'webm' ? 48000 : 44100;
  const channels = (await probeMedia(ffmpegPath, o.audio, o.signal)).audio?.channels === 1 ? 1 : 2;
  const cmd = ffmpegCommand(ffmpegPath).input(o.video).input(o.audio);
  cmd.complexFilter(`[1:a]${loudnessFilter(o.loudness ?? 'loudnorm', rate, channels)},${fitDurationFilter(o.durationSec)}[aout]`);
  outputArgs(cmd, [
    '-map', '0:v:0', '-map', '[aout]', '-c:v', 'copy', ...audioCodecArgs(container),
    ...(container === 'mp4' ? ['-movflags', '+faststart'] : []),
    '-t', o.durationSec.toFixed(3), '-y',
  ]);
  cmd.output(o.out);
  await runFfmpeg(cmd, { label: 'adding the narration', durationSec: o.durationSec, signal: o.signal, onProgress: o.onProgress });
  return { path: o.out, durationSec: o.durationSec };
}
