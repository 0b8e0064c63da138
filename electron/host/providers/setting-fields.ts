import type { ProviderSettings, SecretName, SettingKey } from '../../../shared/schemas/provider-settings.js';
import type { ProviderId } from '../../../shared/schemas/providers.js';

/**
 * The table behind precedence: for every setting, where it lives in the config and which
 * environment variable (headless configuration) overrides it.
 */

export interface EnvValue {
  value: string;
  variable: string;
}

const nonEmpty = (v: string | undefined): string | undefined => (v && v.trim() !== '' ? v.trim() : undefined);

/** OLLAMA_HOST as Ollama itself reads it: host, host:port or a URL; without a scheme the port defaults to 11434. */
export function normalizeOllamaHost(raw: string): string {
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw);
  const withScheme = hasScheme ? raw : `http://${raw}`;
  try {
    const u = new URL(withScheme);
    if (!hasScheme && !/:\d+(\/|$)/.test(raw)) u.port = '11434';
    return u.toString().replace(/\/$/, '');
  } catch {
    return withScheme; // an unparsable value is reported by the provider's status, not hidden here
  }
}

type EnvReader = (env: NodeJS.ProcessEnv) => EnvValue | undefined;
const fromVar =
  (variable: string, map: (v: string) => string = (v) => v): EnvReader =>
  (env) => {
    const v = nonEmpty(env[variable]);
    return v === undefined ? undefined : { value: map(v), variable };
  };

export interface FieldSpec {
  key: SettingKey;
  env?: EnvReader;
}

export const FIELDS: FieldSpec[] = [
  { key: 'ollama.url', env: fromVar('OLLAMA_HOST', normalizeOllamaHost) },
  { key: 'ollama.models.llm' },
  { key: 'ollama.models.vision' },
  { key: 'ollama.models.embeddings' },
  { key: 'openaiCompatible.url', env: fromVar('OPENAI_BASE_URL') },
  { key: 'openaiCompatible.model' },
  { key: 'anthropic.model' },
  { key: 'openai.model' },
  { key: 'comfyui.url', env: fromVar('COMFYUI_URL') },
  { key: 'elevenlabs.voiceId' },
  { key: 'elevenlabs.model' },
  { key: 'whisper.model' },
  { key: 'gemini.url', env: fromVar('GEMINI_BASE_URL') },
  { key: 'meshy.url', env: fromVar('MESHY_BASE_URL') },
  { key: 'ffmpegPath', env: fromVar('FFMPEG_PATH') },
  { key: 'chromePath', env: fromVar('CHROME_PATH') },
];

export interface SecretSpec {
  name: SecretName;
  /** Where the decrypted key goes in WorkerProviderConfig. */
  path: string;
  env: EnvReader;
}

// OPENAI_API_KEY follows OPENAI_BASE_URL: with a base URL it is the OpenAI-compatible server's key,
// without one it is an OpenAI key (the convention of the openai SDK and most local servers).
export const SECRETS: SecretSpec[] = [
  { name: 'openaiCompatible', path: 'openaiCompatible.apiKey', env: (env) => (nonEmpty(env.OPENAI_BASE_URL) ? fromVar('OPENAI_API_KEY')(env) : undefined) },
  { name: 'anthropic', path: 'anthropic.apiKey', env: fromVar('ANTHROPIC_API_KEY') },
  { name: 'openai', path: 'openai.apiKey', env: (env) => (nonEmpty(env.OPENAI_BASE_URL) ? undefined : fromVar('OPENAI_API_KEY')(env)) },
  { name: 'elevenlabs', path: 'elevenlabs.apiKey', env: fromVar('ELEVENLABS_API_KEY') },
  { name: 'gemini', path: 'gemini.apiKey', env: fromVar('GEMINI_API_KEY') },
  { name: 'meshy', path: 'meshy.apiKey', env: fromVar('MESHY_API_KEY') },
];

/** What configures each provider, for "why" lines and the doctor's source column. */
export const PROVIDER_INPUTS: Partial<Record<ProviderId, { fields: SettingKey[]; secret?: SecretName; what: string }>> = {
  ollama: { fields: ['ollama.url'], what: 'URL' },
  'openai-compatible': { fields: ['openaiCompatible.url'], secret: 'openaiCompatible', what: 'URL' },
  anthropic: { fields: [], secret: 'anthropic', what: 'key' },
  openai: { fields: [], secret: 'openai', what: 'key' },
  comfyui: { fields: ['comfyui.url'], what: 'URL' },
  elevenlabs: { fields: [], secret: 'elevenlabs', what: 'key' },
  meshy: { fields: ['meshy.url'], secret: 'meshy', what: 'key' },
  whisper: { fields: ['whisper.model'], what: 'model' },
  ffmpeg: { fields: ['ffmpegPath'], what: 'binary' },
  chromium: { fields: ['chromePath'], what: 'binary' },
};

export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Sets a value, creating objects on the way; undefined deletes the leaf. */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = obj;
  for (const part of parts.slice(0, -1)) {
    const next = cur[part];
    if (next === null || typeof next !== 'object') cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  const leaf = parts[parts.length - 1]!;
  if (value === undefined) delete cur[leaf];
  else cur[leaf] = value;
}

/** A saved value as a string, or null when the settings leave it to the default. */
export function savedValue(saved: ProviderSettings, key: SettingKey): string | null {
  const v = getPath(saved, key);
  return typeof v === 'string' && v !== '' ? v : null;
}
