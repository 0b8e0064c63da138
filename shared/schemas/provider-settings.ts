import { z } from 'zod';
import { Capability, ProviderChoice, SettingSource } from './providers.js';

/**
 * Saved provider settings (Settings → Providers), the update the UI sends, and the view the
 * host answers with. Secrets are write-only: they travel UI → host once and are only ever
 * reported back as `{ set, source }`.
 */

/** API keys the user can store; each is kept encrypted in its own `secret:providers.<name>` row. */
export const SecretName = z.enum(['openaiCompatible', 'anthropic', 'openai', 'elevenlabs', 'gemini', 'meshy']);
export type SecretName = z.infer<typeof SecretName>;

/** Every non-secret setting, named by its path in WorkerProviderConfig. */
export const SettingKey = z.enum([
  'ollama.url',
  'ollama.models.llm',
  'ollama.models.vision',
  'ollama.models.embeddings',
  'openaiCompatible.url',
  'openaiCompatible.model',
  'anthropic.model',
  'openai.model',
  'comfyui.url',
  'elevenlabs.voiceId',
  'elevenlabs.model',
  'whisper.model',
  'gemini.url',
  'meshy.url',
  'ffmpegPath',
  'chromePath',
]);
export type SettingKey = z.infer<typeof SettingKey>;

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

// An empty input clears the field (back to its default), so '' and null mean the same thing.
const blankToNull = (s: string) => (s === '' ? null : s);
const Url = z
  .string()
  .trim()
  .max(2000)
  .transform(blankToNull)
  .refine((v) => v === null || isHttpUrl(v), 'must be an http:// or https:// URL, e.g. http://127.0.0.1:11434')
  .nullable()
  .optional();
const Name = z
  .string()
  .trim()
  .max(200)
  .regex(/^\S*$/, 'must not contain spaces')
  .transform(blankToNull)
  .nullable()
  .optional();
const AbsPath = z
  .string()
  .trim()
  .max(4096)
  .transform(blankToNull)
  .refine((v) => v === null || /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(v), 'must be an absolute path to an executable')
  .nullable()
  .optional();

/** What Settings → Providers saves (under the `providers` settings key). A missing or null field means "use the default". */
export const ProviderSettings = z.strictObject({
  choice: z.partialRecord(Capability, ProviderChoice).optional(),
  ollama: z
    .strictObject({
      url: Url,
      models: z.strictObject({ llm: Name, vision: Name, embeddings: Name }).partial().optional(),
    })
    .partial()
    .optional(),
  openaiCompatible: z.strictObject({ url: Url, model: Name }).partial().optional(),
  anthropic: z.strictObject({ model: Name }).partial().optional(),
  openai: z.strictObject({ model: Name }).partial().optional(),
  comfyui: z.strictObject({ url: Url }).partial().optional(),
  elevenlabs: z.strictObject({ voiceId: Name, model: Name }).partial().optional(),
  whisper: z.strictObject({ model: Name }).partial().optional(),
  /** Gemini API (Veo submission in the Shots studio); the URL only matters for a proxy or a test server. */
  gemini: z.strictObject({ url: Url }).partial().optional(),
  /** Meshy text-to-3D (World studio); the URL only matters for a gateway or a test server. */
  meshy: z.strictObject({ url: Url }).partial().optional(),
  ffmpegPath: AbsPath,
  chromePath: AbsPath,
});
export type ProviderSettings = z.infer<typeof ProviderSettings>;

const SecretValue = z.string().trim().min(8, 'looks too short for an API key').max(4096);

/**
 * PUT /providers/settings: a partial update. Omitted fields stay as they are, null (or '')
 * clears one. Secrets are write-only: a string sets the key, null deletes it.
 */
export const ProviderSettingsUpdate = ProviderSettings.extend({
  choice: z.partialRecord(Capability, ProviderChoice.nullable()).optional(),
  secrets: z.partialRecord(SecretName, SecretValue.nullable()).optional(),
});
export type ProviderSettingsUpdate = z.infer<typeof ProviderSettingsUpdate>;

export const SettingState = z.object({
  /** The effective value (env ← settings ← default). */
  value: z.string().nullable(),
  /** What Settings holds, even when an env variable overrides it. */
  saved: z.string().nullable(),
  default: z.string().nullable(),
  source: SettingSource,
  /** The variable that set it when source is env. */
  env: z.string().nullable(),
});
export type SettingState = z.infer<typeof SettingState>;

/** A secret as the UI and doctor see it: never its value. */
export const SecretState = z.object({
  set: z.boolean(),
  source: SettingSource.describe('"default" means not set'),
  env: z.string().nullable(),
  /** A key is saved in Settings (it may be shadowed by an env variable). */
  saved: z.boolean(),
  /** Why a saved key could not be used (e.g. it cannot be decrypted on this machine). */
  error: z.string().nullable(),
});
export type SecretState = z.infer<typeof SecretState>;

export const ChoiceState = z.object({ value: ProviderChoice, source: SettingSource });

export const ProviderSettingsView = z.object({
  fields: z.record(SettingKey, SettingState),
  secrets: z.record(SecretName, SecretState),
  choice: z.record(Capability, ChoiceState),
  encryption: z.object({
    kind: z.enum(['safeStorage', 'aes-256-gcm']),
    detail: z.string(),
  }),
});
export type ProviderSettingsView = z.infer<typeof ProviderSettingsView>;
