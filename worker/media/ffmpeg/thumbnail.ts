import { ffmpegCommand, inputArgs, outputArgs, runFfmpeg } from './run.js';

/** One frame (default: a third in, past fades and titles) as a JPEG/PNG poster, `width` wide. */
export async function thumbnail(
  ffmpegPath: string,
  o: { video: string; out: string; atSec?: number; durationSec?: number; width?: number; signal?: AbortSignal },
): Promise<{ path: string; atSec: number }> {
  const at = o.atSec ?? (o.durationSec ? o.durationSec / 3 : 0);
  const cmd = ffmpegCommand(ffmpegPath).input(o.video);
  inputArgs(cmd, ['-ss', at.toFixed(3)]); // input seeking: fast, lands on the nearest frame
  outputArgs(cmd, ['-frames:v', '1', '-vf', `scale=${o.width ?? 640}:-2`, ...(o.out.endsWith('.jpg') ? ['-q:v', '3'] : []), '-y']);
  cmd.output(o.out);
  await runFfmpeg(cmd, { label: 'grabbing a thumbnail', signal: o.signal, timeoutMs: 60_000 });
  return { path: o.out, atSec: at };
}
