import type { WorkerProviderConfig } from '../../../shared/schemas/providers.js';
import { ProviderError, type ProviderModule, type ProviderStatusReport, type ProviderTestResult } from '../types.js';
import { AnthropicClient } from './anthropic.js';
import { listOllamaModels, ollamaVersion } from './ollama-admin.js';
import { OpenAiCompatibleClient } from './openai-compatible.js';
import { selectLlm, type SelectOptions } from './select.js';
import type { LlmProviderId } from './types.js';

/** Settings → Providers and `auteur doctor` views of the LLM providers: status() and test(). */
const STATUS_MS = 2500;

function failed(provider: LlmProviderId, err: unknown): ProviderStatusReport {
  const detail = err instanceof ProviderError ? err.message : `${provider}: ${(err as Error)?.message ?? String(err)}`;
  return { provider, reachable: false, version: null, detail };
}

async function ollamaStatus(config: WorkerProviderConfig, signal: AbortSignal): Promise<ProviderStatusReport> {
  const url = config.ollama.url;
  try {
    const version = await ollamaVersion(url, { signal, timeoutMs: STATUS_MS });
    const models = (await listOllamaModels(url, { signal, timeoutMs: STATUS_MS })).map((m) => m.name);
    const chosen = Object.entries(config.ollama.models)
      .filter(([, m]) => m)
      .map(([cap, m]) => `${cap}: ${m}${models.some((x) => x === m || x === `${m}:latest`) ? '' : ' (not pulled)'}`);
    const detail = `Ollama ${version} at ${url}: ${models.length} model${models.length === 1 ? '' : 's'} pulled${chosen.length ? `; ${chosen.join(', ')}` : models.length ? '' : ' — pull one with `ollama pull llama3.2` or Pull in Settings'}`;
    return { provider: 'ollama', reachable: true, version, detail, models };
  } catch (err) {
    return failed('ollama', err);
  }
}

async function compatibleStatus(config: WorkerProviderConfig, signal: AbortSignal): Promise<ProviderStatusReport> {
  const c = config.openaiCompatible;
  if (!c.url) return { provider: 'openai-compatible', reachable: false, version: null, detail: 'Not configured — enter the server URL in Settings → Providers (LM Studio: http://127.0.0.1:1234/v1)' };
  try {
    const client = new OpenAiCompatibleClient({ flavor: 'compatible', url: c.url, apiKey: c.apiKey, model: c.model ?? '' });
    const models = await client.listModels(signal, STATUS_MS);
    const model = c.model ? `; model ${c.model}${models.includes(c.model) ? '' : ' (not listed by the server)'}` : '';
    return { provider: 'openai-compatible', reachable: true, version: null, detail: `OpenAI-compatible server at ${client.url}: ${models.length} models${model}`, models };
  } catch (err) {
    return failed('openai-compatible', err);
  }
}

export interface LlmModuleOptions {
  /** Base URL overrides for the hosted APIs (tests, proxies). */
  endpoints?: SelectOptions['endpoints'];
}

async function keyedStatus(provider: 'anthropic' | 'openai', config: WorkerProviderConfig, signal: AbortSignal, opts: LlmModuleOptions): Promise<ProviderStatusReport> {
  const key = provider === 'anthropic' ? config.anthropic.apiKey : config.openai.apiKey;
  const name = provider === 'anthropic' ? 'Anthropic' : 'OpenAI';
  if (!key) return { provider, reachable: false, version: null, detail: `No ${name} API key — add one in Settings → Providers (bring your own key)` };
  try {
    const client =
      provider === 'anthropic'
        ? new AnthropicClient({ apiKey: key, model: config.anthropic.model, baseURL: opts.endpoints?.anthropic, maxRetries: 0 })
        : new OpenAiCompatibleClient({ flavor: 'openai', apiKey: key, model: config.openai.model, url: opts.endpoints?.openai, maxRetries: 0 });
    const models = await client.listModels(signal, STATUS_MS);
    const model = provider === 'anthropic' ? config.anthropic.model : config.openai.model;
    return { provider, reachable: true, version: null, detail: `${name} at ${client.url}: key accepted, ${models.length} models; using ${model}`, models };
  } catch (err) {
    return failed(provider, err);
  }
}

/** One short real completion with the configured model. */
async function testChat(provider: LlmProviderId, config: WorkerProviderConfig, signal: AbortSignal, opts: LlmModuleOptions): Promise<ProviderTestResult> {
  const started = Date.now();
  try {
    const client = await selectLlm(config, { capability: 'llm', choice: provider, signal, endpoints: opts.endpoints, client: { timeoutMs: 60_000, maxRetries: 0 } });
    if (!client) return { ok: false, detail: `${provider} is not usable`, ms: Date.now() - started };
    const res = await client.chat({ messages: [{ role: 'user', content: 'Reply with the word ok' }], maxTokens: 16, temperature: 0, signal });
    const ok = /\bok\b/i.test(res.text);
    const said = JSON.stringify(res.text.trim().slice(0, 60));
    return { ok, detail: `${client.label} (${res.model}) answered ${said} in ${res.ms} ms${ok ? '' : ' — reachable, but not the expected word'}`, ms: Date.now() - started };
  } catch (err) {
    return { ok: false, detail: err instanceof ProviderError ? err.message : String((err as Error)?.message ?? err), ms: Date.now() - started };
  }
}

export function createLlmModules(opts: LlmModuleOptions = {}): ProviderModule[] {
  return [
    {
      id: 'ollama',
      label: 'Ollama',
      capabilities: ['llm', 'vision', 'embeddings'],
      embedded: false,
      status: (config, signal) => ollamaStatus(config, signal),
      test: (config, signal) => testChat('ollama', config, signal, opts),
    },
    {
      id: 'openai-compatible',
      label: 'OpenAI-compatible server (LM Studio, Jan, llama.cpp, vLLM)',
      capabilities: ['llm', 'vision', 'embeddings'],
      embedded: false,
      status: (config, signal) => compatibleStatus(config, signal),
      test: (config, signal) => testChat('openai-compatible', config, signal, opts),
    },
    {
      id: 'anthropic',
      label: 'Anthropic (Claude)',
      capabilities: ['llm', 'vision'],
      embedded: false,
      status: (config, signal) => keyedStatus('anthropic', config, signal, opts),
      test: (config, signal) => testChat('anthropic', config, signal, opts),
    },
    {
      id: 'openai',
      label: 'OpenAI',
      capabilities: ['llm', 'vision', 'embeddings'],
      embedded: false,
      status: (config, signal) => keyedStatus('openai', config, signal, opts),
      test: (config, signal) => testChat('openai', config, signal, opts),
    },
  ];
}

/** The modules listed in worker/providers/registry.ts, in "auto" order. */
export const LLM_MODULES: ProviderModule[] = createLlmModules();
