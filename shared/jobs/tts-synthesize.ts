import { z } from 'zod';
import { MediaFileRef } from '../schemas/media-file.js';
import { ProviderChoice } from '../schemas/providers.js';
import { defineJobKind } from './define.js';

export const TtsSynthesizeInput = z.object({
  text: z.string().trim().min(1).max(5000).describe('What to say'),
  voice: z.string().max(200).optional().describe('Voice id of the chosen provider (espeak: a language like en-us or en-gb+f3; ElevenLabs: a voice_id); its default when omitted'),
  rate: z.number().min(0.5).max(2).default(1).describe('Speaking rate as a multiple of normal (ElevenLabs accepts 0.7–1.2)'),
  provider: ProviderChoice.optional().describe('elevenlabs, espeak or auto; the TTS choice in Settings when omitted'),
});
export type TtsSynthesizeInput = z.infer<typeof TtsSynthesizeInput>;

export const TtsSynthesizeOutput = z.object({
  audio: MediaFileRef,
  mime: z.enum(['audio/wav', 'audio/mpeg']),
  durationSec: z.number().describe('Measured from the audio itself'),
  sampleRate: z.number().int(),
  provider: z.enum(['elevenlabs', 'espeak']),
  model: z.string(),
  voice: z.string(),
  cached: z.boolean().describe('Served from the speech cache (no synthesis, no provider charge)'),
  reason: z.string().describe('Why this provider was used'),
});
export type TtsSynthesizeOutput = z.infer<typeof TtsSynthesizeOutput>;

export const ttsSynthesize = defineJobKind({
  kind: 'tts.synthesize',
  title: 'Synthesize speech',
  description: 'Text → speech audio with ElevenLabs (BYOK) or the embedded espeak-ng; identical requests are served from the speech cache.',
  resource: 'cpu',
  input: TtsSynthesizeInput,
  output: TtsSynthesizeOutput,
  maxAttempts: 2,
  timeoutMs: 5 * 60_000,
});
