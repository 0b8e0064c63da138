import type { Capability } from '../../shared/schemas/providers.js';
import { whisperProvider } from './asr/whisper.js';
import { scriptTimingProvider } from './asr/script-timing.js';
import { comfyuiProvider } from './comfyui/provider.js';
import { chromiumProvider } from './embedded/chromium.js';
import { hashedFeaturesProvider } from './embedded/hashed-features.js';
import { LLM_MODULES } from './llm/modules.js';
import { proceduralProvider } from './embedded/procedural.js';
import { ffmpegProvider } from './encode/ffmpeg.js';
import { elevenlabsProvider } from './tts/elevenlabs.js';
import { espeakProvider } from './tts/espeak.js';
import type { ProviderModule } from './types.js';

/**
 * Every provider module, in the order "auto" tries them per capability: real services first,
 * embedded defaults last. Provider areas add their modules here.
 */
export const PROVIDERS: ProviderModule[] = [
  // ollama, openai-compatible, anthropic, openai
  ...LLM_MODULES,
  comfyuiProvider,
  elevenlabsProvider,
  whisperProvider,
  // embedded defaults (keep last)
  proceduralProvider,
  hashedFeaturesProvider,
  chromiumProvider,
  espeakProvider,
  scriptTimingProvider,
  ffmpegProvider,
];

export function providersFor(capability: Capability): ProviderModule[] {
  return PROVIDERS.filter((p) => p.capabilities.includes(capability));
}
