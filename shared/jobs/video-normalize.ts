import { z } from 'zod';
import { MediaFileRef } from '../schemas/media-file.js';
import { defineJobKind } from './define.js';

/**
 * LiveLoop: a library video whose HLS does not match its channel's profile (another height, no
 * AAC audio) is re-encoded once, when it is added, into H.264/AAC MPEG-TS segments at the
 * profile's height with a keyframe on every segment boundary (silence added where it has no
 * audio). The channel then airs these segments; nothing is encoded while the channel plays.
 */
export const VideoNormalizeInput = z.object({
  channelId: z.string().min(1),
  itemKey: z.string().min(1),
  videoId: z.string().min(1),
  /** The final MP4 in the media store (the host resolves it: workers do not read the database). */
  inputPath: z.string().min(1),
  height: z.number().int().min(144).max(2160),
  segmentSec: z.number().int().min(2).max(10),
});
export type VideoNormalizeInput = z.infer<typeof VideoNormalizeInput>;

export const VideoNormalizeOutput = z.object({
  channelId: z.string(),
  itemKey: z.string(),
  videoId: z.string(),
  playlist: MediaFileRef,
  /** In play order; the host swaps paths for media ids. */
  segments: z.array(z.object({ ref: MediaFileRef, durationSec: z.number().positive() })).min(1),
  width: z.number().int(),
  height: z.number().int(),
  /** False when the source had no audio track and silence was added. */
  sourceHadAudio: z.boolean(),
  durationSec: z.number(),
});
export type VideoNormalizeOutput = z.infer<typeof VideoNormalizeOutput>;

export const videoNormalize = defineJobKind({
  kind: 'video.normalize',
  title: 'Normalise a video for a LiveLoop channel',
  description: "Re-encodes a library video once into H.264/AAC HLS segments at the channel profile's height (silence added where it has no audio), so it can air on the channel's live stream without transcoding at play time.",
  resource: 'cpu',
  input: VideoNormalizeInput,
  output: VideoNormalizeOutput,
  maxAttempts: 2,
  timeoutMs: 60 * 60_000,
});
