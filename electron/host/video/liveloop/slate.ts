import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { resolveFfmpegPath } from '../../../../worker/media/ffmpeg/locate.js';
import { ffmpegCommand, inputArgs, outputArgs, runFfmpeg } from '../../../../worker/media/ffmpeg/run.js';
import { SLATE_MS } from './channel-rows.js';

const pending = new Map<string, Promise<string>>();

/**
 * The slate an empty (or between-slots) channel airs: a tiny dark-teal MPEG-TS segment with
 * silent AAC, exactly SLATE_MS long, made once with ffmpeg per height and cached in the data dir.
 */
export function slateSegment(cacheDir: string, height: number): Promise<string> {
  const h = height - (height % 2);
  const w = Math.round((h * 16) / 9 / 2) * 2;
  const path = join(cacheDir, 'liveloop', `slate-${h}p-${SLATE_MS}ms.ts`);
  if (existsSync(path)) return Promise.resolve(path);
  let p = pending.get(path);
  if (!p) {
    p = (async () => {
      mkdirSync(join(cacheDir, 'liveloop'), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp.ts`;
      const secs = SLATE_MS / 1000;
      const cmd = ffmpegCommand(resolveFfmpegPath()).input(`color=c=0x0b3b40:s=${w}x${h}:r=25:d=${secs}`);
      inputArgs(cmd, ['-f', 'lavfi']);
      cmd.input('anullsrc=r=44100:cl=stereo');
      inputArgs(cmd, ['-f', 'lavfi']);
      outputArgs(cmd, ['-t', String(secs), '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-g', '50', '-c:a', 'aac', '-b:a', '64k', '-ar', '44100', '-ac', '2', '-f', 'mpegts', '-y']).output(tmp);
      await runFfmpeg(cmd, { label: 'making the LiveLoop slate' });
      renameSync(tmp, path);
      return path;
    })().finally(() => pending.delete(path));
    pending.set(path, p);
  }
  return p;
}
