import { ffmpegCommand, outputArgs, runFfmpeg } from '../../media/ffmpeg/run.js';

export interface TimelinePart {
  path: string;
  atSec: number;
  /** Playback speed (atempo, 0.5–2): a dub line longer than its scene is sped up to fit. */
  tempo: number;
}

/** atempo's range in every ffmpeg build. */
export const MAX_TEMPO = 2;

/**
 * Speech files placed at their times on a silent track of `durationSec`, as one mono WAV. Each
 * input is delayed and padded to the full length, so amix's 1/n scaling is constant and undone.
 */
export async function placeOnTimeline(ffmpegPath: string, o: { parts: TimelinePart[]; durationSec: number; out: string; signal?: AbortSignal }): Promise<{ path: string }> {
  const d = o.durationSec.toFixed(3);
  const cmd = ffmpegCommand(ffmpegPath);
  const g: string[] = [];
  if (o.parts.length === 0) {
    cmd.input('anullsrc=r=44100:cl=mono').inputOptions('-f', 'lavfi');
    g.push(`[0:a]atrim=0:${d},asetpts=PTS-STARTPTS[aout]`);
  } else {
    for (const [i, p] of o.parts.entries()) {
      cmd.input(p.path);
      const tempo = Math.min(MAX_TEMPO, Math.max(0.5, p.tempo));
      const speed = Math.abs(tempo - 1) > 1e-3 ? `,atempo=${tempo.toFixed(4)}` : '';
      g.push(`[${i}:a]aresample=44100,aformat=sample_fmts=fltp:channel_layouts=mono${speed},adelay=${Math.round(p.atSec * 1000)},apad,atrim=0:${d},asetpts=PTS-STARTPTS[a${i}]`);
    }
    const n = o.parts.length;
    g.push(n === 1 ? '[a0]anull[aout]' : `${o.parts.map((_, i) => `[a${i}]`).join('')}amix=inputs=${n}:duration=first:dropout_transition=0,volume=${n}[aout]`);
  }
  cmd.complexFilter(g.join(';'));
  outputArgs(cmd, ['-map', '[aout]', '-c:a', 'pcm_s16le', '-f', 'wav', '-t', d, '-y']);
  cmd.output(o.out);
  await runFfmpeg(cmd, { label: `placing ${o.parts.length} speech parts on the timeline`, durationSec: o.durationSec, signal: o.signal });
  return { path: o.out };
}
