import { WorldProviderError, type GeneratedImage, type ImageProvider, type WorldCapability } from './types.js';

/**
 * Gemini image models ("Nano Banana": gemini-2.5-flash-image for drafts, gemini-3-pro-image-preview
 * for finals; BYOK) through generateContent (ai.google.dev/gemini-api/docs/image-generation):
 *   POST {base}/v1beta/models/{model}:generateContent  (x-goog-api-key)
 *   body { contents: [{ parts: [{ text }] }], generationConfig: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio } } }
 *   → candidates[0].content.parts[].inlineData { mimeType, data (base64) }, or promptFeedback.blockReason.
 * Used for textures (textureStrategy generated_pbr); key and base URL from provider settings.
 */

export const GEMINI_IMAGE_MODELS = { draft: 'gemini-2.5-flash-image', final: 'gemini-3-pro-image-preview' } as const;

interface GenerateContentResponse {
  candidates?: Array<{ content?: { parts?: Array<{ text?: string; inlineData?: { mimeType?: string; data?: string } }> }; finishReason?: string }>;
  promptFeedback?: { blockReason?: string };
  modelVersion?: string;
  error?: { message?: string };
}

export class GeminiImageClient implements ImageProvider {
  readonly id = 'google-gemini';
  readonly capabilities: ReadonlySet<WorldCapability> = new Set(['image_generate']);
  private readonly base: string;

  constructor(private readonly opts: { apiKey: string; baseUrl?: string; model?: string }) {
    this.base = (opts.baseUrl ?? 'https://generativelanguage.googleapis.com').replace(/\/+$/, '');
  }

  get model(): string {
    return this.opts.model ?? GEMINI_IMAGE_MODELS.draft;
  }

  async healthcheck(signal?: AbortSignal): Promise<void> {
    const res = await fetch(`${this.base}/v1beta/models/${this.model}`, { headers: { 'x-goog-api-key': this.opts.apiKey }, signal });
    if (!res.ok) throw new WorldProviderError('google-gemini', `Gemini model ${this.model} answered ${res.status}`, res.status >= 500);
  }

  async generateImage(args: { prompt: string; negativePrompt?: string; aspectRatio?: string; signal?: AbortSignal }): Promise<GeneratedImage> {
    const text = args.negativePrompt ? `${args.prompt}\nAvoid: ${args.negativePrompt}` : args.prompt;
    let res: Response;
    try {
      res = await fetch(`${this.base}/v1beta/models/${this.model}:generateContent`, {
        method: 'POST',
        headers: { 'x-goog-api-key': this.opts.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ contents: [{ parts: [{ text }] }], generationConfig: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: args.aspectRatio ?? '1:1' } } }),
        signal: args.signal,
      });
    } catch (err) {
      if (args.signal?.aborted) throw err;
      throw new WorldProviderError('google-gemini', `Gemini at ${this.base} is unreachable: ${(err as Error).message}`, true);
    }
    const body = (await res.json().catch(() => ({}))) as GenerateContentResponse;
    if (!res.ok) {
      const auth = res.status === 401 || res.status === 403;
      throw new WorldProviderError('google-gemini', `Gemini ${this.model} answered ${res.status}${auth ? ' (check the Gemini API key in Settings → Providers)' : ''}: ${body.error?.message ?? 'no message'}`, !auth && res.status !== 400);
    }
    if (body.promptFeedback?.blockReason) throw new WorldProviderError('google-gemini', `Gemini refused the prompt (${body.promptFeedback.blockReason})`, false);
    const part = body.candidates?.[0]?.content?.parts?.find((p) => p.inlineData?.data);
    if (!part?.inlineData?.data) throw new WorldProviderError('google-gemini', `Gemini ${this.model} answered without an image (finishReason ${body.candidates?.[0]?.finishReason ?? 'none'})`, true);
    return { mime: part.inlineData.mimeType ?? 'image/png', data: new Uint8Array(Buffer.from(part.inlineData.data, 'base64')), model: body.modelVersion ?? this.model };
  }
}
