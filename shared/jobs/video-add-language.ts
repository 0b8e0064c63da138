import { z } from 'zod';
import { Id } from '../schemas/common.js';
import { MediaFileRef } from '../schemas/media-file.js';
import { ProviderChoice, ProviderId } from '../schemas/providers.js';
import { SceneId, VideoScript } from '../video/script.js';
import { defineJobKind } from './define.js';
import { VideoCaptionsOutput, VideoHlsTrack } from './video-render.js';

export const VideoAddLanguageInput = z.object({
  videoId: Id,
  language: z.string().min(2).max(16).describe('BCP-47 code of the new language, e.g. "fr"'),
  name: z.string().min(1).max(60).optional().describe('Track name shown by players; default: the language name in English'),
  script: VideoScript.describe('The translated script: same scene ids and order as the rendered one'),
  voice: z.string().max(200).nullable().default(null),
  tts: ProviderChoice.default('auto'),
  /** The rendered timeline (video.render final output: scenes[].startSec/durationSec, durationSec). */
  timeline: z.array(z.object({ sceneId: SceneId, startSec: z.number().min(0), durationSec: z.number().positive() })).min(1),
  durationSec: z.number().positive(),
  masterPath: z.string().min(1).describe('Absolute path of the current HLS master (the host resolves its media id before queueing)'),
  style: z.string().max(200).default('cinematic'),
  music: z.boolean().default(true).describe('Mix the same synthesized bed under the dub as under the original'),
  segmentSec: z.number().min(1).max(10).default(4),
});
export type VideoAddLanguageInput = z.infer<typeof VideoAddLanguageInput>;

export const VideoAddLanguageOutput = z.object({
  videoId: Id,
  language: z.string(),
  name: z.string(),
  master: MediaFileRef.describe(
    'The new master: the existing lines kept as they were (URIs ../<mediaId>/file once ingested stay as they are) plus EXT-X-MEDIA lines naming the new files of `files` by name',
  ),
  files: z.array(z.object({ name: z.string(), ref: MediaFileRef })).describe('Only the new files: audio playlist + segments, subtitles playlist + WebVTT'),
  audio: z.object({ provider: ProviderId, model: z.string(), voice: z.string(), lines: z.number().int(), cachedLines: z.number().int() }),
  captions: VideoCaptionsOutput,
  audioTracks: z.array(VideoHlsTrack),
  subtitleTracks: z.array(VideoHlsTrack),
  durationSec: z.number(),
  warnings: z.array(z.string()),
});
export type VideoAddLanguageOutput = z.infer<typeof VideoAddLanguageOutput>;

export const videoAddLanguage = defineJobKind({
  kind: 'video.add_language',
  title: 'Add a language to a video',
  description:
    "A translated script → speech placed on the video's scene timeline → an extra HLS audio rendition (group \"aud\") and WebVTT subtitles (group \"subs\") in a new master playlist.",
  resource: 'cpu',
  input: VideoAddLanguageInput,
  output: VideoAddLanguageOutput,
  maxAttempts: 2,
  timeoutMs: 15 * 60_000,
});
