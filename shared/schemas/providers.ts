import { z } from 'zod';

/** What a provider can do for the studios (DESIGN.md §4). */
export const Capability = z.enum(['llm', 'vision', 'embeddings', 'image', 'video', 'tts', 'asr', 'encode', 'render']);
export type Capability = z.infer<typeof Capability>;

/** Real services and the embedded offline defaults. */
export const ProviderId = z.enum([
  'ollama',
  'openai-compatible',
  'anthropic',
  'openai',
  'comfyui',
  'elevenlabs',
  'whisper',
  'meshy',
  // embedded defaults: no network, no GPU
  'procedural',
  'espeak',
  'script-timing',
  'hashed-features',
  'ffmpeg',
  'chromium',
]);
export type ProviderId = z.infer<typeof ProviderId>;

/** A choice per capability: "auto" walks the capability's providers in order and takes the first that is usable. */
export const ProviderChoice = z.union([z.literal('auto'), ProviderId]);
export type ProviderChoice = z.infer<typeof ProviderChoice>;

/**
 * Provider settings as the worker receives them for a job: env overrides applied, secrets
 * decrypted. The host never sends this to the renderer (see ProviderSettingsView there).
 */
export const WorkerProviderConfig = z.object({
  choice: z.partialRecord(Capability, ProviderChoice).default({}),
  ollama: z.object({
    url: z.string().default('http://127.0.0.1:11434'),
    models: z.object({ llm: z.string().nullable().default(null), vision: z.string().nullable().default(null), embeddings: z.string().nullable().default(null) }).default({ llm: null, vision: null, embeddings: null }),
  }).default({ url: 'http://127.0.0.1:11434', models: { llm: null, vision: null, embeddings: null } }),
  openaiCompatible: z.object({ url: z.string().nullable().default(null), model: z.string().nullable().default(null), apiKey: z.string().nullable().default(null) }).default({ url: null, model: null, apiKey: null }),
  anthropic: z.object({ apiKey: z.string().nullable().default(null), model: z.string().default('claude-sonnet-4-6') }).default({ apiKey: null, model: 'claude-sonnet-4-6' }),
  openai: z.object({ apiKey: z.string().nullable().default(null), model: z.string().default('gpt-4.1-mini') }).default({ apiKey: null, model: 'gpt-4.1-mini' }),
  comfyui: z.object({ url: z.string().default('http://127.0.0.1:8188') }).default({ url: 'http://127.0.0.1:8188' }),
  elevenlabs: z.object({ apiKey: z.string().nullable().default(null), voiceId: z.string().nullable().default(null), model: z.string().default('eleven_multilingual_v2') }).default({ apiKey: null, voiceId: null, model: 'eleven_multilingual_v2' }),
  whisper: z.object({ model: z.string().default('base.en') }).default({ model: 'base.en' }),
  gemini: z.object({ url: z.string().default('https://generativelanguage.googleapis.com'), apiKey: z.string().nullable().default(null) }).default({ url: 'https://generativelanguage.googleapis.com', apiKey: null }),
  meshy: z.object({ url: z.string().default('https://api.meshy.ai'), apiKey: z.string().nullable().default(null) }).default({ url: 'https://api.meshy.ai', apiKey: null }),
  ffmpegPath: z.string().nullable().default(null),
  chromePath: z.string().nullable().default(null),
});
export type WorkerProviderConfig = z.infer<typeof WorkerProviderConfig>;

/** Where a setting's effective value came from, for Settings and `auteur doctor`. */
export const SettingSource = z.enum(['env', 'settings', 'default']);
export type SettingSource = z.infer<typeof SettingSource>;
