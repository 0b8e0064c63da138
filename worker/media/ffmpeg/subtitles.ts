import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ProviderError } from '../../providers/types.js';
import { toSrt, toVtt, type Cue } from '../../providers/asr/vtt.js';
import { ffmpegCapabilities } from './locate.js';
import { probeMedia } from './probe.js';
import { ffmpegCommand, outputArgs, runFfmpeg } from './run.js';

/** Sidecar captions: `<base>.vtt` for players (HTML <track>, HLS) and `<base>.srt` for editors. */
export function writeCaptionFiles(cues: Cue[], base: string): { vtt: string; srt: string } {
  const vtt = `${base}.vtt`;
  const srt = `${base}.srt`;
  writeFileSync(vtt, toVtt(cues));
  writeFileSync(srt, toSrt(cues));
  return { vtt, srt };
}

const FONT_FILES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/System/Library/Fonts/Supplemental/Arial.ttf',
  '/Library/Fonts/Arial.ttf',
  'C:\\Windows\\Fonts\\arial.ttf',
];

/** drawtext's expression quoting: the value sits in '…' inside the filtergraph. */
function drawtextFilters(cues: Cue[], dir: string, fontSize: number): string {
  const font = FONT_FILES.find((f) => existsSync(f));
  return cues
    .map((c, i) => {
      const file = `cue_${i}.txt`;
      writeFileSync(join(dir, file), c.text);
      return [
        `drawtext=textfile=${file}`,
        ...(font ? [`fontfile='${font.replace(/\\/g, '/').replace(/:/g, '\\:')}'`] : []),
        `fontsize=${fontSize}`, 'fontcolor=white', 'line_spacing=6', 'box=1', 'boxcolor=black@0.55', 'boxborderw=10',
        'x=(w-text_w)/2', `y=h-text_h-${Math.round(fontSize * 1.6)}`,
        `enable='between(t,${c.startSec.toFixed(3)},${c.endSec.toFixed(3)})'`,
      ].join(':');
    })
    .join(',');
}

export interface BurnOptions {
  video: string;
  cues: Cue[];
  out: string;
  durationSec?: number;
  /** Text height as a fraction of the picture height (default 0.055: ~40 px at 720p). */
  fontScale?: number;
  /** Force one renderer; default: libass when the build has it. */
  method?: 'libass' | 'drawtext';
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/**
 * Captions drawn into the picture: libass (`subtitles` filter) where the build has it, else one
 * `drawtext` per cue. ffmpeg runs in a scratch folder holding the caption files, so no path
 * needs filtergraph escaping.
 */
export async function burnSubtitles(ffmpegPath: string, o: BurnOptions): Promise<{ path: string; method: 'libass' | 'drawtext' }> {
  const caps = await ffmpegCapabilities(ffmpegPath, o.signal);
  if (!caps.libass && !caps.drawtext) {
    throw new ProviderError('ffmpeg', `This ffmpeg (${caps.path}) has neither libass (subtitles filter) nor drawtext, so captions cannot be burned in. Use sidecar captions, or set FFMPEG_PATH to a build with libass.`, 'not_configured');
  }
  const dir = mkdtempSync(join(tmpdir(), 'auteur-subs-'));
  try {
    const scale = o.fontScale ?? 0.055;
    const method = o.method ?? (caps.libass ? 'libass' : 'drawtext');
    if ((method === 'libass' && !caps.libass) || (method === 'drawtext' && !caps.drawtext)) {
      throw new ProviderError('ffmpeg', `This ffmpeg (${caps.path}) has no ${method === 'libass' ? 'libass (subtitles filter)' : 'drawtext'}.`, 'not_configured');
    }
    let vf: string;
    if (method === 'libass') {
      writeFileSync(join(dir, 'captions.srt'), toSrt(o.cues));
      // libass lays SRT out on a 288-line script scaled to the picture, so sizes are relative already.
      vf = `subtitles=captions.srt:force_style='FontName=DejaVu Sans,FontSize=${Math.round(288 * scale)},Outline=1,Shadow=0,MarginV=${Math.round(288 * scale * 0.6)}'`;
    } else {
      const height = (await probeMedia(ffmpegPath, o.video, o.signal)).video?.height ?? 720;
      vf = drawtextFilters(o.cues, dir, Math.max(10, Math.round(height * scale)));
    }
    const cmd = ffmpegCommand(ffmpegPath, { cwd: dir }).input(resolve(o.video));
    outputArgs(cmd, ['-vf', vf, '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p', '-c:a', 'copy', '-movflags', '+faststart', '-y']);
    cmd.output(resolve(o.out));
    await runFfmpeg(cmd, { label: 'burning in captions', durationSec: o.durationSec, signal: o.signal, onProgress: o.onProgress });
    return { path: o.out, method };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
