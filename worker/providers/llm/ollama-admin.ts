import { Ollama } from 'ollama';
import { deadline, fetchWithSignal, type Deadline } from './deadline.js';
import { providerError, toProviderError, type ErrorContext } from './errors.js';

/**
 * Talking to an Ollama server about its models: version, tags, show, ps, unload, pull. The chat
 * client (ollama.ts) builds on the same connection helpers.
 */
export const OLLAMA_DEFAULT_URL = 'http://127.0.0.1:11434';

export function ollamaContext(url: string, model?: string, dl?: Deadline): ErrorContext {
  return {
    provider: 'ollama',
    label: 'Ollama',
    url,
    model,
    deadline: dl,
    fix: {
      unreachable: 'start it with `ollama serve` (or the Ollama app) or change the URL in Settings → Providers',
      auth: 'Ollama needs no key; check any proxy in front of it',
      model: `pull it with \`ollama pull ${model ?? '<name>'}\` or use Pull in Settings → Providers`,
    },
  };
}

/** An `ollama` client whose every request (streamed or not) carries `signal`. */
export function ollamaApi(url: string, signal: AbortSignal): Ollama {
  return new Ollama({ host: url, fetch: fetchWithSignal(signal) });
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

async function call<T>(url: string, opts: CallOptions, defaultMs: number, fn: (api: Ollama) => Promise<T>, model?: string): Promise<T> {
  const dl = deadline(opts.signal, opts.timeoutMs ?? defaultMs);
  try {
    return await fn(ollamaApi(url, dl.signal));
  } catch (err) {
    throw toProviderError(err, ollamaContext(url, model, dl));
  }
}

export function ollamaVersion(url: string, opts: CallOptions = {}): Promise<string> {
  return call(url, opts, 3000, async (api) => (await api.version()).version);
}

export interface OllamaModelInfo {
  name: string;
  family: string | null;
  parameterSize: string | null;
  size: number;
}

/** GET /api/tags: the models pulled on this server. */
export function listOllamaModels(url: string, opts: CallOptions = {}): Promise<OllamaModelInfo[]> {
  return call(url, opts, 3000, async (api) =>
    (await api.list()).models.map((m) => ({ name: m.name, family: m.details?.family ?? null, parameterSize: m.details?.parameter_size ?? null, size: m.size })),
  );
}

/** POST /api/show `capabilities` ("completion", "vision", "embedding", …); [] on servers too old to say. */
export function ollamaModelCapabilities(url: string, model: string, opts: CallOptions = {}): Promise<string[]> {
  return call(url, opts, 3000, async (api) => (await api.show({ model })).capabilities ?? [], model);
}

/** GET /api/ps: models loaded in memory now. */
export function loadedOllamaModels(url: string, opts: CallOptions = {}): Promise<string[]> {
  return call(url, opts, 3000, async (api) => (await api.ps()).models.map((m) => m.name));
}

/**
 * Frees GPU memory before ComfyUI runs: every model /api/ps lists is sent `keep_alive: 0`
 * (the documented unload: an empty /api/generate). Embedding-only models refuse generate, so
 * they get the same through /api/embed. Returns the names it unloaded.
 */
export async function unloadAll(url: string, opts: CallOptions = {}): Promise<string[]> {
  const loaded = await loadedOllamaModels(url, opts);
  const unloaded: string[] = [];
  for (const model of loaded) {
    await call(url, opts, 10_000, async (api) => {
      try {
        await api.generate({ model, prompt: '', keep_alive: 0, stream: false });
      } catch (err) {
        if ((err as { status_code?: number }).status_code !== 400) throw err;
        await api.embed({ model, input: [], keep_alive: 0 });
      }
    }, model);
    unloaded.push(model);
  }
  return unloaded;
}

/**
 * POST /api/pull, streamed. Ollama reports bytes per layer (digest); the fraction is the sum of
 * completed over the sum of totals of the layers seen so far, never going backwards, and 1 on
 * "success". Pulls take minutes to hours, so there is no timeout unless one is given.
 */
export async function pullModel(
  url: string,
  model: string,
  onProgress: (fraction: number, status: string) => void,
  signal?: AbortSignal,
  opts: { timeoutMs?: number } = {},
): Promise<void> {
  const dl = deadline(signal, opts.timeoutMs ?? 24 * 3600_000);
  const ctx = ollamaContext(url, model, dl);
  const layers = new Map<string, { total: number; completed: number }>();
  let shown = 0;
  let success = false;
  try {
    const stream = await ollamaApi(url, dl.signal).pull({ model, stream: true });
    for await (const part of stream) {
      if (part.digest && part.total) layers.set(part.digest, { total: part.total, completed: part.completed ?? 0 });
      let total = 0;
      let completed = 0;
      for (const l of layers.values()) {
        total += l.total;
        completed += Math.min(l.completed, l.total);
      }
      if (part.status === 'success') success = true;
      const fraction = success ? 1 : total > 0 ? Math.min(0.99, completed / total) : shown;
      shown = Math.max(shown, fraction);
      onProgress(shown, part.status);
    }
  } catch (err) {
    const msg = (err as Error).message ?? '';
    if (/file does not exist|manifest.*not found|not found/i.test(msg) && !dl.signal.aborted) {
      throw providerError(ctx, 'missing_model', `Ollama at ${url} could not pull '${model}': ${msg} — check the name on ollama.com/library`);
    }
    if (/Did not receive done or success/.test(msg)) throw providerError(ctx, 'server_error', `Ollama at ${url} ended the pull of '${model}' before it finished — try again`);
    throw toProviderError(err, ctx);
  }
  if (!success) throw providerError(ctx, 'server_error', `Ollama at ${url} ended the pull of '${model}' before it finished — try again`);
}
