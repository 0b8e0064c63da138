import type { Capability } from '../../shared/schemas/providers.js';
import { comfyuiProvider } from './comfyui/provider.js';
import { chromiumProvider } from './embedded/chromium.js';
import { hashedFeaturesProvider } from './embedded/hashed-features.js';
import { LLM_MODULES } from './llm/modules.js';
import { proceduralProvider } from './embedded/procedural.js';
import type { ProviderModule } from './types.js';

/**
 * Every provider module, in the order "auto" tries them per capability: real services first,
 * embedded defaults last. Provider areas add their modules here.
 */
export const PROVIDERS: ProviderModule[] = [
  // ollama, openai-compatible, anthropic, openai
  ...LLM_MODULES,
  comfyuiProvider,
  // embedded defaults (keep last)
  proceduralProvider,
  hashedFeaturesProvider,
  chromiumProvider,
];

export function providersFor(capability: Capability): ProviderModule[] {
  return PROVIDERS.filter((p) => p.capabilities.includes(capability));
}
