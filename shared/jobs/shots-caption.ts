import { z } from 'zod';
import { Id } from '../schemas/common.js';
import { defineJobKind } from './define.js';

export const ShotsCaptionInput = z.object({
  ingredientId: Id,
  /** The stored image (or a video reference's poster frame) in the media store. */
  image: z.object({ path: z.string().min(1), mime: z.enum(['image/png', 'image/jpeg', 'image/webp']) }),
  /** The ingredient's type, so the caption describes what matters (a face, a place, a prop, a look). */
  type: z.enum(['Character', 'Location', 'Object', 'Style']),
});
export type ShotsCaptionInput = z.infer<typeof ShotsCaptionInput>;

/** What a vision model may say about a reference: only what it sees. */
export const VisionCaption = z.object({
  caption: z.string().trim().min(3).max(400).describe('One or two sentences describing only what is visible'),
  tags: z.array(z.string().trim().min(1).max(40)).max(12).describe('Short visual tags: colours, materials, clothing, lighting, setting'),
});
export type VisionCaption = z.infer<typeof VisionCaption>;

export const ShotsCaptionOutput = VisionCaption.extend({ ingredientId: Id, provider: z.string(), model: z.string() });
export type ShotsCaptionOutput = z.infer<typeof ShotsCaptionOutput>;

export const shotsCaption = defineJobKind({
  kind: 'shots.caption',
  title: 'Caption a reference image',
  description: "A vision model describes an ingredient's image (caption + tags, from what is visible only) into its metadata. Without a vision-capable provider the job fails with the reason and no caption is stored.",
  resource: 'cpu',
  input: ShotsCaptionInput,
  output: ShotsCaptionOutput,
  maxAttempts: 2,
  timeoutMs: 3 * 60_000,
});
