import { z } from 'zod';
import { Id } from '../schemas/common.js';
import { MediaFileRef } from '../schemas/media-file.js';
import { ProviderChoice, ProviderId } from '../schemas/providers.js';
import { SceneId, VideoScript } from '../video/script.js';
import { defineJobKind } from './define.js';
import { HlsPackageOutput, HlsSettings } from './media-compose.js';

export const VideoRenderPass = z.enum(['preview', 'final']);
export type VideoRenderPass = z.infer<typeof VideoRenderPass>;

/** Default sizes per pass: a quick low-bitrate preview first, then the real thing. */
export const VIDEO_PASS_SIZE: Record<VideoRenderPass, { width: number; height: number }> = {
  preview: { width: 640, height: 360 },
  final: { width: 1280, height: 720 },
};

/** The Video row's stages a render or dub job reports in its progress messages ("composing: …"). */
export const VideoJobStage = z.enum(['rendering_preview', 'rendering_final', 'composing', 'adding_language']);
export type VideoJobStage = z.infer<typeof VideoJobStage>;

/** A failed video job's message: "<stage> [<provider>]: <what went wrong>". */
export function formatVideoFailure(stage: VideoJobStage, provider: string, message: string): string {
  return `${stage} [${provider}]: ${message}`;
}

/** The stage and provider named in a video job's error message (null when it is some other error). */
export function parseVideoFailure(message: string): { stage: VideoJobStage; provider: string; message: string } | null {
  const m = /^(rendering_preview|rendering_final|composing|adding_language) \[([^\]]+)\]: ([\s\S]*)$/.exec(message);
  return m ? { stage: m[1] as VideoJobStage, provider: m[2]!, message: m[3]! } : null;
}

/** The stage a progress message names ("rendering_final: scene s2 …" → rendering_final). */
export function progressStage(message: string | null | undefined): VideoJobStage | null {
  const m = /^(rendering_preview|rendering_final|composing|adding_language):/.exec(message ?? '');
  return m ? (m[1] as VideoJobStage) : null;
}

export const VideoVisualsChoice = z.enum(['auto', 'embedded', 'comfyui']);
export const VideoCaptionsChoice = z.enum(['auto', 'whisper', 'script-timing']);
export const VideoCaptionSource = z.enum(['whisper', 'script-timing']);

export const VideoRenderProviders = z.object({
  tts: ProviderChoice.default('auto').describe('auto: ElevenLabs when configured and answering, else espeak-ng'),
  visuals: VideoVisualsChoice.default('auto').describe('auto: ComfyUI when reachable, else the embedded shader composer'),
  captions: VideoCaptionsChoice.default('auto').describe('auto: Whisper when configured as the ASR choice, else script timing + measured speech'),
});
export type VideoRenderProviders = z.infer<typeof VideoRenderProviders>;

export const VideoRenderInput = z.object({
  videoId: Id,
  pass: VideoRenderPass,
  script: VideoScript,
  voice: z.string().max(200).nullable().default(null).describe('TTS voice id (espeak voice or ElevenLabs voice id); null: the provider default'),
  language: z.string().min(2).max(16).default('en').describe('BCP-47 language of the script (captions and the HLS audio rendition)'),
  style: z.string().max(200).default('cinematic').describe('Style preset or free words; steers the visuals and the music bed'),
  width: z.number().int().min(160).max(3840).optional().describe('Default: 640 for preview, 1280 for final'),
  height: z.number().int().min(90).max(2160).optional().describe('Default: 360 for preview, 720 for final'),
  fps: z.number().int().min(12).max(60).default(24),
  hls: HlsSettings.optional().describe('Final pass only: renditions and segment length (from settings)'),
  music: z.boolean().default(true).describe('Mix an offline-synthesized pad bed, ducked under the voice'),
  transitionSec: z.number().min(0).max(2).default(0.5).describe('Crossfade between scenes'),
  previewScale: z.number().min(0.25).max(1).default(0.5).describe('Preview pass only: shader scenes are drawn at this fraction of the size and upscaled (software GL cost is per pixel)'),
  providers: VideoRenderProviders.default({ tts: 'auto', visuals: 'auto', captions: 'auto' }),
});
export type VideoRenderInput = z.infer<typeof VideoRenderInput>;

export const VideoRenderScene = z.object({
  sceneId: SceneId,
  startSec: z.number().describe('Where the scene starts in the joined video (after crossfades)'),
  durationSec: z.number().describe('The scene piece: max(script duration, speech + padding)'),
  visualProvider: z.enum(['embedded', 'comfyui']),
  visualModel: z.string(),
  /** Why auto fell back to the embedded composer, if it did. */
  visualFallback: z.string().nullable(),
  voiceProvider: ProviderId.nullable().describe('null when the scene has no dialog'),
  voiceModel: z.string().nullable(),
  voice: z.string().nullable(),
  lines: z.number().int().describe('Dialog lines spoken'),
  speechSec: z.number(),
  cacheHit: z.boolean().describe('The scene piece (picture + voice) came from <dataDir>/cache/video/scenes'),
});
export type VideoRenderScene = z.infer<typeof VideoRenderScene>;

export const VideoHlsTrack = z.object({
  language: z.string(),
  name: z.string(),
  default: z.boolean(),
  uri: z.string().describe('Playlist name inside the package'),
});

/** media.compose's package plus the audio and subtitles groups (group ids "aud" and "subs"). */
export const VideoHlsOutput = HlsPackageOutput.extend({
  audioTracks: z.array(VideoHlsTrack),
  subtitleTracks: z.array(VideoHlsTrack),
});
export type VideoHlsOutput = z.infer<typeof VideoHlsOutput>;

export const VideoCaptionsOutput = z.object({
  vtt: MediaFileRef,
  srt: MediaFileRef,
  cues: z.number().int(),
  source: VideoCaptionSource,
  language: z.string(),
});

export const VideoRenderOutput = z.object({
  videoId: Id,
  pass: VideoRenderPass,
  mp4: MediaFileRef.describe('H.264 + AAC'),
  hls: VideoHlsOutput.nullable().describe('Final pass only'),
  poster: MediaFileRef.describe('A representative frame at the output size (max 1280 wide)'),
  thumbnail: MediaFileRef.describe('320 px wide JPEG for grids'),
  captions: VideoCaptionsOutput.nullable().describe('null when nothing is said'),
  chapters: z.array(z.object({ sceneId: SceneId, title: z.string(), startSec: z.number() })),
  durationSec: z.number(),
  width: z.number().int(),
  height: z.number().int(),
  fps: z.number(),
  scenes: z.array(VideoRenderScene),
  musicBed: z.object({ provider: z.literal('embedded synth'), model: z.string(), note: z.string() }).nullable(),
  warnings: z.array(z.string()),
});
export type VideoRenderOutput = z.infer<typeof VideoRenderOutput>;

export const videoRender = defineJobKind({
  kind: 'video.render',
  title: 'Render a video',
  description:
    'A video script → per scene speech (TTS) + visual clip (cached by content), joined with crossfades, an optional synthesized music bed ducked under the voice, WebVTT captions, poster and chapters → MP4 (preview: 640x360; final: 1280x720 + HLS with audio and subtitles groups).',
  // Scene visuals render in headless Chromium, like shader.render.
  resource: 'gpu',
  input: VideoRenderInput,
  output: VideoRenderOutput,
  maxAttempts: 2,
  timeoutMs: 30 * 60_000,
});
