import { z } from 'zod';
import { MediaFileRef } from '../schemas/media-file.js';
import { ProviderChoice } from '../schemas/providers.js';
import { defineJobKind } from './define.js';

export const ComposeImage = z
  .object({
    path: z.string().min(1).optional().describe('Absolute path of a PNG/JPEG/WebP'),
    mediaId: z.string().min(1).optional().describe('A media store image; the host resolves it to a path before queueing'),
    durationSec: z.number().positive().max(600).optional().describe('Time on screen; the narration is shared evenly among images without one'),
  })
  .refine((i) => !!i.path !== !!i.mediaId, 'Give exactly one of path or mediaId');

export const ComposeVisuals = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('frames'),
    dir: z.string().min(1).describe('Folder of numbered frames (frame_00001.png …)'),
    fps: z.number().min(1).max(120).default(30),
  }),
  z.object({
    kind: z.literal('images'),
    images: z.array(ComposeImage).min(1).max(500),
    transitionSec: z.number().min(0).max(5).default(0.5).describe('Crossfade between images'),
  }),
]);

export const HlsSettings = z.object({
  renditions: z.array(z.object({ height: z.number().int().min(90).max(2160), videoBitrateK: z.number().int().min(100).max(20000) })).min(1).max(4).optional(),
  segmentSec: z.number().min(1).max(10).default(4),
});

export const CaptionSource = z.enum(['script-timing', 'whisper', 'none']);

export const MediaComposeInput = z.object({
  visuals: ComposeVisuals,
  width: z.number().int().min(16).max(3840).optional().describe('Output size; frames keep theirs and images default to 1280x720 when omitted'),
  height: z.number().int().min(16).max(2160).optional(),
  fps: z.number().min(1).max(60).default(30).describe('Output frame rate for images'),
  narration: z
    .object({
      text: z.string().trim().min(1).max(5000),
      voice: z.string().max(200).optional(),
      rate: z.number().min(0.5).max(2).default(1),
      provider: ProviderChoice.optional(),
      pauseSec: z.number().min(0).max(3).default(0.35).describe('Silence between sentences'),
    })
    .optional(),
  captions: CaptionSource.default('script-timing').describe('script-timing: from the sentences and measured speech; whisper: transcribe the narration'),
  burnCaptions: z.boolean().default(false).describe('Also draw the captions into the picture'),
  loudness: z.enum(['loudnorm', 'dynaudnorm', 'none']).default('loudnorm'),
  outputs: z.object({ mp4: z.boolean().default(true), webm: z.boolean().default(false), hls: z.boolean().default(false) }).default({ mp4: true, webm: false, hls: false }),
  hls: HlsSettings.optional(),
  thumbnail: z.boolean().default(true),
});
export type MediaComposeInput = z.infer<typeof MediaComposeInput>;

export const HlsPackageOutput = z.object({
  master: MediaFileRef.describe('master.m3u8; once ingested its URIs are ../<mediaId>/file, so it plays from /api/v1/media/<id>/file'),
  files: z.array(z.object({ name: z.string(), ref: MediaFileRef })).describe('Every playlist, segment and caption file of the package'),
  variants: z.array(z.object({ width: z.number().int(), height: z.number().int(), bandwidth: z.number().int(), segments: z.number().int() })),
  segmentSec: z.number(),
  durationSec: z.number().describe('Sum of the EXTINF durations'),
});

export const MediaComposeOutput = z.object({
  durationSec: z.number(),
  width: z.number().int(),
  height: z.number().int(),
  fps: z.number(),
  mp4: MediaFileRef.nullable(),
  webm: MediaFileRef.nullable(),
  hls: HlsPackageOutput.nullable(),
  thumbnail: MediaFileRef.nullable(),
  narration: z
    .object({
      audio: MediaFileRef,
      durationSec: z.number(),
      provider: z.string(),
      model: z.string(),
      voice: z.string(),
      sentences: z.number().int(),
      cachedSentences: z.number().int(),
    })
    .nullable(),
  captions: z
    .object({
      source: CaptionSource.exclude(['none']),
      vtt: MediaFileRef,
      srt: MediaFileRef,
      cues: z.number().int(),
      burned: z.boolean(),
    })
    .nullable(),
});
export type MediaComposeOutput = z.infer<typeof MediaComposeOutput>;

export const mediaCompose = defineJobKind({
  kind: 'media.compose',
  title: 'Compose a video',
  description: 'Frames or images + narration (TTS) + captions → MP4 / WebM / HLS with a poster, using the bundled ffmpeg.',
  resource: 'cpu',
  input: MediaComposeInput,
  output: MediaComposeOutput,
  maxAttempts: 2,
  timeoutMs: 20 * 60_000,
});
