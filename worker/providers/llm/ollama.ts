import type { Message } from 'ollama';
import type { z } from 'zod';
import { deadline } from './deadline.js';
import { providerError, streamCut, toProviderError } from './errors.js';
import { ollamaApi, ollamaContext, OLLAMA_DEFAULT_URL } from './ollama-admin.js';
import { prepareSchema, repairPrompt, schemaInstruction, withRepairs } from './structured.js';
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

export interface OllamaClientOptions extends ClientOptions {
  url?: string;
  model: string;
  /** How long Ollama keeps the model loaded after a call (`keep_alive`); the server's default (5m) when unset. */
  keepAlive?: string | number;
}

interface OllamaCounts {
  prompt_eval_count?: number;
  eval_count?: number;
}

function usageOf(res: OllamaCounts): Usage {
  return { promptTokens: res.prompt_eval_count ?? 0, completionTokens: res.eval_count ?? 0 };
}

/** LLM, vision and embeddings through the official `ollama` client (/api/chat, /api/embed). */
export class OllamaClient implements LlmClient {
  readonly provider = 'ollama' as const;
  readonly label = 'Ollama';
  readonly supportsEmbeddings = true;
  readonly url: string;
  readonly model: string;
  private readonly timeoutMs: number;
  private readonly keepAlive: string | number | undefined;
  private readonly log: ClientOptions['log'];

  constructor(opts: OllamaClientOptions) {
    this.url = (opts.url ?? OLLAMA_DEFAULT_URL).replace(/\/+$/, '');
    this.model = opts.model;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.keepAlive = opts.keepAlive;
    this.log = opts.log;
  }

  private messages(system: string | undefined, messages: LlmMessage[]): Message[] {
    const out: Message[] = system ? [{ role: 'system', content: system }] : [];
    for (const m of messages) out.push(m.images?.length ? { role: m.role, content: m.content, images: m.images } : { role: m.role, content: m.content });
    return out;
  }

  private options(req: { temperature?: number; maxTokens?: number }): Record<string, number> {
    const o: Record<string, number> = {};
    if (req.temperature !== undefined) o.temperature = req.temperature;
    if (req.maxTokens !== undefined) o.num_predict = req.maxTokens;
    return o;
  }

  private keep(): { keep_alive?: string | number } {
    return this.keepAlive === undefined ? {} : { keep_alive: this.keepAlive };
  }

  async chat(req: ChatRequest): Promise<ChatResult> {
    const started = Date.now();
    const dl = deadline(req.signal, req.timeoutMs ?? this.timeoutMs);
    const ctx = ollamaContext(this.url, this.model, dl);
    const api = ollamaApi(this.url, dl.signal);
    const base = { model: this.model, messages: this.messages(req.system, req.messages), options: this.options(req), ...this.keep() };
    try {
      if (!req.onToken) {
        const res = await api.chat({ ...base, stream: false });
        return { text: res.message.content, usage: usageOf(res), provider: this.provider, model: this.model, ms: Date.now() - started };
      }
      let text = '';
      let usage: Usage | null = null;
      for await (const part of await api.chat({ ...base, stream: true })) {
        const token = part.message?.content ?? '';
        if (token) {
          text += token;
          req.onToken(token);
        }
        if (part.done) usage = usageOf(part);
      }
      if (!usage) throw streamCut(ctx);
      return { text, usage, provider: this.provider, model: this.model, ms: Date.now() - started };
    } catch (err) {
      if (/Did not receive done or success/.test((err as Error).message ?? '') && !dl.signal.aborted) throw streamCut(ctx);
      throw toProviderError(err, ctx);
    }
  }

  /** `format` carries the JSON schema, so Ollama constrains decoding to it; zod still checks. */
  async json<S extends z.ZodType>(schema: S, req: JsonRequest): Promise<JsonResult<z.output<S>>> {
    const started = Date.now();
    const prepared = prepareSchema(schema);
    const system = [req.system, schemaInstruction(prepared)].filter(Boolean).join('\n\n');
    const result = await withRepairs(schema, prepared, {
      maxRepairs: req.maxRepairs ?? DEFAULT_MAX_REPAIRS,
      label: `Ollama (${this.model})`,
      log: this.log,
      exhausted: (last, n) =>
        providerError(ollamaContext(this.url, this.model), 'bad_response', `Ollama model '${this.model}' at ${this.url} gave no valid answer in ${n} attempts; last problem: ${last} — try a larger model or simplify the request`),
      attempt: async (turns) => {
        const dl = deadline(req.signal, req.timeoutMs ?? this.timeoutMs);
        const messages = this.messages(system, req.messages);
        for (const t of turns) messages.push({ role: 'assistant', content: String(t.output.raw) }, { role: 'user', content: repairPrompt(t.error) });
        try {
          const res = await ollamaApi(this.url, dl.signal).chat({
            model: this.model,
            messages,
            format: prepared.jsonSchema,
            options: this.options(req),
            stream: false,
            ...this.keep(),
          });
          return { raw: res.message.content, usage: usageOf(res) };
        } catch (err) {
          throw toProviderError(err, ollamaContext(this.url, this.model, dl));
        }
      },
    });
    return { ...result, provider: this.provider, model: this.model, ms: Date.now() - started };
  }

  async embed(texts: string[], options: EmbedOptions = {}): Promise<number[][]> {
    if (texts.length === 0) return [];
    const dl = deadline(options.signal, options.timeoutMs ?? this.timeoutMs);
    const ctx = ollamaContext(this.url, this.model, dl);
    let embeddings: number[][];
    try {
      const res = await ollamaApi(this.url, dl.signal).embed({
        model: this.model,
        input: texts,
        truncate: true,
        ...(options.dimensions ? { dimensions: options.dimensions } : {}),
        ...this.keep(),
      });
      embeddings = res.embeddings;
    } catch (err) {
      throw toProviderError(err, ctx);
    }
    if (!Array.isArray(embeddings) || embeddings.length !== texts.length || !embeddings.every((e) => Array.isArray(e) && e.length > 0)) {
      throw providerError(ctx, 'bad_response', `Ollama at ${this.url} returned ${Array.isArray(embeddings) ? embeddings.length : 'no'} embeddings for ${texts.length} texts — is '${this.model}' an embedding model?`);
    }
    return embeddings;
  }

  async listModels(signal?: AbortSignal, timeoutMs = 5000): Promise<string[]> {
    const dl = deadline(signal, timeoutMs);
    try {
      return (await ollamaApi(this.url, dl.signal).list()).models.map((m) => m.name);
    } catch (err) {
      throw toProviderError(err, ollamaContext(this.url, undefined, dl));
    }
  }
}
