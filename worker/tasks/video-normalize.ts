import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { VideoNormalizeInput, VideoNormalizeOutput } from '../../shared/jobs/video-normalize.js';
import type { MediaFileRef } from '../../shared/schemas/media-file.js';
import { resolveFfmpegPath } from '../media/ffmpeg/locate.js';
import { parsePlaylist } from '../media/ffmpeg/playlist.js';
import { probeMedia } from '../media/ffmpeg/probe.js';
import { ffmpegCommand, inputArgs, outputArgs, runFfmpeg } from '../media/ffmpeg/run.js';
import type { TaskHandler } from '../task-context.js';

/**
 * video.normalize: one ffmpeg run from the video's final MP4 to MPEG-TS segments matching the
 * channel profile (H.264 high, yuv420p, AAC 44.1 kHz stereo, keyframe every segment).
 */
export const videoNormalizeTask: TaskHandler<VideoNormalizeInput, VideoNormalizeOutput> = async (input, ctx) => {
  const ff = resolveFfmpegPath(ctx.providers);
  ctx.progress(0.02, 'normalise: reading the video');
  const info = await probeMedia(ff, input.inputPath, ctx.signal);
  if (!info.video) throw new Error(`The video ${input.videoId} has no video stream to air`);
  const h = input.height - (input.height % 2);
  const seg = input.segmentSec;
  const cmd = ffmpegCommand(ff).input(input.inputPath);
  if (!info.audio) {
    cmd.input('anullsrc=r=44100:cl=stereo');
    inputArgs(cmd, ['-f', 'lavfi']);
  }
  outputArgs(cmd, [
    '-map', '0:v:0', '-map', info.audio ? '0:a:0' : '1:a:0',
    '-vf', `scale=-2:${h},setsar=1`,
    '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-crf', '21',
    '-force_key_frames', `expr:gte(t,n_forced*${seg})`, '-sc_threshold', '0',
    '-c:a', 'aac', '-b:a', '128k', '-ar', '44100', '-ac', '2',
    ...(info.audio ? [] : ['-shortest']),
    '-f', 'hls', '-hls_time', String(seg), '-hls_playlist_type', 'vod', '-hls_flags', 'independent_segments',
    '-hls_segment_filename', join(ctx.workDir, 'live_%04d.ts'), '-y',
  ]).output(join(ctx.workDir, 'live.m3u8'));
  await runFfmpeg(cmd, {
    label: `normalising for LiveLoop (${h}p H.264/AAC)`,
    durationSec: info.durationSec,
    signal: ctx.signal,
    onProgress: (f) => ctx.progress(0.05 + 0.9 * f, `normalise: encoding ${Math.round(f * 100)}%`),
  });
  const playlistPath = join(ctx.workDir, 'live.m3u8');
  const parsed = parsePlaylist(readFileSync(playlistPath, 'utf8'));
  if (parsed.segments.length === 0) throw new Error('ffmpeg wrote no segments');
  const ref = (path: string, mime: string): MediaFileRef => ({ path, mediaId: null, mime, bytes: statSync(path).size, provider: 'ffmpeg', model: 'libx264+aac' });
  const segments = parsed.segments.map((s) => ({ ref: ref(join(ctx.workDir, s.uri), 'video/mp2t'), durationSec: s.durationSec }));
  const first = await probeMedia(ff, segments[0]!.ref.path!, ctx.signal);
  ctx.progress(1, `normalise: ${segments.length} segments at ${first.video?.width ?? '?'}x${first.video?.height ?? h}`);
  return {
    channelId: input.channelId,
    itemKey: input.itemKey,
    videoId: input.videoId,
    playlist: ref(playlistPath, 'application/vnd.apple.mpegurl'),
    segments,
    width: first.video?.width ?? 0,
    height: first.video?.height ?? h,
    sourceHadAudio: !!info.audio,
    durationSec: segments.reduce((a, s) => a + s.durationSec, 0),
  };
};
