import OpenAI from 'openai';
import type { ChatCompletionContentPart, ChatCompletionCreateParamsBase, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { z } from 'zod';
import { ProviderError } from '../types.js';
import { deadline, type Deadline } from './deadline.js';
import { providerError, streamCut, toProviderError, type ErrorContext } from './errors.js';
import { imageMediaType } from './images.js';
import { prepareSchema, repairPrompt, schemaInstruction, withRepairs, type PreparedSchema } from './structured.js';
import {
  DEFAULT_MAX_REPAIRS,
  DEFAULT_TIMEOUT_MS,
  type ChatRequest,
  type ChatResult,
  type ClientOptions,
  type EmbedOptions,
  type JsonRequest,
  type JsonResult,
  type LlmClient,
  type LlmMessage,
  type Usage,
} from './types.js';

export const OPENAI_DEFAULT_URL = 'https://api.openai.com/v1';
export const OPENAI_EMBEDDING_MODEL = 'text-embedding-3-small';

export interface OpenAiClientOptions extends ClientOptions {
  /** 'openai' is api.openai.com with a BYOK key; 'compatible' is LM Studio, Jan, llama.cpp, vLLM … */
  flavor: 'openai' | 'compatible';
  /** Base URL of the /v1 API; a bare host gets `/v1` added. */
  url?: string;
  apiKey?: string | null;
  model: string;
  /** Model for embed(): text-embedding-3-small on OpenAI, the chat model on compatible servers. */
  embeddingModel?: string;
}

/** How structured output is asked for; a server that rejects one mode gets the next. */
type JsonMode = 'json_schema' | 'json_object' | 'prompt';

/** Throws a TypeError for text that is no URL even with http:// added. */
export function normalizeOpenAiUrl(url: string): string {
  const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url.trim()) ? url.trim() : `http://${url.trim()}`);
  if (u.pathname === '/' || u.pathname === '') u.pathname = '/v1';
  return u.toString().replace(/\/+$/, '');
}

function usageOf(u: { prompt_tokens?: number; completion_tokens?: number } | null | undefined): Usage {
  return { promptTokens: u?.prompt_tokens ?? 0, completionTokens: u?.completion_tokens ?? 0 };
}

/** Chat completions, JSON schema output and embeddings through the `openai` package. */
export class OpenAiCompatibleClient implements LlmClient {
  readonly provider: 'openai' | 'openai-compatible';
  readonly label: string;
  readonly url: string;
  readonly model: string;
  readonly supportsEmbeddings = true;
  private readonly flavor: 'openai' | 'compatible';
  private readonly apiKey: string | null;
  private readonly embeddingModel: string;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly log: ClientOptions['log'];
  private jsonMode: JsonMode = 'json_schema';

  constructor(opts: OpenAiClientOptions) {
    this.flavor = opts.flavor;
    this.provider = opts.flavor === 'openai' ? 'openai' : 'openai-compatible';
    this.label = opts.flavor === 'openai' ? 'OpenAI' : 'OpenAI-compatible server';
    try {
      this.url = normalizeOpenAiUrl(opts.url ?? OPENAI_DEFAULT_URL);
    } catch {
      throw new ProviderError(this.provider, `'${opts.url}' is not a valid URL for the ${this.label} — enter one like http://127.0.0.1:1234/v1 in Settings → Providers`, 'not_configured');
    }
    this.apiKey = opts.apiKey ?? null;
    this.model = opts.model;
    this.embeddingModel = opts.embeddingModel ?? (opts.flavor === 'openai' ? OPENAI_EMBEDDING_MODEL : opts.model);
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = opts.maxRetries ?? (opts.flavor === 'openai' ? 2 : 0);
    this.log = opts.log;
  }

  /** `model` null: a call about the server itself (listing models). */
  context(dl?: Deadline, model: string | null = this.model): ErrorContext {
    const openai = this.flavor === 'openai';
    return {
      provider: this.provider,
      label: this.label,
      url: this.url,
      model: model || undefined,
      deadline: dl,
      secrets: [this.apiKey],
      fix: {
        unreachable: openai
          ? 'check the internet connection, or choose a local provider in Settings → Providers'
          : 'start the server (LM Studio: Developer → Start Server; llama.cpp: llama-server; vLLM: vllm serve) or change the URL in Settings → Providers',
        auth: openai ? 'check the OpenAI API key in Settings → Providers' : 'check the API key set for this server in Settings → Providers',
        model: openai
          ? 'this key cannot use it; pick another model in Settings → Providers'
          : 'load it in the server or pick one it lists in Settings → Providers (the URL should end in /v1)',
      },
    };
  }

  private sdk(): OpenAI {
    // Local servers ignore the key, but the SDK insists on one.
    return new OpenAI({ apiKey: this.apiKey ?? 'no-key', baseURL: this.url, maxRetries: this.maxRetries, timeout: this.timeoutMs + 5000, logLevel: 'off' });
  }

  private messages(system: string | undefined, messages: LlmMessage[]): ChatCompletionMessageParam[] {
    const out: ChatCompletionMessageParam[] = system ? [{ role: 'system', content: system }] : [];
    for (const m of messages) {
      if (m.role === 'user' && m.images?.length) {
        const parts: ChatCompletionContentPart[] = [{ type: 'text', text: m.content }];
        for (const img of m.images) parts.push({ type: 'image_url', image_url: { url: `data:${imageMediaType(img)};base64,${img}` } });
        out.push({ role: 'user', content: parts });
      } else out.push({ role: m.role, content: m.content });
    }
    return out;
  }

  private params(req: { temperature?: number; maxTokens?: number }): Partial<ChatCompletionCreateParamsBase> {
    const p: Partial<ChatCompletionCreateParamsBase> = {};
    if (req.temperature !== undefined) p.temperature = req.temperature;
    // OpenAI replaced max_tokens; local servers mostly still read max_tokens.
    if (req.maxTokens !== undefined) {
      if (this.flavor === 'openai') p.max_completion_tokens = req.maxTokens;
      else p.max_tokens = req.maxTokens;
    }
    return p;
  }

  async chat(req: ChatRequest): Promise<ChatResult> {
    const started = Date.now();
    const dl = deadline(req.signal, req.timeoutMs ?? this.timeoutMs);
    const ctx = this.context(dl);
    const body = { model: this.model, messages: this.messages(req.system, req.messages), ...this.params(req) };
    try {
      if (!req.onToken) {
        const res = await this.sdk().chat.completions.create({ ...body, stream: false }, { signal: dl.signal });
        const choice = res.choices?.[0];
        if (!choice) throw providerError(ctx, 'bad_response', `${this.label} at ${this.url} answered without any choices`);
        return { text: choice.message?.content ?? '', usage: usageOf(res.usage), provider: this.provider, model: this.model, ms: Date.now() - started };
      }
      const stream = await this.sdk().chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } }, { signal: dl.signal });
      let text = '';
      let finished = false;
      let usage: Usage = { promptTokens: 0, completionTokens: 0 };
      for await (const chunk of stream) {
        const choice = chunk.choices?.[0];
        const token = choice?.delta?.content;
        if (token) {
          text += token;
          req.onToken(token);
        }
        if (choice?.finish_reason) finished = true;
        if (chunk.usage) usage = usageOf(chunk.usage);
      }
      // The SDK ends the iteration quietly on abort: say why.
      if (dl.signal.aborted) throw toProviderError(new DOMException('aborted', 'AbortError'), ctx);
      if (!finished) throw streamCut(ctx);
      return { text, usage, provider: this.provider, model: this.model, ms: Date.now() - started };
    } catch (err) {
      throw toProviderError(err, ctx);
    }
  }

  private responseFormat(mode: JsonMode, prepared: PreparedSchema, name: string): Partial<ChatCompletionCreateParamsBase> {
    if (mode === 'json_schema') return { response_format: { type: 'json_schema', json_schema: { name, schema: prepared.jsonSchema, strict: prepared.strict } } };
    if (mode === 'json_object') return { response_format: { type: 'json_object' } };
    return {};
  }

  /** A 400/422 that names response_format: the server does not support this mode. */
  private rejectsMode(err: unknown): boolean {
    const e = err as { status?: number; message?: string };
    return (e.status === 400 || e.status === 422) && /response_format|json_schema|json_object|schema/i.test(e.message ?? '');
  }

  async json<S extends z.ZodType>(schema: S, req: JsonRequest): Promise<JsonResult<z.output<S>>> {
    const started = Date.now();
    const prepared = prepareSchema(schema);
    const name = (req.name ?? 'answer').replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
    const system = [req.system, schemaInstruction(prepared)].filter(Boolean).join('\n\n');
    const result = await withRepairs(schema, prepared, {
      maxRepairs: req.maxRepairs ?? DEFAULT_MAX_REPAIRS,
      label: `${this.label} (${this.model})`,
      log: this.log,
      exhausted: (last, n) =>
        providerError(this.context(), 'bad_response', `${this.label} model '${this.model}' at ${this.url} gave no valid answer in ${n} attempts; last problem: ${last}`),
      attempt: async (turns) => {
        const messages = this.messages(system, req.messages);
        for (const t of turns) messages.push({ role: 'assistant', content: String(t.output.raw) }, { role: 'user', content: repairPrompt(t.error) });
        for (;;) {
          const dl = deadline(req.signal, req.timeoutMs ?? this.timeoutMs);
          const mode = this.jsonMode;
          try {
            const res = await this.sdk().chat.completions.create(
              { model: this.model, messages, ...this.params(req), ...this.responseFormat(mode, prepared, name), stream: false },
              { signal: dl.signal },
            );
            const message = res.choices?.[0]?.message;
            return { raw: message?.content ?? message?.refusal ?? '', usage: usageOf(res.usage) };
          } catch (err) {
            if (mode !== 'prompt' && this.rejectsMode(err)) {
              this.jsonMode = mode === 'json_schema' ? 'json_object' : 'prompt';
              this.log?.('info', `${this.label} at ${this.url} does not accept response_format ${mode}; using ${this.jsonMode} instead`);
              continue;
            }
            throw toProviderError(err, this.context(dl));
          }
        }
      },
    });
    return { ...result, provider: this.provider, model: this.model, ms: Date.now() - started };
  }

  async embed(texts: string[], options: EmbedOptions = {}): Promise<number[][]> {
    if (texts.length === 0) return [];
    const dl = deadline(options.signal, options.timeoutMs ?? this.timeoutMs);
    const ctx = this.context(dl, this.embeddingModel);
    let data: Array<{ index: number; embedding: number[] }>;
    try {
      const res = await this.sdk().embeddings.create(
        { model: this.embeddingModel, input: texts, encoding_format: 'float', ...(options.dimensions ? { dimensions: options.dimensions } : {}) },
        { signal: dl.signal },
      );
      data = res.data;
    } catch (err) {
      throw toProviderError(err, ctx);
    }
    if (!Array.isArray(data) || data.length !== texts.length) {
      throw providerError(ctx, 'bad_response', `${this.label} at ${this.url} returned ${Array.isArray(data) ? data.length : 'no'} embeddings for ${texts.length} texts — is '${this.embeddingModel}' an embedding model?`);
    }
    return [...data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
  }

  async listModels(signal?: AbortSignal, timeoutMs = 5000): Promise<string[]> {
    const dl = deadline(signal, timeoutMs);
    try {
      const ids: string[] = [];
      for await (const m of this.sdk().models.list({ signal: dl.signal })) ids.push(m.id);
      return ids;
    } catch (err) {
      throw toProviderError(err, this.context(dl, null));
    }
  }
}
