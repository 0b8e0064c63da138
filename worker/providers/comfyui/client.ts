import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ProviderError } from '../types.js';
import type { ApiWorkflow, FileRef, HistoryEntry, ObjectInfo, PromptErrorBody, PromptResponse, QueueState, SystemStats, UploadResult } from './api-types.js';
import { runPrompt, type RunOptions, type RunResult } from './execution.js';
import { ComfyHttp } from './http.js';

export type ComfyLog = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

function formatPromptError(body: PromptErrorBody): string {
  const parts: string[] = [];
  const e = body.error;
  if (typeof e === 'string') parts.push(e);
  else if (e) parts.push([e.message, e.details].filter(Boolean).join(': '));
  if (body.node_errors && !Array.isArray(body.node_errors)) {
    for (const [id, ne] of Object.entries(body.node_errors)) {
      const msgs = (ne.errors ?? []).map((x) => [x.message, x.details].filter(Boolean).join(': ')).join('; ');
      parts.push(`node ${id}${ne.class_type ? ` (${ne.class_type})` : ''}: ${msgs || 'invalid'}`);
    }
  }
  return parts.filter(Boolean).join(' — ') || 'no reason given';
}

/**
 * Client for ComfyUI's documented HTTP + WebSocket API: queue an API-format workflow, follow it,
 * fetch its outputs; plus uploads, queue control, /free, /system_stats and /object_info.
 */
export class ComfyClient {
  readonly http: ComfyHttp;

  constructor(
    url: string,
    readonly log: ComfyLog = () => {},
  ) {
    this.http = new ComfyHttp(url);
  }

  get url(): string {
    return this.http.baseUrl;
  }

  systemStats(signal?: AbortSignal, timeoutMs = 5000): Promise<SystemStats> {
    return this.http.json<SystemStats>('/system_stats', { signal, timeoutMs });
  }

  /** Every node class with its inputs; large with many custom nodes, so a longer timeout. */
  objectInfo(signal?: AbortSignal, timeoutMs = 20_000): Promise<ObjectInfo> {
    return this.http.json<ObjectInfo>('/object_info', { signal, timeoutMs });
  }

  queue(signal?: AbortSignal, timeoutMs = 5000): Promise<QueueState> {
    return this.http.json<QueueState>('/queue', { signal, timeoutMs });
  }

  /** The finished prompt's record, or null while it is still queued or running. */
  async history(promptId: string, signal?: AbortSignal, timeoutMs = 10_000): Promise<HistoryEntry | null> {
    const all = await this.http.json<Record<string, HistoryEntry>>(`/history/${encodeURIComponent(promptId)}`, { signal, timeoutMs });
    return all[promptId] ?? null;
  }

  /** POST /prompt. A rejected workflow (400) names every node ComfyUI complained about. */
  async submit(workflow: ApiWorkflow, clientId: string, signal?: AbortSignal): Promise<PromptResponse> {
    const res = await this.http.request('/prompt', { json: { prompt: workflow, client_id: clientId }, signal, timeoutMs: 30_000, acceptErrors: true });
    const body = (await res.json().catch(() => ({}))) as PromptResponse & PromptErrorBody;
    if (!res.ok) {
      throw new ProviderError('comfyui', `ComfyUI at ${this.url} rejected the workflow (HTTP ${res.status}): ${formatPromptError(body)}`, 'bad_response');
    }
    if (typeof body.prompt_id !== 'string') throw new ProviderError('comfyui', `ComfyUI at ${this.url} answered POST /prompt without a prompt_id`, 'bad_response');
    return body;
  }

  /** POST /upload/image (multipart: image, type, subfolder, overwrite) for LoadImage inputs. */
  async uploadImage(data: Buffer, filename: string, signal?: AbortSignal, opts: { subfolder?: string; overwrite?: boolean } = {}): Promise<UploadResult> {
    const form = new FormData();
    form.append('image', new Blob([new Uint8Array(data)]), filename);
    form.append('type', 'input');
    if (opts.subfolder) form.append('subfolder', opts.subfolder);
    form.append('overwrite', opts.overwrite ? 'true' : 'false');
    const result = await this.http.json<UploadResult>('/upload/image', { form, signal, timeoutMs: 60_000 });
    if (typeof result.name !== 'string') throw new ProviderError('comfyui', `ComfyUI at ${this.url} answered POST /upload/image without a file name`, 'bad_response');
    return result;
  }

  /** GET /view for one output file, streamed to `dest`. */
  async download(ref: FileRef, dest: string, signal?: AbortSignal, timeoutMs = 120_000): Promise<void> {
    const q = new URLSearchParams({ filename: ref.filename, subfolder: ref.subfolder ?? '', type: ref.type ?? 'output' });
    const timeout = AbortSignal.timeout(timeoutMs);
    const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const res = await this.http.request(`/view?${q}`, { signal: both, timeoutMs });
    if (!res.body) throw new ProviderError('comfyui', `ComfyUI at ${this.url} sent no data for ${ref.filename}`, 'bad_response');
    try {
      await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), createWriteStream(dest));
    } catch (err) {
      throw this.http.networkError(`GET /view (${ref.filename})`, err, signal, timeout, timeoutMs);
    }
  }

  /**
   * POST /interrupt. Newer ComfyUI only stops `prompt_id` when it is the running one; older
   * servers ignore the body and stop whatever runs, so callers check /queue first.
   */
  async interrupt(promptId?: string, signal?: AbortSignal, timeoutMs = 2000): Promise<void> {
    await this.http.request('/interrupt', { json: promptId ? { prompt_id: promptId } : {}, signal, timeoutMs });
  }

  /** POST /queue {delete}: drops prompts that have not started. */
  async deleteFromQueue(promptIds: string[], signal?: AbortSignal, timeoutMs = 2000): Promise<void> {
    await this.http.request('/queue', { json: { delete: promptIds }, signal, timeoutMs });
  }

  /** POST /free: ask ComfyUI to unload its models and/or release cached memory (VRAM for another app). */
  async free(opts: { unload_models?: boolean; free_memory?: boolean }, signal?: AbortSignal, timeoutMs = 3000): Promise<void> {
    await this.http.request('/free', { json: { unload_models: !!opts.unload_models, free_memory: !!opts.free_memory }, signal, timeoutMs });
  }

  /**
   * Stops our prompt wherever it is: removed from the queue when pending, interrupted when it
   * runs. Best effort with short timeouts: cancelling must finish well within the pool's grace.
   */
  async cancelPrompt(promptId: string): Promise<'deleted' | 'interrupted' | 'not-found'> {
    const q = await this.queue(undefined, 1000).catch(() => null);
    const has = (items: unknown[][] | undefined) => (items ?? []).some((it) => it[1] === promptId);
    if (q && has(q.queue_pending)) {
      await this.deleteFromQueue([promptId], undefined, 1000).catch(() => {});
      this.log('info', `ComfyUI: removed prompt ${promptId} from the queue`);
      return 'deleted';
    }
    // Unknown queue state: interrupting with our prompt id is the safe bet on newer servers.
    if (!q || has(q.queue_running)) {
      await this.interrupt(promptId, undefined, 1000).catch(() => {});
      this.log('info', `ComfyUI: interrupted prompt ${promptId}`);
      return 'interrupted';
    }
    return 'not-found';
  }

  /** Queues the workflow, follows it to the end and downloads its outputs into opts.workDir. */
  run(workflow: ApiWorkflow, opts: RunOptions): Promise<RunResult> {
    return runPrompt(this, workflow, opts);
  }
}
