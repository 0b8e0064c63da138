import type { ProviderId } from '../../../shared/schemas/providers.js';

/** Synthesized speech, measured: durations come from the audio itself, never from estimates. */
export interface SpeechAudio {
  audio: Buffer;
  mime: 'audio/wav' | 'audio/mpeg';
  ext: 'wav' | 'mp3';
  durationSec: number;
  sampleRate: number;
  provider: Extract<ProviderId, 'espeak' | 'elevenlabs'>;
  model: string;
  voice: string;
}

export interface VoiceInfo {
  id: string;
  name: string;
  /** Language tag, gender or category, when the provider tells. */
  detail?: string;
}

/** Speaking rate as a multiple of the provider's normal pace. */
export const MIN_RATE = 0.5;
export const MAX_RATE = 2;
