import { z } from 'zod';
import { Id } from '../schemas/common.js';
import { MediaFileRef } from '../schemas/media-file.js';
import { ProviderChoice } from '../schemas/providers.js';
import { defineJobKind } from './define.js';

export const AnimaticShot = z.object({
  shotId: Id,
  description: z.string().min(1).max(10_000),
  /** Seconds; shots without an estimate hold 3 s (longer when their dialogue takes longer to say). */
  duration: z.number().positive().max(120).nullable(),
  shotType: z.string().max(60).nullable(),
  /** The shot's first filled reference slot (an image, or a video reference's poster); null: a title card. */
  imageMediaId: Id.nullable(),
});

export const ShotsAnimaticInput = z.object({
  sceneId: Id,
  slugline: z.string().max(300),
  shots: z.array(AnimaticShot).min(1, 'The scene has no shots to put in an animatic').max(200),
  aspectRatio: z.enum(['16:9', '9:16']).default('16:9'),
  /** Speak the quoted dialogue of each shot (NAME: “line”) with the configured TTS. */
  speech: z.boolean().default(true),
  tts: ProviderChoice.optional(),
  voice: z.string().max(200).optional(),
});
export type ShotsAnimaticInput = z.infer<typeof ShotsAnimaticInput>;

export const ShotsAnimaticOutput = z.object({
  sceneId: Id,
  mp4: MediaFileRef,
  durationSec: z.number(),
  width: z.number().int(),
  height: z.number().int(),
  shots: z.array(
    z.object({
      shotId: Id,
      startSec: z.number(),
      durationSec: z.number(),
      image: z.enum(['reference', 'title_card']),
      spoken: z.string().nullable(),
    }),
  ),
  /** The voice that spoke the dialogue (null when nothing was spoken). */
  tts: z.object({ provider: z.string(), model: z.string(), voice: z.string() }).nullable(),
});
export type ShotsAnimaticOutput = z.infer<typeof ShotsAnimaticOutput>;

export const shotsAnimatic = defineJobKind({
  kind: 'shots.animatic',
  title: 'Animatic of a scene',
  description:
    "The scene's shots as an MP4: each shot's reference image (or a title card) held for its duration, the shot's action as a burned-in caption, its quoted dialogue spoken by TTS — to feel the timing before spending Veo credits.",
  resource: 'cpu',
  input: ShotsAnimaticInput,
  output: ShotsAnimaticOutput,
  maxAttempts: 2,
  timeoutMs: 10 * 60_000,
});
