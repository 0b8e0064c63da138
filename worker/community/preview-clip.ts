import { statSync } from 'node:fs';
import { ffmpegCommand, outputArgs, runFfmpeg } from '../media/ffmpeg/run.js';

/** Length and size of the clip sent when a final MP4 is over the relay's preview limit. */
export const CLIP_SECONDS = 30;
const CLIP_HEIGHT = 480;

/**
 * A short, smaller preview of a video for the community relay: its first 30 s at 480p H.264
 * (capped bitrate, faststart so the relay's page can play it while it loads) with AAC audio.
 * Refuses a result still over `maxBytes` instead of sending something the relay would refuse.
 */
export async function makePreviewClip(ffmpegPath: string, o: { input: string; out: string; maxBytes: number; durationSec: number | null; signal?: AbortSignal; onProgress?: (f: number) => void }): Promise<{ bytes: number }> {
  const cmd = ffmpegCommand(ffmpegPath).input(o.input);
  outputArgs(cmd, [
    '-t', String(CLIP_SECONDS),
    '-vf', `scale=-2:'min(${CLIP_HEIGHT},ih)'`,
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '28', '-maxrate', '1500k', '-bufsize', '3000k', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '96k',
    '-movflags', '+faststart', '-y',
  ]);
  cmd.output(o.out);
  const length = o.durationSec ? Math.min(o.durationSec, CLIP_SECONDS) : CLIP_SECONDS;
  await runFfmpeg(cmd, { label: 'making the community preview clip', durationSec: length, signal: o.signal, onProgress: o.onProgress });
  const bytes = statSync(o.out).size;
  if (bytes > o.maxBytes) throw new Error(`The preview clip is still ${bytes} bytes, over the relay's ${o.maxBytes}-byte limit`);
  return { bytes };
}
