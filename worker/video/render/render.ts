import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { VIDEO_PASS_SIZE, type VideoJobStage, type VideoRenderInput, type VideoRenderOutput, type VideoRenderScene } from '../../../shared/jobs/video-render.js';
import type { WorkerProviderConfig } from '../../../shared/schemas/providers.js';
import type { VideoScene } from '../../../shared/video/script.js';
import { clipOffsets } from '../../media/ffmpeg/concat.js';
import { ffmpegCapabilities, resolveFfmpegPath } from '../../media/ffmpeg/locate.js';
import { probeMedia } from '../../media/ffmpeg/probe.js';
import { writeCaptionFiles } from '../../media/ffmpeg/subtitles.js';
import { fileRef } from '../../media/file-ref.js';
import { CancelledError } from '../../task-context.js';
import { makeCaptions, wantsWhisper } from './captions.js';
import { packageVideoHls } from './hls-package.js';
import { languageName } from './hls-master.js';
import { joinAndMix } from './join-mix.js';
import { bedPlanTag, MUSIC_MODEL, planMusicBed, synthesizeMusicBed } from './music-bed.js';
import { buildPiece, pieceDuration, SPEECH_LEAD_SEC, type Piece, type RenderVisual } from './scene-piece.js';
import { posterAndThumbnail } from './stills.js';
import { speakScene, voiceFor, type SceneSpeech } from './speech.js';
import { atStage, VideoStageError } from './stage.js';

export interface VideoRenderEnv {
  config: WorkerProviderConfig;
  dataDir: string;
  workDir: string;
  signal: AbortSignal;
  progress(fraction: number, message?: string): void;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
  /** V2b's renderSceneVisual (worker/video/visuals); injectable so assembly can be tested alone. */
  renderVisual: RenderVisual;
  ffmpegPath?: string | null;
}

/** A short chapter title from the scene description: its first clause, at most 60 characters. */
export function chapterTitle(scene: Pick<VideoScene, 'description'>, index: number): string {
  const first = scene.description.split(/(?<=[.!?;:])\s|\s[—–-]\s/)[0]!.trim().replace(/[.;:]$/, '');
  const short = first.length > 60 ? `${first.slice(0, 57).replace(/\s+\S*$/, '')}…` : first;
  return short || `Scene ${index + 1}`;
}

const even = (n: number) => n - (n % 2);

/**
 * video.render: per scene speech (narration + speech cache) and picture (renderSceneVisual),
 * laid together as cached pieces; the pieces joined with crossfades; the voice normalised with an
 * optional synthesized bed ducked under it; captions, poster, thumbnail, chapters; for the final
 * pass also HLS with audio and subtitles groups. Every output is written in the job's workDir
 * and reported only when the whole render succeeded and the MP4 probes as H.264 + AAC.
 */
export async function renderVideo(input: VideoRenderInput, env: VideoRenderEnv): Promise<VideoRenderOutput> {
  const stage: VideoJobStage = input.pass === 'preview' ? 'rendering_preview' : 'rendering_final';
  const composing: VideoJobStage = input.pass === 'final' ? 'composing' : stage;
  const ff = await atStage(stage, 'ffmpeg', 'locating ffmpeg', env.signal, async () => env.ffmpegPath ?? resolveFfmpegPath(env.config));
  const caps = await atStage(stage, 'ffmpeg', 'reading what this ffmpeg can do', env.signal, () => ffmpegCapabilities(ff, env.signal));
  const ffModel = `ffmpeg ${caps.version ?? 'unknown'}`;
  const width = even(input.width ?? VIDEO_PASS_SIZE[input.pass].width);
  const height = even(input.height ?? VIDEO_PASS_SIZE[input.pass].height);
  const fps = input.fps;
  const scenes = input.script.scenes;
  const n = scenes.length;
  const warnings: string[] = [];
  const check = () => {
    if (env.signal.aborted) throw new CancelledError();
  };
  // The crossfade never eats more than half of the shortest scene.
  const T = n > 1 ? Math.max(0, Math.min(input.transitionSec, Math.min(...scenes.map((s) => s.durationSec)) / 2 - 0.01)) : 0;
  const ttsChoice = input.providers.tts;
  const ttsLabel = ttsChoice === 'auto' ? 'tts' : ttsChoice;

  // 1. Speech, scene by scene (cached per sentence).
  const speeches: (SceneSpeech | null)[] = [];
  for (const [i, scene] of scenes.entries()) {
    check();
    env.progress((0.15 * i) / n, `${stage}: speaking scene ${scene.id} (${i + 1}/${n})`);
    const speech = await atStage(stage, ttsLabel, `speaking scene ${scene.id}`, env.signal, () =>
      speakScene(scene.dialog, { voice: voiceFor(input.language, input.voice, ttsChoice, env.config), choice: ttsChoice, outDir: join(env.workDir, 'speech', String(i)) }, { config: env.config, dataDir: env.dataDir, ffmpegPath: ff, signal: env.signal, log: (m) => env.log('info', m) }),
    );
    speeches.push(speech);
  }

  // 2. One piece per scene: picture + voice, from the cache when its inputs were rendered before.
  const pieces: Piece[] = [];
  for (const [i, scene] of scenes.entries()) {
    check();
    const speech = speeches[i] ?? null;
    const durationSec = pieceDuration(scene, speech?.durationSec ?? 0, T, i === n - 1, fps);
    const from = 0.15 + (0.5 * i) / n;
    env.progress(from, `${stage}: scene ${scene.id} picture and voice (${i + 1}/${n})`);
    const visualLabel = input.providers.visuals === 'comfyui' ? 'comfyui' : 'procedural';
    const piece = await atStage(stage, visualLabel, `rendering scene ${scene.id}`, env.signal, () =>
      buildPiece(
        { scene, index: i, title: input.script.title, style: input.style, width, height, fps, visuals: input.providers.visuals, renderScale: input.pass === 'preview' ? input.previewScale : 1, speech, durationSec },
        {
          config: env.config,
          dataDir: env.dataDir,
          workDir: env.workDir,
          signal: env.signal,
          ffmpegPath: ff,
          renderVisual: env.renderVisual,
          progress: (f, m) => env.progress(from + (0.5 / n) * Math.min(1, Math.max(0, f)), `${stage}: scene ${scene.id}${m ? ` — ${m}` : ''}`),
          log: env.log,
        },
      ),
    );
    env.log('info', `Scene ${scene.id}: ${piece.cacheHit ? 'cached piece reused' : 'rendered'} (${piece.meta.visualProvider}, ${piece.meta.visualModel}; ${durationSec.toFixed(2)} s)`);
    pieces.push(piece);
  }
  // One warning per distinct fallback reason ("auto" with no ComfyUI says so once, naming the scenes).
  const fallbacks = new Map<string, string[]>();
  pieces.forEach((p, i) => p.meta.visualFallback && fallbacks.set(p.meta.visualFallback, [...(fallbacks.get(p.meta.visualFallback) ?? []), scenes[i]!.id]));
  for (const [why, ids] of fallbacks) warnings.push(`Scene${ids.length > 1 ? 's' : ''} ${ids.join(', ')} drawn by the embedded shader composer: ${why}`);
  check();

  // 3. The pieces' measured lengths place the scenes: clip i starts at sum(d[0..i-1]) − i·T.
  // One at a time: forty parallel probes would each hang an abort listener on the job's signal.
  const lengths: number[] = [];
  for (const p of pieces) {
    const info = await atStage(composing, 'ffmpeg', 'measuring the scene pieces', env.signal, () => probeMedia(ff, p.path, env.signal));
    lengths.push(info.durationSec ?? p.meta.durationSec);
  }
  const { offsets, totalSec } = clipOffsets(lengths, T);

  // 4. Music bed (synthesized here), then one ffmpeg run: crossfaded pictures and voices, the bed ducked under the voice.
  let bed: string | null = null;
  let musicBed: VideoRenderOutput['musicBed'] = null;
  let bedTag: string | null = null;
  if (input.music) {
    const words = `${input.style} ${scenes.map((s) => s.description).join(' ')}`;
    const plan = planMusicBed(`${input.videoId}\u0000${input.style}`, words, totalSec);
    bed = synthesizeMusicBed(plan, totalSec, join(env.workDir, 'music-bed.wav')).path;
    musicBed = { provider: 'embedded synth', model: MUSIC_MODEL, note: plan.note };
    bedTag = bedPlanTag(plan);
  }
  const spoken = speeches.some(Boolean);
  const whisper = spoken && wantsWhisper(input.providers.captions, env.config).whisper;
  const voiceWav = whisper ? join(env.workDir, 'voice.wav') : null;
  // Written under a scratch name and renamed when ffmpeg finished: a cancelled or failed run leaves no preview.mp4/video.mp4.
  const out = join(env.workDir, input.pass === 'preview' ? 'preview.mp4' : 'video.mp4');
  const partial = join(env.workDir, 'joining.partial.mp4');
  const joining = `${composing}: joining ${n} scene${n > 1 ? 's' : ''}${T > 0 ? ` with ${caps.xfade ? 'xfade' : 'overlay'} crossfades` : ''}, mixing the voice${bed ? ' over the music bed' : ''}`;
  env.progress(0.65, joining);
  await atStage(composing, 'ffmpeg', 'joining the scenes and mixing the sound', env.signal, () =>
    joinAndMix(ff, {
      pieces: pieces.map((p) => p.path),
      lengths,
      transitionSec: T,
      width,
      height,
      fps,
      crf: input.pass === 'preview' ? 32 : 20,
      bed,
      out: partial,
      voiceOut: voiceWav,
      signal: env.signal,
      onProgress: (f) => env.progress(0.65 + 0.17 * f, `${composing}: joining the scenes`),
    }),
  );
  renameSync(partial, out);

  // 5. Captions: Whisper or the script's own timing, on the joined timeline.
  const timed = scenes.map((_, i) => ({ speech: speeches[i] ?? null, speechStartSec: offsets[i]! + SPEECH_LEAD_SEC }));
  let captions: VideoRenderOutput['captions'] = null;
  let cues: Awaited<ReturnType<typeof makeCaptions>>['cues'] = [];
  if (spoken) {
    env.progress(0.82, `${composing}: captions`);
    const c = await atStage(composing, input.providers.captions === 'whisper' ? 'whisper' : 'script-timing', 'making captions', env.signal, () =>
      makeCaptions({ choice: input.providers.captions, voiceAudio: voiceWav ?? out, language: input.language.slice(0, 2), scenes: timed }, { config: env.config, ffmpegPath: ff, signal: env.signal }),
    );
    if (c.warning) warnings.push(c.warning);
    cues = c.cues;
    if (cues.length) {
      const files = writeCaptionFiles(cues, join(env.workDir, `captions_${input.language}`));
      captions = { vtt: fileRef(files.vtt, c.source, c.model), srt: fileRef(files.srt, c.source, c.model), cues: cues.length, source: c.source, language: input.language };
    }
  }

  // 6. Final pass: HLS with the audio and subtitles groups.
  let hls: VideoRenderOutput['hls'] = null;
  if (input.pass === 'final') {
    const seg = input.hls?.segmentSec ?? 4;
    const pkg = await atStage(composing, 'ffmpeg', 'packaging HLS', env.signal, () =>
      packageVideoHls(ff, {
        input: out,
        outDir: join(env.workDir, 'hls'),
        renditions: input.hls?.renditions,
        segmentSec: seg,
        language: input.language,
        languageName: languageName(input.language),
        cues,
        durationSec: totalSec,
        musicBed: bedTag,
        signal: env.signal,
        onProgress: (f) => env.progress(0.85 + 0.1 * f, `${composing}: packaging HLS`),
      }),
    );
    const ref = (f: string) => (/captions_[^/]*\.(vtt|m3u8)$/.test(f) && captions ? fileRef(f, captions.source, captions.vtt.model) : fileRef(f, 'ffmpeg', `${ffModel} libx264`));
    hls = {
      master: fileRef(pkg.master, 'ffmpeg', ffModel),
      files: pkg.files.map((f) => ({ name: f.slice(pkg.dir.length + 1), ref: ref(f) })),
      variants: pkg.variants,
      segmentSec: seg,
      durationSec: pkg.durationSec,
      audioTracks: pkg.audioTracks,
      subtitleTracks: pkg.subtitleTracks,
    };
  }

  // 7. Poster (the middle of the first scene past the title card) and a grid thumbnail.
  const posterScene = n > 1 ? 1 : 0;
  const posterAt = offsets[posterScene]! + lengths[posterScene]! / 2;
  env.progress(0.96, `${composing}: poster`);
  const stills = await atStage(composing, 'ffmpeg', 'grabbing the poster', env.signal, () =>
    posterAndThumbnail(ff, { video: out, atSec: posterAt, width, poster: join(env.workDir, 'poster.jpg'), thumbnail: join(env.workDir, 'thumbnail.jpg'), signal: env.signal }),
  );

  // 8. Never report a file that does not play: the MP4 must probe as H.264 + AAC.
  const info = await atStage(composing, 'ffmpeg', 'checking the result', env.signal, () => probeMedia(ff, out, env.signal));
  if (info.video?.codec !== 'h264' || info.audio?.codec !== 'aac') {
    throw new VideoStageError(composing, 'ffmpeg', `the MP4 came out as ${info.video?.codec ?? 'no video'} + ${info.audio?.codec ?? 'no audio'}, not H.264 + AAC`);
  }

  const sceneRows: VideoRenderScene[] = scenes.map((scene, i) => {
    const speech = speeches[i] ?? null;
    const piece = pieces[i]!;
    return {
      sceneId: scene.id,
      startSec: round(offsets[i]!),
      durationSec: round(lengths[i]!),
      visualProvider: piece.meta.visualProvider,
      visualModel: piece.meta.visualModel,
      visualFallback: piece.meta.visualFallback,
      voiceProvider: speech ? speech.plan.provider : null,
      voiceModel: speech ? speech.plan.model : null,
      voice: speech ? speech.plan.voice : null,
      lines: speech?.lines ?? 0,
      speechSec: round(speech?.durationSec ?? 0),
      cacheHit: piece.cacheHit,
    };
  });
  env.progress(1, `${composing}: done (${sceneRows.filter((s) => s.cacheHit).length}/${n} scenes from the cache)`);
  return {
    videoId: input.videoId,
    pass: input.pass,
    mp4: fileRef(out, 'ffmpeg', `${ffModel} libx264`),
    hls,
    poster: fileRef(stills.poster, 'ffmpeg', ffModel),
    thumbnail: fileRef(stills.thumbnail, 'ffmpeg', ffModel),
    captions,
    chapters: scenes.map((s, i) => ({ sceneId: s.id, title: chapterTitle(s, i), startSec: round(offsets[i]!) })),
    durationSec: round(totalSec),
    width,
    height,
    fps,
    scenes: sceneRows,
    musicBed,
    warnings,
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
