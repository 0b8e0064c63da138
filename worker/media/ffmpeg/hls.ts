import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseVtt, toVtt, type Cue } from '../../providers/asr/vtt.js';
import { probeMedia } from './probe.js';
import { formatAttributes, parsePlaylist, type PlaylistSegment } from './playlist.js';
import { ffmpegCommand, outputArgs, runFfmpeg } from './run.js';

export interface HlsRendition {
  height: number;
  videoBitrateK: number;
  audioBitrateK?: number;
}

export const DEFAULT_RENDITIONS: HlsRendition[] = [
  { height: 720, videoBitrateK: 2800 },
  { height: 360, videoBitrateK: 800 },
];

export interface HlsOptions {
  input: string;
  outDir: string;
  renditions?: HlsRendition[];
  segmentSec?: number;
  /** Captions to offer as a WebVTT subtitles rendition in the master playlist. */
  captions?: { cues: Cue[]; language?: string; name?: string } | null;
  durationSec?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export interface HlsVariant {
  playlist: string;
  width: number;
  height: number;
  bandwidth: number;
  averageBandwidth: number;
  segments: PlaylistSegment[];
}

export interface HlsPackage {
  dir: string;
  master: string;
  variants: HlsVariant[];
  subtitles: { playlist: string; vtt: string } | null;
  /** Sum of the first variant's EXTINF durations. */
  durationSec: number;
  /** Every file of the package, master last. */
  files: string[];
}

/**
 * VOD HLS: one ffmpeg run decodes the input once and writes one H.264/AAC MPEG-TS rendition per
 * output (the bundled 2018 build crashes writing a multi-variant master via -var_stream_map, so
 * each output writes its own one-line master and we merge them). BANDWIDTH is raised to the
 * measured peak segment bitrate, as RFC 8216 requires.
 */
export async function packageHls(ffmpegPath: string, o: HlsOptions): Promise<HlsPackage> {
  const seg = o.segmentSec ?? 4;
  const info = await probeMedia(ffmpegPath, o.input, o.signal);
  const srcHeight = info.video?.height ?? 720;
  let renditions = (o.renditions ?? DEFAULT_RENDITIONS).filter((r) => r.height <= srcHeight);
  if (renditions.length === 0) renditions = [{ ...(o.renditions ?? DEFAULT_RENDITIONS).at(-1)!, height: srcHeight }];
  mkdirSync(o.outDir, { recursive: true });
  const cmd = ffmpegCommand(ffmpegPath).input(o.input);
  const n = renditions.length;
  cmd.complexFilter(
    n === 1
      ? `[0:v]scale=-2:${renditions[0]!.height - (renditions[0]!.height % 2)}[v0]`
      : `[0:v]split=${n}${renditions.map((_, i) => `[s${i}]`).join('')};${renditions.map((r, i) => `[s${i}]scale=-2:${r.height - (r.height % 2)}[v${i}]`).join(';')}`,
  );
  for (const [i, r] of renditions.entries()) {
    const args = [
      '-map', `[v${i}]`, ...(info.audio ? ['-map', '0:a:0', '-c:a', 'aac', '-b:a', `${r.audioBitrateK ?? 128}k`, '-ar', '44100'] : []),
      '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-profile:v', 'high',
      '-b:v', `${r.videoBitrateK}k`, '-maxrate', `${Math.round(r.videoBitrateK * 1.07)}k`, '-bufsize', `${Math.round(r.videoBitrateK * 1.5)}k`,
      // A keyframe on every segment boundary, so segments are independently decodable.
      '-force_key_frames', `expr:gte(t,n_forced*${seg})`, '-sc_threshold', '0',
      '-f', 'hls', '-hls_time', String(seg), '-hls_playlist_type', 'vod', '-hls_flags', 'independent_segments',
      '-hls_segment_filename', join(o.outDir, `seg${i}_%03d.ts`), '-master_pl_name', `master${i}.m3u8`, '-y',
    ];
    if (i === 0) outputArgs(cmd, args).output(join(o.outDir, `index${i}.m3u8`));
    else outputArgs(cmd.output(join(o.outDir, `index${i}.m3u8`)), args);
  }
  await runFfmpeg(cmd, { label: `packaging HLS (${n} rendition${n > 1 ? 's' : ''})`, durationSec: o.durationSec ?? info.durationSec, signal: o.signal, onProgress: o.onProgress });

  const files: string[] = [];
  const variants: (HlsVariant & { codecs: string | undefined })[] = renditions.map((_, i) => {
    const playlist = join(o.outDir, `index${i}.m3u8`);
    const own = parsePlaylist(readFileSync(join(o.outDir, `master${i}.m3u8`), 'utf8')).variants[0];
    rmSync(join(o.outDir, `master${i}.m3u8`), { force: true });
    const segments = parsePlaylist(readFileSync(playlist, 'utf8')).segments;
    let peak = 0;
    let bytes = 0;
    let secs = 0;
    for (const s of segments) {
      const b = statSync(join(o.outDir, s.uri)).size;
      files.push(join(o.outDir, s.uri));
      bytes += b;
      secs += s.durationSec;
      if (s.durationSec > 0) peak = Math.max(peak, (b * 8) / s.durationSec);
    }
    files.push(playlist);
    const [w, h] = (own?.attrs.RESOLUTION ?? '0x0').split('x').map(Number) as [number, number];
    return {
      playlist,
      width: w,
      height: h,
      bandwidth: Math.ceil(Math.max(peak, Number(own?.attrs.BANDWIDTH ?? 0))),
      averageBandwidth: Math.ceil(secs > 0 ? (bytes * 8) / secs : 0),
      segments,
      codecs: own?.attrs.CODECS,
    };
  });
  const durationSec = variants[0]!.segments.reduce((a, s) => a + s.durationSec, 0);

  let subtitles: HlsPackage['subtitles'] = null;
  if (o.captions && o.captions.cues.length > 0) {
    subtitles = await writeSubtitleRendition(ffmpegPath, o.outDir, o.captions.cues, durationSec, variants[0]!, o.signal);
    files.push(subtitles.vtt, subtitles.playlist);
  }
  const lines = ['#EXTM3U', '#EXT-X-VERSION:6', '#EXT-X-INDEPENDENT-SEGMENTS'];
  if (subtitles) {
    lines.push(`#EXT-X-MEDIA:${formatAttributes({ TYPE: 'SUBTITLES', 'GROUP-ID': 'subs', NAME: o.captions?.name ?? 'Captions', LANGUAGE: o.captions?.language ?? 'en', DEFAULT: 'YES', AUTOSELECT: 'YES', URI: 'captions.m3u8' })}`);
  }
  for (const [i, v] of variants.entries()) {
    const attrs: Record<string, string | number> = { BANDWIDTH: v.bandwidth, 'AVERAGE-BANDWIDTH': v.averageBandwidth, RESOLUTION: `${v.width}x${v.height}` };
    if (v.codecs) attrs.CODECS = v.codecs;
    if (subtitles) attrs.SUBTITLES = 'subs';
    lines.push(`#EXT-X-STREAM-INF:${formatAttributes(attrs)}`, `index${i}.m3u8`);
  }
  const master = join(o.outDir, 'master.m3u8');
  writeFileSync(master, `${lines.join('\n')}\n`);
  files.push(master);
  return { dir: o.outDir, master, variants: variants.map(({ codecs: _codecs, ...v }) => v), subtitles, durationSec, files };
}

/**
 * One-segment WebVTT subtitles playlist. X-TIMESTAMP-MAP ties cue time 0 to the MPEG-TS
 * timestamp the first video segment really starts at (ffmpeg offsets TS output by ~1.4 s).
 */
async function writeSubtitleRendition(ffmpegPath: string, dir: string, cues: Cue[], durationSec: number, first: HlsVariant, signal?: AbortSignal): Promise<{ playlist: string; vtt: string }> {
  const firstSegment = first.segments[0] ? await probeMedia(ffmpegPath, join(dir, first.segments[0].uri), signal) : null;
  const mpegts = Math.round((firstSegment?.startSec ?? 0) * 90_000);
  const body = toVtt(cues).replace(/^WEBVTT\n/, `WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:${mpegts},LOCAL:00:00:00.000\n`);
  parseVtt(body); // our own output must read back
  const vtt = join(dir, 'captions.vtt');
  writeFileSync(vtt, body);
  const playlist = join(dir, 'captions.m3u8');
  writeFileSync(
    playlist,
    ['#EXTM3U', '#EXT-X-VERSION:3', `#EXT-X-TARGETDURATION:${Math.max(1, Math.ceil(durationSec))}`, '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD', `#EXTINF:${durationSec.toFixed(3)},`, 'captions.vtt', '#EXT-X-ENDLIST', ''].join('\n'),
  );
  return { playlist, vtt };
}
