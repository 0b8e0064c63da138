import { z } from 'zod';
import { Capability, ProviderChoice, ProviderId, SettingSource } from './providers.js';

/** Human names for the capabilities, shared by Settings and `auteur doctor`. */
export const CAPABILITY_LABELS: Record<Capability, string> = {
  llm: 'LLM text / JSON',
  vision: 'Vision captioning',
  embeddings: 'Embeddings',
  image: 'Image generation',
  video: 'Video generation',
  tts: 'Text to speech',
  asr: 'Speech recognition (captions)',
  encode: 'Encode',
  render: 'Render',
};

/**
 * reachable: a real service answered; embedded: a built-in default that works offline;
 * not_configured: needs a key or URL first; unreachable: configured (or defaulted) but not answering / missing.
 */
export const ProviderState = z.enum(['reachable', 'embedded', 'not_configured', 'unreachable']);
export type ProviderState = z.infer<typeof ProviderState>;

export const ProviderStatusRow = z.object({
  id: ProviderId,
  label: z.string(),
  embedded: z.boolean(),
  state: ProviderState,
  version: z.string().nullable(),
  detail: z.string(),
  models: z.array(z.string()),
  voices: z.array(z.string()),
  /** How long the status check took. */
  ms: z.number(),
});
export type ProviderStatusRow = z.infer<typeof ProviderStatusRow>;

export const CapabilityProviders = z.object({
  capability: Capability,
  label: z.string(),
  choice: ProviderChoice,
  choiceSource: SettingSource,
  /** The provider jobs of this capability use now; null when nothing usable is there. */
  inUse: ProviderId.nullable(),
  why: z.string(),
  /**
   * The model jobs of this capability will use (e.g. the Ollama model for LLM text), as the
   * worker's own selection resolves it; null when the provider has no models or none is usable.
   */
  model: z.string().nullable().default(null),
  /** The offline default for this capability, if it has one. */
  embeddedDefault: ProviderId.nullable(),
  providers: z.array(ProviderStatusRow),
});
export type CapabilityProviders = z.infer<typeof CapabilityProviders>;

export const ProvidersResponse = z.object({
  capabilities: z.array(CapabilityProviders),
  checkedAt: z.string(),
});
export type ProvidersResponse = z.infer<typeof ProvidersResponse>;

export const ProviderTestResponse = z.object({
  provider: ProviderId,
  ok: z.boolean(),
  detail: z.string(),
  ms: z.number(),
});
export type ProviderTestResponse = z.infer<typeof ProviderTestResponse>;

/** One row of the provider table in `auteur doctor` and GET /system/doctor; provider null: the capability has none. */
export const DoctorProviderRow = z.object({
  capability: Capability,
  provider: ProviderId.nullable(),
  label: z.string(),
  state: ProviderState,
  inUse: z.boolean(),
  /** The model the capability uses, on the row of the provider in use. */
  model: z.string().nullable().default(null),
  /** Why that provider (or none) is in use for the capability: the same text on each of its rows. */
  why: z.string().default(''),
  version: z.string().nullable(),
  /** Where its configuration came from, e.g. "env OLLAMA_HOST", "settings", "default", "embedded". */
  source: z.string(),
  detail: z.string(),
});
export type DoctorProviderRow = z.infer<typeof DoctorProviderRow>;

/** One effective setting with its origin; secrets only as "set (env ANTHROPIC_API_KEY)". */
export const ConfigurationRow = z.object({
  key: z.string(),
  value: z.string(),
  source: SettingSource,
  env: z.string().nullable(),
  secret: z.boolean(),
});
export type ConfigurationRow = z.infer<typeof ConfigurationRow>;
