import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageHls, type HlsRendition } from '../../media/ffmpeg/hls.js';
import { parsePlaylist } from '../../media/ffmpeg/playlist.js';
import { probeMedia } from '../../media/ffmpeg/probe.js';
import { ffmpegCommand, outputArgs, runFfmpeg } from '../../media/ffmpeg/run.js';
import { parseVtt, toVtt, type Cue } from '../../providers/asr/vtt.js';
import { writeMaster, type MasterTrack, type MasterVariant } from './hls-master.js';

/** The MPEG-TS muxer starts its clock here (ffmpeg's default mux delay); see alignedAudioOffset. */
const TS_BASE_SEC = 1.4;
export const AUDIO_BITRATE_K = 128;

/**
 * One language's audio as an audio-only HLS rendition. Video and audio are muxed by separate
 * ffmpeg runs, and x264's B-frame delay starts the video's presentation clock a frame or two past
 * the muxer's base; shifting the audio by the same amount keeps them in sync in the player.
 */
export async function packageAudioRendition(
  ffmpegPath: string,
  o: { input: string; outDir: string; name: string; segmentSec: number; videoStartSec: number; durationSec: number; signal?: AbortSignal; onProgress?: (f: number) => void },
): Promise<{ playlist: string; files: string[]; peakBandwidth: number; averageBandwidth: number }> {
  mkdirSync(o.outDir, { recursive: true });
  const playlist = join(o.outDir, `${o.name}.m3u8`);
  const cmd = ffmpegCommand(ffmpegPath).input(o.input);
  outputArgs(cmd, [
    '-map', '0:a:0', '-vn', '-c:a', 'aac', '-b:a', `${AUDIO_BITRATE_K}k`, '-ar', '44100', '-ac', '2',
    '-output_ts_offset', Math.max(0, o.videoStartSec - TS_BASE_SEC).toFixed(6),
    '-f', 'hls', '-hls_time', String(o.segmentSec), '-hls_playlist_type', 'vod',
    '-hls_segment_filename', join(o.outDir, `${o.name}_%03d.ts`), '-y',
  ]);
  cmd.output(playlist);
  await runFfmpeg(cmd, { label: `packaging the ${o.name} audio rendition`, durationSec: o.durationSec, signal: o.signal, onProgress: o.onProgress });
  const segments = parsePlaylist(readFileSync(playlist, 'utf8')).segments;
  let peak = 0;
  let bytes = 0;
  let secs = 0;
  const files: string[] = [];
  for (const s of segments) {
    const b = statSync(join(o.outDir, s.uri)).size;
    files.push(join(o.outDir, s.uri));
    bytes += b;
    secs += s.durationSec;
    if (s.durationSec > 0) peak = Math.max(peak, (b * 8) / s.durationSec);
  }
  files.push(playlist);
  return { playlist, files, peakBandwidth: Math.ceil(peak), averageBandwidth: Math.ceil(secs > 0 ? (bytes * 8) / secs : 0) };
}

/** WebVTT for an HLS subtitles rendition: cue time 0 is tied to the video's first timestamp. */
export function writeSubtitleTrack(dir: string, name: string, cues: Cue[], videoStartSec: number, durationSec: number): { vtt: string; playlist: string } {
  const mpegts = Math.round(videoStartSec * 90_000);
  const body = toVtt(cues).replace(/^WEBVTT\n/, `WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:${mpegts},LOCAL:00:00:00.000\n`);
  parseVtt(body); // our own output must read back
  const vtt = join(dir, `${name}.vtt`);
  writeFileSync(vtt, body);
  const playlist = join(dir, `${name}.m3u8`);
  writeFileSync(
    playlist,
    ['#EXTM3U', '#EXT-X-VERSION:3', `#EXT-X-TARGETDURATION:${Math.max(1, Math.ceil(durationSec))}`, '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD', `#EXTINF:${durationSec.toFixed(3)},`, `${name}.vtt`, '#EXT-X-ENDLIST', ''].join('\n'),
  );
  return { vtt, playlist };
}

export interface VideoHlsPackage {
  dir: string;
  master: string;
  /** Every file but the master. */
  files: string[];
  variants: { width: number; height: number; bandwidth: number; segments: number }[];
  audioTracks: MasterTrack[];
  subtitleTracks: MasterTrack[];
  durationSec: number;
  videoStartSec: number;
}

/**
 * The final pass's HLS: video-only renditions (the shared packager, given the picture alone),
 * the language's audio as its own rendition, its captions as a subtitles rendition, and our own
 * master with the "aud" and "subs" groups, so a dub later only adds lines.
 */
export async function packageVideoHls(
  ffmpegPath: string,
  o: {
    input: string;
    outDir: string;
    renditions?: HlsRendition[] | undefined;
    segmentSec: number;
    language: string;
    languageName: string;
    cues: Cue[];
    durationSec: number;
    /** bedPlanTag of the music bed under the voice, recorded for dubs. */
    musicBed: string | null;
    signal?: AbortSignal;
    onProgress?: (f: number) => void;
  },
): Promise<VideoHlsPackage> {
  mkdirSync(o.outDir, { recursive: true });
  const scratch = join(o.outDir, '..', 'hls-picture.mp4');
  const copy = ffmpegCommand(ffmpegPath).input(o.input);
  outputArgs(copy, ['-map', '0:v:0', '-c:v', 'copy', '-an', '-y']);
  copy.output(scratch);
  await runFfmpeg(copy, { label: 'separating the picture for HLS', signal: o.signal });
  const pkg = await packageHls(ffmpegPath, {
    input: scratch,
    outDir: o.outDir,
    ...(o.renditions ? { renditions: o.renditions } : {}),
    segmentSec: o.segmentSec,
    captions: null,
    durationSec: o.durationSec,
    ...(o.signal ? { signal: o.signal } : {}),
    onProgress: (f) => o.onProgress?.(f * 0.75),
  });
  rmSync(scratch, { force: true });
  const codecs = parsePlaylist(readFileSync(pkg.master, 'utf8')).variants.map((v) => v.attrs.CODECS);
  const first = pkg.variants[0]!.segments[0];
  const videoStartSec = first ? ((await probeMedia(ffmpegPath, join(o.outDir, first.uri), o.signal)).startSec ?? TS_BASE_SEC) : TS_BASE_SEC;

  const audioName = `audio_${o.language}`;
  const audio = await packageAudioRendition(ffmpegPath, {
    input: o.input,
    outDir: o.outDir,
    name: audioName,
    segmentSec: o.segmentSec,
    videoStartSec,
    durationSec: o.durationSec,
    ...(o.signal ? { signal: o.signal } : {}),
    onProgress: (f) => o.onProgress?.(0.75 + f * 0.2),
  });
  const files = pkg.files.filter((f) => f !== pkg.master).concat(audio.files);
  const audioTracks: MasterTrack[] = [{ language: o.language, name: o.languageName, default: true, uri: `${audioName}.m3u8` }];
  const subtitleTracks: MasterTrack[] = [];
  if (o.cues.length) {
    const sub = writeSubtitleTrack(o.outDir, `captions_${o.language}`, o.cues, videoStartSec, pkg.durationSec);
    files.push(sub.vtt, sub.playlist);
    subtitleTracks.push({ language: o.language, name: o.languageName, default: false, uri: `captions_${o.language}.m3u8` });
  }
  const variants: MasterVariant[] = pkg.variants.map((v, i) => ({
    uri: `index${i}.m3u8`,
    bandwidth: v.bandwidth + audio.peakBandwidth,
    averageBandwidth: v.averageBandwidth + audio.averageBandwidth,
    width: v.width,
    height: v.height,
    codecs: [codecs[i] ?? 'avc1.64001f', 'mp4a.40.2'].join(','),
  }));
  writeFileSync(pkg.master, writeMaster({ variants, audio: audioTracks, subtitles: subtitleTracks, videoStartSec, musicBed: o.musicBed }));
  o.onProgress?.(1);
  return {
    dir: o.outDir,
    master: pkg.master,
    files,
    variants: pkg.variants.map((v) => ({ width: v.width, height: v.height, bandwidth: v.bandwidth + audio.peakBandwidth, segments: v.segments.length })),
    audioTracks,
    subtitleTracks,
    durationSec: pkg.durationSec,
    videoStartSec,
  };
}
