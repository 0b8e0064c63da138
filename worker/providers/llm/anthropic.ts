import Anthropic from '@anthropic-ai/sdk';
import type { ContentBlockParam, MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { z } from 'zod';
import { deadline, type Deadline } from './deadline.js';
import { providerError, streamCut, toProviderError, type ErrorContext } from './errors.js';
import { imageMediaType } from './images.js';
import { prepareSchema, repairPrompt, withRepairs } from './structured.js';
import {
  DEFAULT_MAX_REPAIRS,
  DEFAULT_TIMEOUT_MS,
  type ChatRequest,
  type ChatResult,
  type ClientOptions,
  type JsonRequest,
  type JsonResult,
  type LlmClient,
  type LlmMessage,
  type Usage,
} from './types.js';

export const ANTHROPIC_DEFAULT_URL = 'https://api.anthropic.com';
const DEFAULT_MAX_TOKENS = 4096;

export interface AnthropicClientOptions extends ClientOptions {
  apiKey: string;
  model: string;
  /** Override for tests and proxies; api.anthropic.com otherwise (ANTHROPIC_BASE_URL is not read). */
  baseURL?: string;
}

function usageOf(u: { input_tokens?: number | null; output_tokens?: number | null } | null | undefined): Usage {
  return { promptTokens: u?.input_tokens ?? 0, completionTokens: u?.output_tokens ?? 0 };
}

/** Claude through @anthropic-ai/sdk: /v1/messages, streamed or not; structured output is a forced tool call. */
export class AnthropicClient implements LlmClient {
  readonly provider = 'anthropic' as const;
  readonly label = 'Anthropic';
  readonly supportsEmbeddings = false;
  readonly url: string;
  readonly model: string;
  private readonly apiKey: string;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly log: ClientOptions['log'];

  constructor(opts: AnthropicClientOptions) {
    this.url = (opts.baseURL ?? ANTHROPIC_DEFAULT_URL).replace(/\/+$/, '');
    this.apiKey = opts.apiKey;
    this.model = opts.model;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = opts.maxRetries ?? 2;
    this.log = opts.log;
  }

  /** `withModel` false: a call about the service itself (listing models). */
  context(dl?: Deadline, withModel = true): ErrorContext {
    return {
      provider: 'anthropic',
      label: this.label,
      url: this.url,
      model: withModel ? this.model : undefined,
      deadline: dl,
      secrets: [this.apiKey],
      fix: {
        unreachable: 'check the internet connection, or choose a local provider in Settings → Providers',
        auth: 'check the Anthropic API key in Settings → Providers',
        model: 'pick another Claude model in Settings → Providers',
      },
    };
  }

  private sdk(): Anthropic {
    return new Anthropic({ apiKey: this.apiKey, baseURL: this.url, maxRetries: this.maxRetries, timeout: this.timeoutMs + 5000, logLevel: 'off' });
  }

  private messages(messages: LlmMessage[]): MessageParam[] {
    return messages.map((m): MessageParam => {
      if (m.role !== 'user' || !m.images?.length) return { role: m.role, content: m.content };
      const blocks: ContentBlockParam[] = m.images.map((data) => ({ type: 'image', source: { type: 'base64', media_type: imageMediaType(data), data } }));
      blocks.push({ type: 'text', text: m.content });
      return { role: 'user', content: blocks };
    });
  }

  private base(req: { system?: string; temperature?: number; maxTokens?: number }) {
    return {
      model: this.model,
      max_tokens: req.maxTokens ?? DEFAULT_MAX_TOKENS,
      ...(req.system ? { system: req.system } : {}),
      ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
    };
  }

  async chat(req: ChatRequest): Promise<ChatResult> {
    const started = Date.now();
    const dl = deadline(req.signal, req.timeoutMs ?? this.timeoutMs);
    const ctx = this.context(dl);
    const body = { ...this.base(req), messages: this.messages(req.messages) };
    try {
      if (!req.onToken) {
        const res = await this.sdk().messages.create({ ...body, stream: false }, { signal: dl.signal });
        const text = res.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
        return { text, usage: usageOf(res.usage), provider: this.provider, model: this.model, ms: Date.now() - started };
      }
      const stream = await this.sdk().messages.create({ ...body, stream: true }, { signal: dl.signal });
      let text = '';
      let stopped = false;
      const usage: Usage = { promptTokens: 0, completionTokens: 0 };
      for await (const event of stream) {
        if (event.type === 'message_start') usage.promptTokens = event.message.usage?.input_tokens ?? 0;
        else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
          text += event.delta.text;
          req.onToken(event.delta.text);
        } else if (event.type === 'message_delta') usage.completionTokens = event.usage?.output_tokens ?? usage.completionTokens;
        else if (event.type === 'message_stop') stopped = true;
      }
      // The SDK ends the iteration quietly on abort: say why.
      if (dl.signal.aborted) throw toProviderError(new DOMException('aborted', 'AbortError'), ctx);
      if (!stopped) throw streamCut(ctx);
      return { text, usage, provider: this.provider, model: this.model, ms: Date.now() - started };
    } catch (err) {
      throw toProviderError(err, ctx);
    }
  }

  /**
   * The schema becomes the input_schema of one tool and tool_choice forces Claude to call it;
   * a rejected input goes back as an is_error tool_result carrying the validation error.
   */
  async json<S extends z.ZodType>(schema: S, req: JsonRequest): Promise<JsonResult<z.output<S>>> {
    const started = Date.now();
    const prepared = prepareSchema(schema);
    const name = (req.name ?? 'answer').replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
    const tool = { name, description: 'Give the answer as this tool call. Its input is the whole answer.', input_schema: prepared.jsonSchema as { type: 'object' } };
    const result = await withRepairs(schema, prepared, {
      maxRepairs: req.maxRepairs ?? DEFAULT_MAX_REPAIRS,
      label: `Anthropic (${this.model})`,
      log: this.log,
      exhausted: (last, n) => providerError(this.context(), 'bad_response', `Anthropic model '${this.model}' gave no valid answer in ${n} attempts; last problem: ${last}`),
      attempt: async (turns) => {
        const messages = this.messages(req.messages);
        for (const t of turns) {
          if (t.output.id) {
            messages.push({ role: 'assistant', content: [{ type: 'tool_use', id: t.output.id, name, input: t.output.raw }] });
            messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: t.output.id, is_error: true, content: repairPrompt(t.error) }] });
          } else {
            messages.push({ role: 'assistant', content: String(t.output.raw) || '(no answer)' }, { role: 'user', content: repairPrompt(t.error) });
          }
        }
        const dl = deadline(req.signal, req.timeoutMs ?? this.timeoutMs);
        try {
          const res = await this.sdk().messages.create(
            { ...this.base(req), messages, tools: [tool], tool_choice: { type: 'tool', name }, stream: false },
            { signal: dl.signal },
          );
          const call = res.content.find((b) => b.type === 'tool_use' && b.name === name);
          if (call && call.type === 'tool_use') return { raw: call.input, id: call.id, usage: usageOf(res.usage) };
          // No tool call (refusal or max_tokens): the text, if any, is validated (and repaired) instead.
          return { raw: res.content.map((b) => (b.type === 'text' ? b.text : '')).join(''), usage: usageOf(res.usage) };
        } catch (err) {
          throw toProviderError(err, this.context(dl));
        }
      },
    });
    return { ...result, provider: this.provider, model: this.model, ms: Date.now() - started };
  }

  async embed(): Promise<number[][]> {
    throw providerError(this.context(), 'not_configured', 'Anthropic has no embeddings API — choose Ollama (with an embeddings model) or OpenAI for embeddings in Settings → Providers');
  }

  async listModels(signal?: AbortSignal, timeoutMs = 5000): Promise<string[]> {
    const dl = deadline(signal, timeoutMs);
    try {
      const ids: string[] = [];
      for await (const m of this.sdk().models.list({}, { signal: dl.signal })) ids.push(m.id);
      return ids;
    } catch (err) {
      throw toProviderError(err, this.context(dl, false));
    }
  }
}
