import { z } from 'zod';
import { DEFAULT_DURATION_TARGET_SEC, MAX_DURATION_TARGET_SEC, MIN_DURATION_TARGET_SEC, VideoScene, VideoScript } from '../video/script.js';
import { Id, IsoDate } from './common.js';
import { ProviderChoice } from './providers.js';

/**
 * Video studio entities (seed 002 "Job states & schema"): one Video row carries the seed's Job
 * columns (prompt, style, voice, language, duration target, status, progress, preview/final/
 * thumbnail/vtt, error) and its Content columns (title, description, mp4, hls, thumbnail, duration,
 * languages[], published). It becomes a library item only once a final MP4 was produced and probed.
 * Media are media-store ids: play them from GET /api/v1/media/:id/file.
 */

/** The seed's job states, in order. */
export const VideoStatus = z.enum(['queued', 'generating_script', 'rendering_preview', 'rendering_final', 'composing', 'completed', 'failed']);
export type VideoStatus = z.infer<typeof VideoStatus>;
export const VIDEO_STAGES = ['generating_script', 'rendering_preview', 'rendering_final', 'composing'] as const;

/** Where a failure happened: a pipeline stage, or one of the follow-up jobs. */
export const VideoStage = z.enum(['generating_script', 'rendering_preview', 'rendering_final', 'composing', 'entities', 'add_language']);
export type VideoStage = z.infer<typeof VideoStage>;

/** A failure names its stage and the provider that failed (or 'unknown' when the job did not say). */
export const VideoStageError = z.object({
  stage: VideoStage,
  provider: z.string(),
  message: z.string(),
  jobId: Id.nullable(),
  at: IsoDate,
});
export type VideoStageError = z.infer<typeof VideoStageError>;

/** Provider choice per capability for this video; 'auto' falls back to the embedded defaults and says so. */
export const VideoProviderChoices = z
  .object({
    /** Same values as video.script's writer choice: embedded = the offline writer (no LLM). */
    llm: z.enum(['auto', 'embedded', 'ollama', 'openai-compatible', 'anthropic', 'openai']).default('auto').describe('Script writer, translation and NER'),
    tts: ProviderChoice.default('auto').describe('Voice (elevenlabs or espeak)'),
    visuals: z.enum(['auto', 'embedded', 'comfyui']).default('auto').describe('Scene visuals: shader scenes (embedded) or ComfyUI'),
    captions: z.enum(['auto', 'whisper', 'script-timing']).default('auto').describe('Whisper when configured, else script timing + measured speech'),
  })
  .strict();
export type VideoProviderChoices = z.infer<typeof VideoProviderChoices>;

/** One rendered MP4 (preview or final) in the media store. */
export const VideoRendition = z.object({
  mediaId: Id,
  width: z.number().int(),
  height: z.number().int(),
  durationSec: z.number(),
  bytes: z.number().int(),
  jobId: Id.nullable(),
  renderedAt: IsoDate,
});
export type VideoRendition = z.infer<typeof VideoRendition>;

/** An audio language of the HLS package (the original voice or a dub). */
export const VideoAudioTrack = z.object({ language: z.string(), label: z.string(), voiceProvider: z.string().nullable(), isDefault: z.boolean() });
/** A WebVTT caption track in the media store. */
export const VideoCaptionTrack = z.object({ language: z.string(), label: z.string(), mediaId: Id, source: z.string().describe('whisper or script-timing') });
export type VideoAudioTrack = z.infer<typeof VideoAudioTrack>;
export type VideoCaptionTrack = z.infer<typeof VideoCaptionTrack>;
export const VideoChapter = z.object({ sceneId: z.string(), title: z.string(), startSec: z.number(), endSec: z.number() });
export type VideoChapter = z.infer<typeof VideoChapter>;

/** Provenance of one rendered scene: who made its picture and its voice, and whether the cache served it. */
export const VideoSceneProvenance = z.object({
  sceneId: z.string(),
  provider: z.string().describe('Visual provider, e.g. chromium (shader scene) or comfyui'),
  model: z.string(),
  voiceProvider: z.string().nullable(),
  voiceModel: z.string().nullable().default(null),
  cacheHit: z.boolean(),
  startSec: z.number().default(0),
  durationSec: z.number().default(0),
  /** Set when 'auto' fell back from a failing real provider to the embedded default. */
  fallbackReason: z.string().nullable().default(null),
});
export type VideoSceneProvenance = z.infer<typeof VideoSceneProvenance>;

/** A named entity from the script (NER), for the wiki chips. */
export const VideoEntity = z.object({
  name: z.string(),
  type: z.string().describe('person, place, organization, thing, event …'),
  wikiTitle: z.string().nullable().describe('The Wikipedia page title to look up (usually the name)'),
  sceneIds: z.array(z.string()).default([]),
});
export type VideoEntity = z.infer<typeof VideoEntity>;

/** Who wrote the script. */
export const VideoScriptSource = z.object({
  writer: z.enum(['llm', 'offline', 'edited']),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  note: z.string().nullable().describe('e.g. "written by the offline script writer (no LLM configured)"'),
});
export type VideoScriptSource = z.infer<typeof VideoScriptSource>;

export const Video = z.object({
  id: Id,
  title: z.string(),
  description: z.string(),
  prompt: z.string(),
  style: z.string(),
  voice: z.string().nullable(),
  language: z.string(),
  durationTarget: z.number(),
  producePreview: z.boolean(),
  providers: VideoProviderChoices,
  status: VideoStatus,
  /** 0–1 within the current stage. */
  progress: z.number(),
  progressMessage: z.string().nullable(),
  /** The pipeline job running now (or the last one). */
  jobId: Id.nullable(),
  error: VideoStageError.nullable(),
  script: VideoScript.nullable(),
  scriptSource: VideoScriptSource.nullable(),
  /** Scene ids edited since the last final render (re-render to apply). */
  dirtyScenes: z.array(z.string()),
  preview: VideoRendition.nullable(),
  final: VideoRendition.nullable(),
  /** master.m3u8 in the media store; its URIs point at sibling media files. */
  hlsMasterMediaId: Id.nullable(),
  posterMediaId: Id.nullable(),
  thumbnailMediaId: Id.nullable(),
  audioTracks: z.array(VideoAudioTrack),
  captions: z.array(VideoCaptionTrack),
  chapters: z.array(VideoChapter),
  /** Languages with audio or captions, the original first (seed Content.languages[]). */
  languages: z.array(z.string()),
  /** Final duration in seconds (seed Content.duration), null before the final exists. */
  durationSec: z.number().nullable(),
  scenes: z.array(VideoSceneProvenance),
  entities: z.array(VideoEntity),
  /** entities: null when NER has not run; 'none' means it ran without an LLM and found nothing to say honestly. */
  entitiesSource: z.string().nullable(),
  /** Honest notes on how it was made: offline writer, fallbacks, music bed, render warnings. */
  notes: z.array(z.string()),
  published: z.boolean(),
  addToLiveLoop: z.boolean(),
  /** True once a final MP4 exists and was probed playable: only then is it a library item. */
  inLibrary: z.boolean(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  completedAt: IsoDate.nullable(),
});
export type Video = z.infer<typeof Video>;

// ---- requests ---------------------------------------------------------------------------------

/** Short BCP-47 language tag: en, fr, pt-BR. */
export const LanguageTag = z.string().trim().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'a language tag like en, fr or pt-BR');

/** POST /videos: the seed's payload (snake_case keys as in the seed's API contract). */
export const CreateVideoBody = z
  .object({
    prompt: z.string().trim().min(1, 'The prompt is empty').max(8000, 'The prompt is longer than 8000 characters'),
    title: z.string().trim().min(1).max(200).optional(),
    style: z.string().trim().min(1).max(60).default('cinematic'),
    voice: z.string().trim().min(1).max(200).optional(),
    language: LanguageTag.default('en'),
    duration_target: z.number().min(MIN_DURATION_TARGET_SEC).max(MAX_DURATION_TARGET_SEC).default(DEFAULT_DURATION_TARGET_SEC).describe('Target length in seconds'),
    produce_preview: z.boolean().default(true).describe('Render a low-resolution preview before the final'),
    providers: VideoProviderChoices.optional(),
  })
  .strict();
export type CreateVideoBody = z.infer<typeof CreateVideoBody>;

export const UpdateVideoBody = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(5000).optional(),
    published: z.boolean().optional(),
    addToLiveLoop: z.boolean().optional(),
  })
  .strict();

/** PATCH /videos/:id/scenes/:sceneId: edit one scene; order moves it. */
export const UpdateVideoSceneBody = VideoScene.omit({ id: true })
  .partial()
  .extend({ order: z.number().int().min(0).optional().describe('New position of the scene, from 0') })
  .strict();

/** POST /videos/:id/render: resume from the failed stage (auto), or redo from a given stage. */
export const RenderVideoBody = z
  .object({ from: z.enum(['auto', 'script', 'preview', 'final']).default('auto') })
  .strict()
  .default({ from: 'auto' });

export const AddVideoLanguageBody = z.object({ language: LanguageTag, voice: z.string().trim().min(1).max(200).optional() }).strict();
export const PublishVideoBody = z.object({ published: z.boolean().default(true) }).strict().default({ published: true });

export const VideoListQuery = z.object({
  q: z.string().max(200).optional().describe('Search in title, description, prompt'),
  sort: z.enum(['created', 'updated', 'title', 'duration']).default('created'),
  order: z.enum(['asc', 'desc']).default('desc'),
  /** library: finished items only (a final MP4 exists); all: also the ones in progress or failed. */
  scope: z.enum(['library', 'all']).default('library'),
  published: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(48),
  offset: z.coerce.number().int().min(0).default(0),
});
export const VideoList = z.object({ videos: z.array(Video), total: z.number().int() });
export type VideoList = z.infer<typeof VideoList>;

/** A pipeline action answers with the video and the job it queued. */
export const VideoWithJob = z.object({ video: Video, jobId: Id });
export type VideoWithJob = z.infer<typeof VideoWithJob>;

export const VideoDeleted = z.object({ ok: z.literal(true), id: Id, removedMedia: z.number().int(), keptShared: z.number().int() });

// ---- wiki facts -----------------------------------------------------------------------------

export const WikiQuery = z.object({ entity: z.string().trim().min(1).max(200) });
/** A Wikipedia REST page summary, or why there is none. */
export const WikiSummary = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    title: z.string(),
    description: z.string().nullable(),
    extract: z.string(),
    url: z.string().describe('The article on Wikipedia (source link)'),
    thumbnailUrl: z.string().nullable(),
    cached: z.boolean(),
    fetchedAt: IsoDate,
  }),
  z.object({ status: z.literal('not_found'), title: z.string(), message: z.string(), cached: z.boolean() }),
  z.object({ status: z.literal('offline'), title: z.string(), message: z.string().describe('Wikipedia summaries need the network') }),
]);
export type WikiSummary = z.infer<typeof WikiSummary>;
