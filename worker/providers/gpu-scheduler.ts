import type { WorkerProviderConfig } from '../../shared/schemas/providers.js';
import { ComfyClient } from './comfyui/client.js';
import { unloadAll } from './llm/ollama-admin.js';

/** Which local GPU user is about to run. */
export type GpuConsumer = 'comfyui' | 'ollama';

export type GpuLog = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

export interface GpuPrepResult {
  consumer: GpuConsumer;
  /** What was done, one line each (also logged). Empty when nothing needed doing. */
  actions: string[];
}

/** Freeing the other service's VRAM only helps when both run on this same machine. */
export function sameMachine(a: string, b: string): boolean {
  const host = (u: string) => {
    try {
      return new URL(/^[a-z]+:\/\//i.test(u) ? u : `http://${u}`).hostname.toLowerCase().replace(/^\[|\]$/g, '');
    } catch {
      return u.toLowerCase();
    }
  };
  const loopback = (h: string) => h === 'localhost' || h === '::1' || h === '0.0.0.0' || h.startsWith('127.');
  const ha = host(a);
  const hb = host(b);
  return ha === hb || (loopback(ha) && loopback(hb));
}

const OLLAMA_BUDGET_MS = 8000;
const COMFY_FREE_MS = 3000;

/**
 * GPU jobs run one at a time in the pool, but ComfyUI and Ollama keep models resident between
 * jobs. Before one runs, ask the other to let go of its VRAM: Ollama unloads its loaded models
 * (keep_alive 0), ComfyUI gets POST /free. Best effort with short timeouts: a service that is not
 * running holds no VRAM, so failures are logged and never fail the job.
 */
export async function prepareGpuFor(consumer: GpuConsumer, config: WorkerProviderConfig, signal: AbortSignal, log: GpuLog = () => {}): Promise<GpuPrepResult> {
  const actions: string[] = [];
  const note = (level: 'info' | 'debug', line: string) => {
    if (level === 'info') actions.push(line);
    log(level, `GPU: ${line}`);
  };
  const ollamaUrl = config.ollama.url;
  const comfyUrl = config.comfyui.url;
  if (!sameMachine(ollamaUrl, comfyUrl)) {
    note('debug', `Ollama (${ollamaUrl}) and ComfyUI (${comfyUrl}) are on different hosts; nothing to free`);
    return { consumer, actions };
  }
  if (consumer === 'comfyui') {
    const budget = AbortSignal.any([signal, AbortSignal.timeout(OLLAMA_BUDGET_MS)]);
    try {
      const unloaded = await unloadAll(ollamaUrl, { signal: budget, timeoutMs: 3000 });
      if (unloaded.length) note('info', `asked Ollama at ${ollamaUrl} to unload ${unloaded.join(', ')} (keep_alive 0) before ComfyUI`);
      else note('debug', `Ollama at ${ollamaUrl} has no models loaded`);
    } catch (err) {
      if (!signal.aborted) note('debug', `could not unload Ollama models at ${ollamaUrl}: ${(err as Error).message}`);
    }
  } else {
    try {
      await new ComfyClient(comfyUrl).free({ unload_models: true, free_memory: true }, signal, COMFY_FREE_MS);
      note('info', `asked ComfyUI at ${comfyUrl} to unload models and free memory (POST /free) before Ollama`);
    } catch (err) {
      if (!signal.aborted) note('debug', `could not ask ComfyUI at ${comfyUrl} to free memory: ${(err as Error).message}`);
    }
  }
  return { consumer, actions };
}
