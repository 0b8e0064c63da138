import { renameSync } from 'node:fs';
import { join } from 'node:path';
import type { MediaComposeInput, MediaComposeOutput } from '../../shared/jobs/media-compose.js';
import type { MediaFileRef } from '../../shared/schemas/media-file.js';
import type { ProviderId, WorkerProviderConfig } from '../../shared/schemas/providers.js';
import { transcribeWhisper } from '../providers/asr/whisper.js';
import type { Cue } from '../providers/asr/vtt.js';
import { ProviderError } from '../providers/types.js';
import { CancelledError } from '../task-context.js';
import { muxAudioVideo } from './ffmpeg/audio.js';
import { detectFrameSequence, framesToVideo } from './ffmpeg/frames-to-video.js';
import { packageHls } from './ffmpeg/hls.js';
import { ffmpegCapabilities, resolveFfmpegPath } from './ffmpeg/locate.js';
import { probeMedia } from './ffmpeg/probe.js';
import { imagesToVideo } from './ffmpeg/slideshow.js';
import { burnSubtitles, writeCaptionFiles } from './ffmpeg/subtitles.js';
import { thumbnail } from './ffmpeg/thumbnail.js';
import { transcode } from './ffmpeg/transcode.js';
import { fileRef } from './file-ref.js';
import { narrate, narrationCaptions, type Narration } from './narration.js';

export interface ComposeEnv {
  config: WorkerProviderConfig;
  dataDir: string;
  workDir: string;
  signal: AbortSignal;
  progress(fraction: number, message?: string): void;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
}

/** Seconds the visuals must last: the narration plus a short tail, or the images' own durations. */
function planSlides(images: { path?: string | undefined; durationSec?: number | undefined }[], narrationSec: number): { path: string; durationSec: number }[] {
  const explicit = images.reduce((a, i) => a + (i.durationSec ?? 0), 0);
  const missing = images.filter((i) => !i.durationSec).length;
  const target = narrationSec > 0 ? narrationSec + 0.6 : 0;
  const each = missing ? Math.max((target - explicit) / missing, narrationSec > 0 ? 1.5 : 3) : 0;
  const slides = images.map((i) => ({ path: i.path!, durationSec: i.durationSec ?? each }));
  const total = slides.reduce((a, s) => a + s.durationSec, 0);
  if (target > total) slides[slides.length - 1]!.durationSec += target - total;
  return slides;
}

/**
 * The composer behind media.compose (and the video studio): narration → visuals sized to it →
 * captions → mux (+ burn-in) → WebM / HLS / poster, every file in the job's workDir with its
 * provider and model recorded.
 */
export async function composeMedia(input: MediaComposeInput, env: ComposeEnv): Promise<MediaComposeOutput> {
  const ff = resolveFfmpegPath(env.config);
  const caps = await ffmpegCapabilities(ff, env.signal);
  const ffModel = `ffmpeg ${caps.version ?? 'unknown'}`;
  const step = (from: number, to: number, message: string) => (f: number) => env.progress(from + (to - from) * f, message);
  const check = () => {
    if (env.signal.aborted) throw new CancelledError();
  };

  let narration: Narration | null = null;
  if (input.narration) {
    const n = input.narration;
    narration = await narrate(
      { text: n.text, voice: n.voice, rate: n.rate, choice: n.provider, pauseSec: n.pauseSec },
      { config: env.config, dataDir: env.dataDir, outDir: env.workDir, ffmpegPath: () => ff, signal: env.signal, onProgress: (f, m) => env.progress(0.25 * f, m), log: (m) => env.log('info', m) },
    );
  }
  check();
  const narrationSec = narration?.durationSec ?? 0;

  // Visuals, at least as long as the narration.
  const silent = join(env.workDir, 'visuals.mp4');
  let width: number;
  let height: number;
  let fps: number;
  let durationSec: number;
  const onVisuals = step(0.25, 0.55, 'Rendering visuals');
  if (input.visuals.kind === 'frames') {
    const v = input.visuals;
    const seq = detectFrameSequence(v.dir);
    const first = await probeMedia(ff, join(v.dir, seq.first), env.signal);
    width = input.width ?? first.video?.width ?? 1280;
    height = input.height ?? first.video?.height ?? 720;
    width -= width % 2;
    height -= height % 2;
    fps = v.fps;
    const hold = Math.max(0, narrationSec + 0.6 - seq.count / v.fps);
    durationSec = (await framesToVideo(ff, { framesDir: v.dir, fps, out: silent, width, height, holdLastSec: narration ? hold : 0, signal: env.signal, onProgress: onVisuals })).durationSec;
  } else {
    const v = input.visuals;
    const unresolved = v.images.find((i) => !i.path);
    if (unresolved) throw new ProviderError('ffmpeg', `Image ${unresolved.mediaId} was passed by media id; the host resolves media ids to files before queueing (resolveComposeMedia in electron/host/media/media-hooks.ts).`, 'bad_response');
    width = input.width ?? 1280;
    height = input.height ?? 720;
    fps = input.fps;
    const slides = planSlides(v.images, narrationSec);
    durationSec = (await imagesToVideo(ff, { slides, out: silent, width, height, fps, transitionSec: v.transitionSec, signal: env.signal, onProgress: onVisuals })).durationSec;
  }
  check();

  // Captions.
  let cues: Cue[] = [];
  let captionSource: 'script-timing' | 'whisper' | null = null;
  let captionModel = '';
  if (input.captions !== 'none' && narration) {
    env.progress(0.55, input.captions === 'whisper' ? 'Transcribing the narration' : 'Timing captions');
    if (input.captions === 'whisper') {
      const t = await transcribeWhisper(narration.path, { config: env.config, ffmpegPath: ff, signal: env.signal });
      cues = t.cues;
      captionModel = t.model;
    } else {
      cues = narrationCaptions(narration);
      captionModel = 'script-timing 1';
    }
    captionSource = input.captions;
  } else if (input.captions !== 'none') env.log('info', 'No narration, so no captions');
  const captionFiles = cues.length ? writeCaptionFiles(cues, join(env.workDir, 'captions')) : null;

  // Narration into the video, then captions burned in if asked.
  let video = silent;
  if (narration) {
    video = join(env.workDir, 'with-audio.mp4');
    await muxAudioVideo(ff, { video: silent, audio: narration.path, out: video, durationSec, loudness: input.loudness, signal: env.signal, onProgress: step(0.6, 0.7, 'Mixing the narration') });
  }
  const burned = input.burnCaptions && cues.length > 0;
  if (burned) {
    const out = join(env.workDir, 'burned.mp4');
    await burnSubtitles(ff, { video, cues, out, durationSec, signal: env.signal, onProgress: step(0.7, 0.8, 'Burning in captions') });
    video = out;
  }
  check();

  const final = join(env.workDir, 'video.mp4');
  if (video !== final) renameSync(video, final);
  let webm: MediaFileRef | null = null;
  if (input.outputs.webm) {
    const out = join(env.workDir, 'video.webm');
    await transcode(ff, { input: final, out, signal: env.signal, onProgress: step(0.8, 0.85, 'Encoding WebM') });
    webm = fileRef(out, 'ffmpeg', `${ffModel} libvpx-vp9`);
  }
  let hls: MediaComposeOutput['hls'] = null;
  if (input.outputs.hls) {
    const seg = input.hls?.segmentSec ?? 4;
    const pkg = await packageHls(ff, {
      input: final,
      outDir: join(env.workDir, 'hls'),
      renditions: input.hls?.renditions,
      segmentSec: seg,
      captions: cues.length && !burned ? { cues } : null,
      durationSec,
      signal: env.signal,
      onProgress: step(0.85, 0.97, 'Packaging HLS'),
    });
    const capProvider: ProviderId = captionSource === 'whisper' ? 'whisper' : 'script-timing';
    hls = {
      master: fileRef(pkg.master, 'ffmpeg', `${ffModel} libx264`),
      files: pkg.files
        .filter((f) => f !== pkg.master)
        .map((f) => ({ name: f.slice(pkg.dir.length + 1), ref: /captions\.(vtt|m3u8)$/.test(f) ? fileRef(f, capProvider, captionModel) : fileRef(f, 'ffmpeg', `${ffModel} libx264`) })),
      variants: pkg.variants.map((v) => ({ width: v.width, height: v.height, bandwidth: v.bandwidth, segments: v.segments.length })),
      segmentSec: seg,
      durationSec: pkg.durationSec,
    };
  }
  const poster = input.thumbnail ? (await thumbnail(ff, { video: final, out: join(env.workDir, 'poster.jpg'), durationSec, width: Math.min(width, 1280), signal: env.signal })).path : null;
  env.progress(1, 'Done');
  return {
    durationSec,
    width,
    height,
    fps,
    mp4: input.outputs.mp4 || !(input.outputs.webm || input.outputs.hls) ? fileRef(final, 'ffmpeg', `${ffModel} libx264`) : null,
    webm,
    hls,
    thumbnail: poster ? fileRef(poster, 'ffmpeg', ffModel) : null,
    narration: narration
      ? {
          audio: fileRef(narration.path, narration.plan.provider, narration.plan.model),
          durationSec: narration.durationSec,
          provider: narration.plan.provider,
          model: narration.plan.model,
          voice: narration.plan.voice,
          sentences: narration.segments.length,
          cachedSentences: narration.segments.filter((s) => s.cached).length,
        }
      : null,
    captions:
      captionFiles && captionSource
        ? {
            source: captionSource,
            vtt: fileRef(captionFiles.vtt, captionSource, captionModel),
            srt: fileRef(captionFiles.srt, captionSource, captionModel),
            cues: cues.length,
            burned,
          }
        : null,
  };
}
