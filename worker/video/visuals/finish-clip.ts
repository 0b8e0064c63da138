/**
 * The last step of every scene clip: pieces joined, fitted to the requested size and rate, cut
 * to the exact duration and, for the first scene, the title card laid over the picture. The
 * title is drawn with sharp from SVG (the bundled ffmpeg's drawtext needs a font file and is
 * missing from some builds) and faded in and out with ffmpeg's alpha fade + overlay.
 */
import sharp from 'sharp';
import { fitFilter, videoCodecArgs } from '../../media/ffmpeg/encode-args.js';
import { ffmpegCommand, inputArgs, outputArgs, runFfmpeg } from '../../media/ffmpeg/run.js';

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Words on lines of at most `width` characters, at most `maxLines` lines (the last one ellipsised). */
export function wrapTitle(text: string, width: number, maxLines: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && `${line} ${w}`.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    lines.length = maxLines;
    lines[maxLines - 1] = `${lines[maxLines - 1]!.slice(0, Math.max(1, width - 1))}…`;
  }
  return lines;
}

/**
 * A transparent PNG the size of the video: the title in a serif face, centred on a soft dark
 * band so it reads over any scene, with a thin rule under it.
 */
export async function titleOverlayPng(path: string, width: number, height: number, title: string): Promise<void> {
  const px = Math.max(10, Math.round(Math.min(width / 16, height / 7)));
  const lines = wrapTitle(title, Math.max(8, Math.floor(width / (px * 0.55))), 2);
  const lineH = px * 1.2;
  const top = height / 2 - (lines.length * lineH) / 2 + px * 0.85;
  const band = lines.length * lineH + px * 1.6;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">`,
    '<defs><linearGradient id="b" x1="0" y1="0" x2="0" y2="1">',
    '<stop offset="0" stop-color="#000" stop-opacity="0"/><stop offset="0.25" stop-color="#000" stop-opacity="0.55"/>',
    '<stop offset="0.75" stop-color="#000" stop-opacity="0.55"/><stop offset="1" stop-color="#000" stop-opacity="0"/>',
    '</linearGradient></defs>',
    `<rect x="0" y="${(height - band) / 2}" width="${width}" height="${band}" fill="url(#b)"/>`,
    ...lines.map(
      (l, i) =>
        `<text x="50%" y="${top + i * lineH}" font-family="DejaVu Serif, Liberation Serif, Georgia, serif" font-size="${px}" font-weight="bold" fill="#f6efe0" text-anchor="middle">${escapeXml(l)}</text>`,
    ),
    `<rect x="${width / 2 - px * 1.5}" y="${top + (lines.length - 1) * lineH + px * 0.45}" width="${px * 3}" height="${Math.max(1, px / 12)}" fill="#f6efe0" opacity="0.8"/>`,
    '</svg>',
  ].join('');
  await sharp(Buffer.from(svg)).png().toFile(path);
}

/** When the title shows: fades in from 0.2 s, holds, and is gone by 80 % of the scene. */
export function titleTiming(durationSec: number): { inAt: number; inSec: number; outAt: number; outSec: number } {
  const inAt = Math.min(0.2, durationSec / 10);
  const inSec = Math.min(0.6, durationSec / 6);
  const outSec = Math.min(0.8, durationSec / 5);
  const outAt = Math.max(inAt + inSec, Math.min(0.8 * durationSec - outSec, Math.max(2.5, durationSec * 0.6)));
  return { inAt, inSec, outAt, outSec };
}

export interface FinishOptions {
  /** Pieces in order (all H.264/MP4 of any size or rate). */
  inputs: string[];
  /** Transparent PNG overlaid with fades (scene 0's title card). */
  overlayPng?: string | null;
  width: number;
  height: number;
  fps: number;
  durationSec: number;
  out: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/**
 * Inputs → one silent H.264 clip of exactly round(durationSec × fps) frames. A piece shorter
 * than the scene holds its last frame (a ComfyUI clip is seconds long; the scene may be longer).
 */
export async function finishClip(ffmpegPath: string, o: FinishOptions): Promise<{ path: string; frames: number; durationSec: number }> {
  const frames = Math.max(1, Math.round(o.durationSec * o.fps));
  const D = frames / o.fps;
  const cmd = ffmpegCommand(ffmpegPath);
  const g: string[] = [];
  for (const [i, input] of o.inputs.entries()) {
    cmd.input(input);
    g.push(`[${i}:v]fps=${o.fps},${fitFilter(o.width, o.height)},format=yuv420p,setpts=PTS-STARTPTS[p${i}]`);
  }
  const joined = o.inputs.length === 1 ? '[p0]null[cat]' : `${o.inputs.map((_, i) => `[p${i}]`).join('')}concat=n=${o.inputs.length}:v=1:a=0[cat]`;
  g.push(joined);
  g.push(`[cat]tpad=stop_mode=clone:stop_duration=${D.toFixed(3)},trim=end_frame=${frames},setpts=PTS-STARTPTS[base]`);
  if (o.overlayPng) {
    const n = o.inputs.length;
    cmd.input(o.overlayPng);
    inputArgs(cmd, ['-loop', '1', '-framerate', String(o.fps), '-t', D.toFixed(3)]);
    const t = titleTiming(D);
    g.push(`[${n}:v]format=rgba,fade=t=in:st=${t.inAt.toFixed(3)}:d=${t.inSec.toFixed(3)}:alpha=1,fade=t=out:st=${t.outAt.toFixed(3)}:d=${t.outSec.toFixed(3)}:alpha=1[card]`);
    g.push('[base][card]overlay=0:0:eof_action=pass:format=auto,format=yuv420p[vout]');
  } else {
    g.push('[base]null[vout]');
  }
  cmd.complexFilter(g.join(';'));
  outputArgs(cmd, ['-map', '[vout]', '-an', '-r', String(o.fps), '-frames:v', String(frames), ...videoCodecArgs({ container: 'mp4' }), '-y']);
  cmd.output(o.out);
  await runFfmpeg(cmd, { label: `finishing a ${D.toFixed(2)} s scene clip`, frames, ...(o.signal ? { signal: o.signal } : {}), ...(o.onProgress ? { onProgress: o.onProgress } : {}) });
  return { path: o.out, frames, durationSec: D };
}
