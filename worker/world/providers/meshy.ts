import type { WorkerProviderConfig } from '../../../shared/schemas/providers.js';
import { WorldProviderError, type GeneratedMesh, type MeshProvider, type WorldCapability } from './types.js';

/**
 * Meshy text-to-3D (docs.meshy.ai, API v2): a preview task (geometry) then a refine task
 * (textures) on it — the seed's placeholder → finalise flow — polled until SUCCEEDED, then the
 * refined GLB is downloaded. Auth: `Authorization: Bearer <key>`. Configured in Settings →
 * Providers (key encrypted at rest) or by MESHY_API_KEY / MESHY_BASE_URL (a gateway or the test fake).
 */

export interface MeshyOptions {
  apiKey: string;
  baseUrl?: string;
  /** Meshy's ai_model (default 'latest'). */
  model?: string;
  pollMs?: number;
  /** Whole preview + refine + download budget. */
  timeoutMs?: number;
}

interface MeshyTask {
  id: string;
  status: 'PENDING' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'CANCELED' | 'EXPIRED';
  progress?: number;
  model_urls?: { glb?: string };
  task_error?: { message?: string };
}

/** The client for a job's provider config: the key from Settings → Providers (encrypted at rest) or MESHY_API_KEY, the host's precedence applied. */
export function meshyFromConfig(config: Pick<WorkerProviderConfig, 'meshy'>): MeshyClient | null {
  return config.meshy.apiKey ? new MeshyClient({ apiKey: config.meshy.apiKey, baseUrl: config.meshy.url || undefined }) : null;
}

export class MeshyClient implements MeshProvider {
  readonly id = 'meshy';
  readonly capabilities: ReadonlySet<WorldCapability> = new Set(['text_to_3d']);
  readonly model: string;
  private readonly base: string;

  constructor(private readonly opts: MeshyOptions) {
    this.base = (opts.baseUrl ?? 'https://api.meshy.ai').replace(/\/+$/, '');
    this.model = opts.model ?? 'latest';
  }

  private async request<T>(method: 'GET' | 'POST', path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.opts.apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal,
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new WorldProviderError('meshy', `Meshy at ${this.base} is unreachable: ${(err as Error).message}`, true);
    }
    const text = await res.text();
    if (!res.ok) {
      let message = text.slice(0, 200);
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? message;
      } catch {
        /* not JSON */
      }
      const auth = res.status === 401 || res.status === 403;
      throw new WorldProviderError('meshy', `Meshy ${method} ${path} answered ${res.status}${auth ? ' (check the Meshy key in Settings → Providers or MESHY_API_KEY)' : ''}: ${message}`, !auth && res.status !== 400 && res.status !== 402);
    }
    return JSON.parse(text) as T;
  }

  async healthcheck(signal?: AbortSignal): Promise<void> {
    await this.request('GET', '/openapi/v2/text-to-3d?page_size=1', undefined, signal);
  }

  private async poll(id: string, deadline: number, signal: AbortSignal | undefined, onProgress: (p: number) => void): Promise<MeshyTask> {
    for (;;) {
      const task = await this.request<MeshyTask>('GET', `/openapi/v2/text-to-3d/${encodeURIComponent(id)}`, undefined, signal);
      onProgress((task.progress ?? 0) / 100);
      if (task.status === 'SUCCEEDED') return task;
      if (task.status === 'FAILED' || task.status === 'CANCELED' || task.status === 'EXPIRED') {
        throw new WorldProviderError('meshy', `Meshy task ${id} ${task.status.toLowerCase()}: ${task.task_error?.message || 'no reason given'}`, task.status !== 'CANCELED');
      }
      if (Date.now() > deadline) throw new WorldProviderError('meshy', `Meshy task ${id} did not finish in time (last status ${task.status}, ${task.progress ?? 0}%)`, true);
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, this.opts.pollMs ?? 5000);
        signal?.addEventListener('abort', () => { clearTimeout(t); reject(signal.reason); }, { once: true });
      });
    }
  }

  async textToMesh(args: { prompt: string; negativePrompt?: string; seed?: number; signal?: AbortSignal; onProgress?: (fraction: number, message: string) => void }): Promise<GeneratedMesh> {
    const deadline = Date.now() + (this.opts.timeoutMs ?? 10 * 60_000);
    const progress = args.onProgress ?? (() => {});
    const preview = await this.request<{ result: string }>('POST', '/openapi/v2/text-to-3d', {
      mode: 'preview', prompt: args.prompt.slice(0, 600), ...(args.negativePrompt ? { negative_prompt: args.negativePrompt } : {}),
      art_style: 'realistic', ai_model: this.model, ...(args.seed !== undefined ? { seed: args.seed } : {}), topology: 'triangle', target_polycount: 10000,
    }, args.signal);
    progress(0.05, `Meshy preview ${preview.result} queued`);
    await this.poll(preview.result, deadline, args.signal, (p) => progress(0.05 + p * 0.45, `Meshy preview ${Math.round(p * 100)}%`));
    const refine = await this.request<{ result: string }>('POST', '/openapi/v2/text-to-3d', { mode: 'refine', preview_task_id: preview.result, enable_pbr: true }, args.signal);
    const done = await this.poll(refine.result, deadline, args.signal, (p) => progress(0.5 + p * 0.45, `Meshy refine ${Math.round(p * 100)}%`));
    const url = done.model_urls?.glb;
    if (!url) throw new WorldProviderError('meshy', `Meshy task ${refine.result} succeeded without a GLB url`, false);
    const res = await fetch(url, { signal: args.signal });
    if (!res.ok) throw new WorldProviderError('meshy', `downloading the Meshy GLB answered ${res.status}`, true);
    const glb = new Uint8Array(await res.arrayBuffer());
    progress(1, `Meshy GLB downloaded (${Math.round(glb.length / 1024)} kB)`);
    return { glb, model: `meshy:${this.model}`, version: null, tasks: [preview.result, refine.result] };
  }
}
