import { z } from 'zod';
import { Id } from '../schemas/common.js';
import { VeoApi, VeoMime, VeoPayload } from '../shots/veo.js';
import { BreakdownProvider } from './shots-breakdown.js';
import { defineJobKind } from './define.js';

/** One filled reference slot of a shot, as the host reads it from the ingredient library. */
export const PayloadIngredient = z.object({
  slot: z.number().int().min(1).max(3),
  id: Id,
  name: z.string().min(1).max(200),
  type: z.enum(['Character', 'Location', 'Object', 'Style']),
  /** Vision caption and tags, only when a vision model wrote them (never invented). */
  caption: z.string().max(2000).optional(),
  tags: z.array(z.string().max(100)).max(50).optional(),
  palette: z.array(z.string()).max(16).optional(),
  /** The image Veo gets: the upload itself, or a video reference's poster frame. */
  mediaId: Id,
  mime: VeoMime,
});
export type PayloadIngredient = z.infer<typeof PayloadIngredient>;

export const ShotsPayloadInput = z.object({
  shotId: Id,
  shot: z.object({
    description: z.string().trim().min(1).max(10_000),
    duration: z.number().positive().max(600).nullable(),
    shotType: z.string().max(60).nullable(),
    camera: z.string().max(300).nullable(),
    characters: z.array(z.string().max(100)).max(50).default([]),
  }),
  slugline: z.string().max(300).nullable().default(null),
  ingredients: z.array(PayloadIngredient).max(3).default([]),
  aspectRatio: z.enum(['16:9', '9:16']).default('16:9'),
  resolution: z.enum(['720p', '1080p', '4k']).default('720p'),
  /** Which API the request is shaped for (seed and generateAudio are Vertex AI only). */
  api: VeoApi.default('gemini'),
  provider: BreakdownProvider.default('auto'),
});
export type ShotsPayloadInput = z.infer<typeof ShotsPayloadInput>;
export type ShotsPayloadInputRaw = z.input<typeof ShotsPayloadInput>;

export const ShotsPayloadOutput = z.object({
  shotId: Id,
  payload: VeoPayload,
  /** 'template' is the offline deterministic mapping, labelled as such wherever it is shown. */
  source: z.enum(['llm', 'template']),
  provider: z.string(),
  model: z.string(),
  attempts: z.number().int().min(0),
  /** The context the LLM was given (shots.llm_context_cache). */
  context: z.string(),
  fallbackReason: z.string().nullable(),
});
export type ShotsPayloadOutput = z.infer<typeof ShotsPayloadOutput>;

export const shotsPayload = defineJobKind({
  kind: 'shots.payload',
  title: 'Write a Veo 3.1 request for a shot',
  description:
    "Builds the Veo 3.1 request of a shot from its description and reference slots: the LLM at low temperature writes the prompt from the given facts only (validated, retried twice), the ingredients become ASSET reference images and the project's settings the parameters; without an LLM a deterministic template writes the prompt.",
  resource: 'cpu',
  input: ShotsPayloadInput,
  output: ShotsPayloadOutput,
  maxAttempts: 1,
  timeoutMs: 5 * 60_000,
  verdict: (out) => (out.fallbackReason ? { outcome: 'problems', message: `The offline template wrote this Veo request, not an LLM. ${out.fallbackReason}` } : { outcome: 'succeeded' }),
});
