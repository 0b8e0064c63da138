import type { z } from 'zod';
import type { ProviderId } from '../../../shared/schemas/providers.js';

/** LLM providers this layer speaks to (all real services, no embedded defaults here). */
export type LlmProviderId = Extract<ProviderId, 'ollama' | 'openai-compatible' | 'anthropic' | 'openai'>;

export interface LlmMessage {
  role: 'user' | 'assistant';
  content: string;
  /** Base64 images (PNG or JPEG, no data: prefix) for vision models. */
  images?: string[];
}

export interface ChatRequest {
  system?: string;
  messages: LlmMessage[];
  temperature?: number;
  maxTokens?: number;
  /** Aborts the HTTP call (job cancel). */
  signal?: AbortSignal;
  /** When given, the reply is streamed and each text fragment arrives here in order. */
  onToken?: (token: string) => void;
  /** Overrides the client's timeout for this call (ms, whole call including the stream). */
  timeoutMs?: number;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

export interface ChatResult {
  text: string;
  usage: Usage;
  provider: LlmProviderId;
  model: string;
  ms: number;
}

export interface JsonRequest extends Omit<ChatRequest, 'onToken'> {
  /** Name of the schema as the provider sees it (OpenAI json_schema name, Anthropic tool name). */
  name?: string;
  /** How many times a wrong answer is sent back with its validation error (default 2). */
  maxRepairs?: number;
}

export interface JsonResult<T> {
  value: T;
  usage: Usage;
  provider: LlmProviderId;
  model: string;
  /** 1 when the first answer was valid; 1 + repairs otherwise. */
  attempts: number;
  ms: number;
}

export interface EmbedOptions {
  signal?: AbortSignal;
  /** Ask the provider for vectors of this size (Ollama `dimensions`, OpenAI text-embedding-3 `dimensions`). */
  dimensions?: number;
  timeoutMs?: number;
}

export interface LlmClient {
  readonly provider: LlmProviderId;
  /** Human name used in messages ("Ollama", "OpenAI-compatible server", …). */
  readonly label: string;
  readonly model: string;
  /** Base URL the client talks to (never contains a key). */
  readonly url: string;
  readonly supportsEmbeddings: boolean;
  chat(request: ChatRequest): Promise<ChatResult>;
  /** Structured output validated with zod, with repair-and-retry. */
  json<S extends z.ZodType>(schema: S, request: JsonRequest): Promise<JsonResult<z.output<S>>>;
  /** Throws ProviderError('not_configured') where the provider has no embeddings API. */
  embed(texts: string[], options?: EmbedOptions): Promise<number[][]>;
  listModels(signal?: AbortSignal, timeoutMs?: number): Promise<string[]>;
}

/** Options shared by every client constructor. */
export interface ClientOptions {
  /** Whole-call timeout in ms (default 120 s: local models can take a while to load). */
  timeoutMs?: number;
  /** SDK-level retries for 429/5xx on hosted APIs (default 2 for Anthropic/OpenAI, 0 for local servers). */
  maxRetries?: number;
  /** Where the client explains itself (the job log). Never receives secrets. */
  log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
}

export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_REPAIRS = 2;
