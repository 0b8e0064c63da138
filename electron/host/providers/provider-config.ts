import { WorkerProviderConfig } from '../../../shared/schemas/providers.js';

/**
 * Effective provider settings from the environment (headless configuration). Saved settings
 * from Settings → Providers are layered under these by the provider settings service.
 */
export function providerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerProviderConfig {
  const ollamaUrl = env.OLLAMA_HOST ? (env.OLLAMA_HOST.startsWith('http') ? env.OLLAMA_HOST : `http://${env.OLLAMA_HOST}`) : undefined;
  return WorkerProviderConfig.parse({
    ...(ollamaUrl ? { ollama: { url: ollamaUrl } } : {}),
    ...(env.OPENAI_BASE_URL ? { openaiCompatible: { url: env.OPENAI_BASE_URL, apiKey: env.OPENAI_API_KEY ?? null } } : {}),
    ...(env.ANTHROPIC_API_KEY ? { anthropic: { apiKey: env.ANTHROPIC_API_KEY } } : {}),
    ...(env.OPENAI_API_KEY && !env.OPENAI_BASE_URL ? { openai: { apiKey: env.OPENAI_API_KEY } } : {}),
    ...(env.COMFYUI_URL ? { comfyui: { url: env.COMFYUI_URL } } : {}),
    ...(env.ELEVENLABS_API_KEY ? { elevenlabs: { apiKey: env.ELEVENLABS_API_KEY } } : {}),
    ffmpegPath: env.FFMPEG_PATH ?? null,
    chromePath: env.CHROME_PATH ?? null,
  });
}
