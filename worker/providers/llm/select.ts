import type { ProviderChoice, ProviderId, WorkerProviderConfig } from '../../../shared/schemas/providers.js';
import { ProviderError } from '../types.js';
import { AnthropicClient } from './anthropic.js';
import { providerError } from './errors.js';
import { OllamaClient } from './ollama.js';
import { listOllamaModels, ollamaContext, ollamaModelCapabilities, ollamaVersion } from './ollama-admin.js';
import { OPENAI_EMBEDDING_MODEL, OpenAiCompatibleClient } from './openai-compatible.js';
import type { ClientOptions, LlmClient, LlmProviderId } from './types.js';

export type LlmCapability = 'llm' | 'vision' | 'embeddings';

/** The order "auto" tries: local first (free, private), then BYOK services. */
export const LLM_PROVIDER_ORDER: readonly LlmProviderId[] = ['ollama', 'openai-compatible', 'anthropic', 'openai'];

/** Providers with no network and no model: the caller's embedded default takes over. */
const EMBEDDED: ReadonlySet<ProviderId> = new Set(['procedural', 'espeak', 'script-timing', 'hashed-features', 'ffmpeg', 'chromium']);

export interface SelectOptions {
  capability: LlmCapability;
  /** Defaults to the job's `config.choice[capability]`, then 'auto'. */
  choice?: ProviderChoice;
  signal?: AbortSignal;
  /** Per-provider reachability probe (default 1.5 s; an explicit choice gets at least 5 s). */
  probeTimeoutMs?: number;
  /** Timeouts, retries and the log for the client that is returned. */
  client?: ClientOptions;
  /** Base URL overrides for the hosted APIs (tests, corporate proxies). */
  endpoints?: { anthropic?: string; openai?: string };
  log?: ClientOptions['log'];
}

interface Ctx {
  config: WorkerProviderConfig;
  capability: LlmCapability;
  signal?: AbortSignal;
  probeMs: number;
  opts: SelectOptions;
}

const SUGGESTED_PULL: Record<LlmCapability, string> = { llm: 'llama3.2', vision: 'qwen2.5vl', embeddings: 'nomic-embed-text' };

function sameModel(a: string, b: string): boolean {
  const norm = (s: string) => (s.includes(':') ? s : `${s}:latest`);
  return norm(a) === norm(b);
}

/** Guess from the name, for Ollama servers too old to report capabilities. */
function looksLike(capability: LlmCapability, name: string): boolean {
  const embedding = /embed|bge|minilm|e5-|gte-|arctic/i.test(name);
  if (capability === 'embeddings') return embedding;
  if (capability === 'vision') return /llava|vision|vl\b|vl:|moondream|minicpm-v|gemma3/i.test(name);
  return !embedding;
}

async function ollama(ctx: Ctx): Promise<LlmClient> {
  const url = ctx.config.ollama.url;
  const probe = { signal: ctx.signal, timeoutMs: ctx.probeMs };
  await ollamaVersion(url, probe);
  const pulled = await listOllamaModels(url, probe);
  const wanted = ctx.config.ollama.models[ctx.capability];
  let model: string | undefined;
  if (wanted) {
    model = pulled.find((m) => sameModel(m.name, wanted))?.name;
    if (!model) throw providerError(ollamaContext(url, wanted), 'missing_model', `Ollama at ${url}: model '${wanted}' is not pulled — run \`ollama pull ${wanted}\` or use Pull in Settings → Providers`);
  } else {
    // No model set for this capability: the first pulled model that can do it.
    const need = ctx.capability === 'llm' ? 'completion' : ctx.capability === 'vision' ? 'vision' : 'embedding';
    for (const m of pulled.slice(0, 8)) {
      const caps = await ollamaModelCapabilities(url, m.name, probe).catch(() => [] as string[]);
      const fits = caps.length ? caps.includes(need) && (ctx.capability !== 'llm' || !caps.includes('embedding')) : looksLike(ctx.capability, m.name);
      if (fits) {
        model = m.name;
        break;
      }
    }
    if (!model) {
      const s = SUGGESTED_PULL[ctx.capability];
      throw providerError(ollamaContext(url), 'missing_model', `Ollama at ${url} has no ${ctx.capability} model pulled — run \`ollama pull ${s}\` or use Pull in Settings → Providers, then pick it there`);
    }
  }
  return new OllamaClient({ url, model, ...ctx.opts.client });
}

async function openaiCompatible(ctx: Ctx): Promise<LlmClient> {
  const c = ctx.config.openaiCompatible;
  if (!c.url) {
    throw new ProviderError('openai-compatible', 'No OpenAI-compatible server URL is set — enter one in Settings → Providers (LM Studio: http://127.0.0.1:1234/v1, llama.cpp: http://127.0.0.1:8080/v1)', 'not_configured');
  }
  const probe = new OpenAiCompatibleClient({ flavor: 'compatible', url: c.url, apiKey: c.apiKey, model: c.model ?? '' });
  const listed = await probe.listModels(ctx.signal, ctx.probeMs);
  const embeddingModel = ctx.capability === 'embeddings' ? (c.model && /embed/i.test(c.model) ? c.model : listed.find((id) => /embed/i.test(id))) : undefined;
  const model = ctx.capability === 'embeddings' ? embeddingModel : c.model ?? listed[0];
  if (!model) {
    const what = ctx.capability === 'embeddings' ? 'embedding model' : 'model';
    throw providerError(probe.context(), 'missing_model', `The OpenAI-compatible server at ${probe.url} lists no ${what} — load one in the server (LM Studio: Developer → Load model) or set the model in Settings → Providers`);
  }
  return new OpenAiCompatibleClient({ flavor: 'compatible', url: c.url, apiKey: c.apiKey, model, embeddingModel, ...ctx.opts.client });
}

async function anthropic(ctx: Ctx): Promise<LlmClient> {
  const c = ctx.config.anthropic;
  if (ctx.capability === 'embeddings') throw new ProviderError('anthropic', 'Anthropic has no embeddings API — choose Ollama (with an embeddings model) or OpenAI for embeddings in Settings → Providers', 'not_configured');
  if (!c.apiKey) throw new ProviderError('anthropic', 'No Anthropic API key is set — add one in Settings → Providers', 'not_configured');
  const client = new AnthropicClient({ apiKey: c.apiKey, model: c.model, baseURL: ctx.opts.endpoints?.anthropic, ...ctx.opts.client });
  await client.listModels(ctx.signal, ctx.probeMs);
  return client;
}

async function openai(ctx: Ctx): Promise<LlmClient> {
  const c = ctx.config.openai;
  if (!c.apiKey) throw new ProviderError('openai', 'No OpenAI API key is set — add one in Settings → Providers', 'not_configured');
  const client = new OpenAiCompatibleClient({
    flavor: 'openai',
    url: ctx.opts.endpoints?.openai,
    apiKey: c.apiKey,
    model: ctx.capability === 'embeddings' ? OPENAI_EMBEDDING_MODEL : c.model,
    embeddingModel: OPENAI_EMBEDDING_MODEL,
    ...ctx.opts.client,
  });
  await client.listModels(ctx.signal, ctx.probeMs);
  return client;
}

const RESOLVERS: Record<LlmProviderId, (ctx: Ctx) => Promise<LlmClient>> = {
  ollama,
  'openai-compatible': openaiCompatible,
  anthropic,
  openai,
};

function isLlmProvider(id: ProviderChoice): id is LlmProviderId {
  return (LLM_PROVIDER_ORDER as readonly string[]).includes(id);
}

/**
 * The LLM client for a capability, from the job's provider settings.
 * - An explicit choice that is unreachable or misconfigured throws its ProviderError (never a silent fake).
 * - 'auto' takes the first usable provider in LLM_PROVIDER_ORDER, probing each quickly.
 * - null: nothing is usable (or an embedded default was chosen); the caller uses its embedded default.
 */
export async function selectLlm(config: WorkerProviderConfig, opts: SelectOptions): Promise<LlmClient | null> {
  const choice = opts.choice ?? config.choice[opts.capability] ?? 'auto';
  const log = opts.log ?? opts.client?.log;
  const base = { config, capability: opts.capability, signal: opts.signal, opts };

  if (choice !== 'auto') {
    if (EMBEDDED.has(choice)) {
      log?.('info', `${opts.capability}: the embedded default (${choice}) is chosen in Settings → Providers`);
      return null;
    }
    if (!isLlmProvider(choice)) throw new ProviderError(choice, `${choice} cannot provide ${opts.capability} — choose Ollama, an OpenAI-compatible server, Anthropic or OpenAI in Settings → Providers`, 'not_configured');
    const client = await RESOLVERS[choice]({ ...base, probeMs: Math.max(opts.probeTimeoutMs ?? 1500, 5000) });
    log?.('info', `${opts.capability}: using ${client.label} (${client.model}) at ${client.url}, as chosen in Settings`);
    return client;
  }

  const skipped: string[] = [];
  for (const id of LLM_PROVIDER_ORDER) {
    try {
      const client = await RESOLVERS[id]({ ...base, probeMs: opts.probeTimeoutMs ?? 1500 });
      const why = skipped.length ? `; skipped ${skipped.join(' | ')}` : '';
      log?.('info', `${opts.capability}: using ${client.label} (${client.model}) at ${client.url} (auto${why})`);
      return client;
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      if (!(err instanceof ProviderError)) throw err;
      skipped.push(`${id}: ${err.message}`);
    }
  }
  log?.('info', `${opts.capability}: no LLM provider is usable, so the embedded default is used. ${skipped.join(' | ')}`);
  return null;
}
