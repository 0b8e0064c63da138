import { ffmpegCommand, inputArgs, outputArgs, runFfmpeg } from '../../media/ffmpeg/run.js';

/** The poster (up to 1280 wide) and a 320 px grid thumbnail of one frame, in one ffmpeg run. */
export async function posterAndThumbnail(
  ffmpegPath: string,
  o: { video: string; atSec: number; width: number; poster: string; thumbnail: string; signal?: AbortSignal },
): Promise<{ poster: string; thumbnail: string }> {
  const cmd = ffmpegCommand(ffmpegPath).input(o.video);
  inputArgs(cmd, ['-ss', o.atSec.toFixed(3)]); // input seeking: fast, lands on the nearest frame
  cmd.complexFilter(`[0:v]split=2[a][b];[a]scale=${Math.min(o.width, 1280)}:-2[poster];[b]scale=320:-2[thumb]`);
  outputArgs(cmd, ['-map', '[poster]', '-frames:v', '1', '-q:v', '3', '-y']).output(o.poster);
  outputArgs(cmd.output(o.thumbnail), ['-map', '[thumb]', '-frames:v', '1', '-q:v', '4', '-y']);
  await runFfmpeg(cmd, { label: 'grabbing the poster and thumbnail', signal: o.signal, timeoutMs: 60_000 });
  return { poster: o.poster, thumbnail: o.thumbnail };
}
