import { z } from 'zod';
import { Id } from '../schemas/common.js';
import { VeoPayload } from '../shots/veo.js';
import { defineJobKind } from './define.js';

export const ShotsVeoSubmitInput = z.object({
  shotId: Id,
  /** The shot's stored payload (reference images as media ids). */
  payload: VeoPayload,
  /** Where each referenced media id lies on disk; the worker base64-encodes them at send time. */
  images: z.record(z.string(), z.string().min(1)),
});
export type ShotsVeoSubmitInput = z.infer<typeof ShotsVeoSubmitInput>;

export const ShotsVeoSubmitOutput = z.object({
  shotId: Id,
  /** The MP4 in the job's workDir; the host hook moves it into the media store and answers with mediaId instead. */
  path: z.string().optional(),
  mediaId: Id.optional(),
  bytes: z.number().int(),
  mime: z.literal('video/mp4'),
  provider: z.literal('veo'),
  model: z.string(),
  /** The Gemini long-running operation that made the clip. */
  operation: z.string(),
});
export type ShotsVeoSubmitOutput = z.infer<typeof ShotsVeoSubmitOutput>;

export const shotsVeoSubmit = defineJobKind({
  kind: 'shots.veo_submit',
  title: 'Generate a shot with Veo 3.1',
  description: "Sends the shot's Veo payload to the Gemini API (BYOK key from Settings → Providers), polls the long-running operation and stores the clip in the media store with provenance (provider veo, model). Without a key the job fails saying so.",
  resource: 'io',
  input: ShotsVeoSubmitInput,
  output: ShotsVeoSubmitOutput,
  maxAttempts: 1,
  timeoutMs: 12 * 60_000,
});
