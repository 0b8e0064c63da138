import type { SecretName, SettingKey } from '../../../shared/schemas/provider-settings.js';
import type { ProviderId } from '../../../shared/schemas/providers.js';

export interface FieldDef {
  key: SettingKey;
  label: string;
  type?: 'text' | 'url';
  /** Where suggestions come from: the models/voices the provider reported, or a fixed list. */
  suggest?: { from: ProviderId; list: 'models' | 'voices'; strict?: boolean } | { fixed: string[] };
  hint?: string;
}

export interface GroupDef {
  id: string;
  title: string;
  provider?: ProviderId;
  fields: FieldDef[];
  secret?: { name: SecretName; label: string };
  pull?: boolean;
}

// whisper.cpp's published ggml model names (nodejs-whisper downloads these by name).
const WHISPER_MODELS = ['tiny', 'tiny.en', 'base', 'base.en', 'small', 'small.en', 'medium', 'medium.en', 'large-v1', 'large', 'large-v3-turbo'];

/** The configuration form, one group per provider, in the order of the capability cards. */
export const GROUPS: GroupDef[] = [
  {
    id: 'ollama',
    title: 'Ollama',
    provider: 'ollama',
    fields: [
      { key: 'ollama.url', label: 'URL', type: 'url' },
      { key: 'ollama.models.llm', label: 'Model for text / JSON', suggest: { from: 'ollama', list: 'models', strict: true } },
      { key: 'ollama.models.vision', label: 'Model for vision captioning', suggest: { from: 'ollama', list: 'models', strict: true } },
      { key: 'ollama.models.embeddings', label: 'Model for embeddings', suggest: { from: 'ollama', list: 'models', strict: true } },
    ],
    pull: true,
  },
  {
    id: 'openai-compatible',
    title: 'OpenAI-compatible server',
    provider: 'openai-compatible',
    fields: [
      { key: 'openaiCompatible.url', label: 'Base URL', type: 'url', hint: 'LM Studio: http://127.0.0.1:1234/v1 · llama.cpp: http://127.0.0.1:8080/v1' },
      { key: 'openaiCompatible.model', label: 'Model', suggest: { from: 'openai-compatible', list: 'models' } },
    ],
    secret: { name: 'openaiCompatible', label: 'API key (if the server needs one)' },
  },
  {
    id: 'anthropic',
    title: 'Anthropic',
    provider: 'anthropic',
    fields: [{ key: 'anthropic.model', label: 'Model', suggest: { from: 'anthropic', list: 'models' } }],
    secret: { name: 'anthropic', label: 'API key' },
  },
  {
    id: 'openai',
    title: 'OpenAI',
    provider: 'openai',
    fields: [{ key: 'openai.model', label: 'Model', suggest: { from: 'openai', list: 'models' } }],
    secret: { name: 'openai', label: 'API key' },
  },
  { id: 'comfyui', title: 'ComfyUI', provider: 'comfyui', fields: [{ key: 'comfyui.url', label: 'URL', type: 'url' }] },
  {
    id: 'elevenlabs',
    title: 'ElevenLabs',
    provider: 'elevenlabs',
    fields: [
      { key: 'elevenlabs.voiceId', label: 'Voice', suggest: { from: 'elevenlabs', list: 'voices' } },
      { key: 'elevenlabs.model', label: 'Model', suggest: { from: 'elevenlabs', list: 'models' } },
    ],
    secret: { name: 'elevenlabs', label: 'API key' },
  },
  {
    id: 'gemini',
    title: 'Google Gemini API (Veo)',
    fields: [{ key: 'gemini.url', label: 'Base URL', type: 'url', hint: 'Empty: https://generativelanguage.googleapis.com' }],
    secret: { name: 'gemini', label: 'API key (Shots: submit to Veo 3.1)' },
  },
  {
    id: 'meshy',
    title: 'Meshy (text-to-3D)',
    fields: [{ key: 'meshy.url', label: 'Base URL', type: 'url', hint: 'Empty: https://api.meshy.ai' }],
    secret: { name: 'meshy', label: 'API key (World: prompt → 3D model)' },
  },
  { id: 'whisper', title: 'Whisper', provider: 'whisper', fields: [{ key: 'whisper.model', label: 'Model', suggest: { fixed: WHISPER_MODELS } }] },
  {
    id: 'binaries',
    title: 'Binaries',
    fields: [
      { key: 'ffmpegPath', label: 'ffmpeg path', hint: 'Empty: the bundled ffmpeg' },
      { key: 'chromePath', label: 'Chrome / Chromium path', hint: 'Empty: a system Chromium at a well-known location' },
    ],
  },
];
