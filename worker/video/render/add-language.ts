import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VideoAddLanguageInput, VideoAddLanguageOutput } from '../../../shared/jobs/video-add-language.js';
import type { WorkerProviderConfig } from '../../../shared/schemas/providers.js';
import { resolveFfmpegPath } from '../../media/ffmpeg/locate.js';
import { writeCaptionFiles } from '../../media/ffmpeg/subtitles.js';
import { fileRef } from '../../media/file-ref.js';
import { CancelledError } from '../../task-context.js';
import { scriptTimedCues, type TimedSceneSpeech } from './captions.js';
import { packageAudioRendition, writeSubtitleTrack } from './hls-package.js';
import { addLanguageToMaster, languageName, readMaster, type MasterTrack } from './hls-master.js';
import { mixAudioOnly } from './mix.js';
import { bedPlanFromTag, MUSIC_MODEL, synthesizeMusicBed } from './music-bed.js';
import { SPEECH_LEAD_SEC } from './scene-piece.js';
import { speakScene, voiceFor, type SceneSpeech } from './speech.js';
import { atStage, VideoStageError } from './stage.js';
import { MAX_TEMPO, placeOnTimeline, type TimelinePart } from './timeline-audio.js';

export interface AddLanguageEnv {
  config: WorkerProviderConfig;
  dataDir: string;
  workDir: string;
  signal: AbortSignal;
  progress(fraction: number, message?: string): void;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
  ffmpegPath?: string | null;
}

/** Silence kept after a dubbed line before the next scene starts. */
const DUB_GAP_SEC = 0.1;

/**
 * video.add_language: the translated lines spoken scene by scene and placed on the rendered
 * video's timeline (sped up when a translation runs longer than its scene, and said so), the
 * same music bed under them, as an audio-only HLS rendition + WebVTT subtitles, and a new master
 * that lists them next to the existing languages.
 */
export async function addVideoLanguage(input: VideoAddLanguageInput, env: AddLanguageEnv): Promise<VideoAddLanguageOutput> {
  const stage = 'adding_language' as const;
  const check = () => {
    if (env.signal.aborted) throw new CancelledError();
  };
  const ff = await atStage(stage, 'ffmpeg', 'locating ffmpeg', env.signal, async () => env.ffmpegPath ?? resolveFfmpegPath(env.config));
  const lang = input.language;
  const name = input.name ?? languageName(lang);
  if (!existsSync(input.masterPath)) throw new VideoStageError(stage, 'ffmpeg', `the video's HLS master ${input.masterPath} does not exist; render the final pass first`);
  const masterText = readFileSync(input.masterPath, 'utf8');
  const master = await atStage(stage, 'ffmpeg', 'reading the HLS master', env.signal, async () => readMaster(masterText));
  if (master.audio.length === 0) throw new VideoStageError(stage, 'ffmpeg', 'the HLS master has no audio group; render the final pass again to get one');
  if (master.audio.some((a) => a.language.toLowerCase() === lang.toLowerCase())) {
    throw new VideoStageError(stage, 'ffmpeg', `the video already has ${name} (${lang}) audio`);
  }
  const warnings: string[] = [];
  if (master.videoStartSec === null) warnings.push('The HLS master does not record the video start time; the dub assumes the MPEG-TS default (1.4 s)');
  const videoStartSec = master.videoStartSec ?? 1.4;

  // 1. Speech per scene, on the rendered timeline.
  const byId = new Map(input.script.scenes.map((s) => [s.id, s]));
  for (const s of input.script.scenes) if (!input.timeline.some((t) => t.sceneId === s.id)) warnings.push(`Scene ${s.id} of the translation is not in the rendered video and was left out`);
  const voice = voiceFor(lang, input.voice, input.tts, env.config);
  const ttsLabel = input.tts === 'auto' ? 'tts' : input.tts;
  const parts: TimelinePart[] = [];
  const timed: TimedSceneSpeech[] = [];
  let plan: SceneSpeech['plan'] | null = null;
  let lines = 0;
  let cachedLines = 0;
  for (const [i, slot] of input.timeline.entries()) {
    check();
    const scene = byId.get(slot.sceneId);
    if (!scene) {
      warnings.push(`Scene ${slot.sceneId} has no translation and is silent in ${name}`);
      continue;
    }
    env.progress((0.5 * i) / input.timeline.length, `${stage}: speaking scene ${scene.id} in ${name} (${i + 1}/${input.timeline.length})`);
    const speech = await atStage(stage, ttsLabel, `speaking scene ${scene.id} in ${name}`, env.signal, () =>
      speakScene(scene.dialog, { voice, choice: input.tts, outDir: join(env.workDir, 'speech', String(i)) }, { config: env.config, dataDir: env.dataDir, ffmpegPath: ff, signal: env.signal, log: (m) => env.log('info', m) }),
    );
    if (!speech) continue;
    plan = speech.plan;
    lines += speech.segments.length;
    cachedLines += speech.cachedSentences;
    const next = input.timeline[i + 1];
    const room = (next ? next.startSec : input.durationSec) - slot.startSec - SPEECH_LEAD_SEC - DUB_GAP_SEC;
    let tempo = room > 0 && speech.durationSec > room ? speech.durationSec / room : 1;
    if (tempo > 1) warnings.push(`Scene ${scene.id}: the ${name} line runs ${speech.durationSec.toFixed(1)} s in a ${Math.max(0, room).toFixed(1)} s scene, so it is sped up ${Math.min(tempo, MAX_TEMPO).toFixed(2)}×`);
    if (tempo > MAX_TEMPO) {
      warnings.push(`Scene ${scene.id}: even at ${MAX_TEMPO}× the ${name} line overruns its scene and is cut at the end of the video`);
      tempo = MAX_TEMPO;
    }
    parts.push({ path: speech.path, atSec: slot.startSec + SPEECH_LEAD_SEC, tempo });
    timed.push({ speech, speechStartSec: slot.startSec + SPEECH_LEAD_SEC, tempo });
  }
  if (!plan) throw new VideoStageError(stage, ttsLabel, `the ${name} script has no lines to speak`);
  check();

  // 2. Voice track + the original's bed, mixed like the original audio.
  const voiceWav = join(env.workDir, `voice_${lang}.wav`);
  await atStage(stage, 'ffmpeg', 'placing the speech on the timeline', env.signal, () => placeOnTimeline(ff, { parts, durationSec: input.durationSec, out: voiceWav, signal: env.signal }));
  const bedPlan = input.music ? bedPlanFromTag(master.musicBed) : null;
  const bed = bedPlan ? synthesizeMusicBed(bedPlan, input.durationSec, join(env.workDir, 'music-bed.wav')).path : null;
  if (bedPlan) env.log('info', `Music bed (${MUSIC_MODEL}): ${bedPlan.note}`);
  const mixed = join(env.workDir, `dub_${lang}.wav`);
  env.progress(0.6, `${stage}: mixing the ${name} voice${bed ? ' over the music bed' : ''}`);
  await atStage(stage, 'ffmpeg', 'mixing the dub', env.signal, () => mixAudioOnly(ff, { voice: voiceWav, bed, out: mixed, durationSec: input.durationSec, signal: env.signal }));

  // 3. Audio rendition, subtitles, new master.
  const outDir = join(env.workDir, 'hls');
  mkdirSync(outDir, { recursive: true });
  const audioName = `audio_${lang}`;
  env.progress(0.7, `${stage}: packaging the ${name} audio rendition`);
  const audio = await atStage(stage, 'ffmpeg', `packaging the ${name} audio`, env.signal, () =>
    packageAudioRendition(ff, { input: mixed, outDir, name: audioName, segmentSec: input.segmentSec, videoStartSec, durationSec: input.durationSec, signal: env.signal, onProgress: (f) => env.progress(0.7 + 0.2 * f, `${stage}: packaging the ${name} audio rendition`) }),
  );
  const cues = scriptTimedCues(timed);
  const captionFiles = writeCaptionFiles(cues, join(env.workDir, `captions_${lang}`));
  const sub = writeSubtitleTrack(outDir, `captions_${lang}`, cues, videoStartSec, input.durationSec);
  const audioTrack: MasterTrack = { language: lang, name, default: false, uri: `${audioName}.m3u8` };
  const subTrack: MasterTrack = { language: lang, name, default: false, uri: `captions_${lang}.m3u8` };
  const newMaster = join(outDir, 'master.m3u8');
  writeFileSync(newMaster, addLanguageToMaster(masterText, audioTrack, subTrack));
  const after = readMaster(readFileSync(newMaster, 'utf8'));
  env.progress(1, `${stage}: ${name} added (${after.audio.length} audio tracks, ${after.subtitles.length} subtitle tracks)`);

  const speechRef = (f: string) => fileRef(f, plan!.provider, plan!.model);
  const capRef = (f: string) => fileRef(f, 'script-timing', 'script-timing 1');
  return {
    videoId: input.videoId,
    language: lang,
    name,
    master: fileRef(newMaster, 'ffmpeg', 'video studio master'),
    files: [
      ...audio.files.map((f) => ({ name: f.slice(outDir.length + 1), ref: speechRef(f) })),
      { name: `captions_${lang}.vtt`, ref: capRef(sub.vtt) },
      { name: `captions_${lang}.m3u8`, ref: capRef(sub.playlist) },
    ],
    audio: { provider: plan.provider, model: plan.model, voice: plan.voice, lines, cachedLines },
    captions: { vtt: capRef(captionFiles.vtt), srt: capRef(captionFiles.srt), cues: cues.length, source: 'script-timing', language: lang },
    audioTracks: after.audio,
    subtitleTracks: after.subtitles,
    durationSec: input.durationSec,
    warnings,
  };
}
