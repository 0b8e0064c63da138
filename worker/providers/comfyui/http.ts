import { CancelledError } from '../../task-context.js';
import { ProviderError } from '../types.js';

/** How to fix "not reachable", repeated in every unreachable error so the user knows what to do. */
export const COMFY_START_HINT =
  'Start ComfyUI (python main.py --listen 127.0.0.1 --port 8188) or set its URL in Settings → Providers (or COMFYUI_URL).';

export interface RequestOptions {
  method?: 'GET' | 'POST';
  /** JSON body (sent as application/json) or a prepared FormData (multipart). */
  json?: unknown;
  form?: FormData;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Return non-2xx responses instead of throwing (the caller reads ComfyUI's error body). */
  acceptErrors?: boolean;
}

/** Normalises a configured URL: no trailing slash, http:// assumed when no scheme was given. */
export function normalizeBaseUrl(url: string): string {
  const withScheme = /^[a-z]+:\/\//i.test(url) ? url : `http://${url}`;
  return withScheme.replace(/\/+$/, '');
}

function causeCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: string; errors?: { code?: string }[] } } | null)?.cause;
  return cause?.code ?? cause?.errors?.[0]?.code;
}

/**
 * Plain fetch against ComfyUI with a timeout, turning network failures into ProviderErrors that
 * name ComfyUI, the URL and the fix. Cancellation by the job's signal is a CancelledError.
 */
export class ComfyHttp {
  readonly baseUrl: string;

  constructor(url: string) {
    this.baseUrl = normalizeBaseUrl(url);
  }

  url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  /** ws:// (or wss://) URL of the event socket for one client id. */
  wsUrl(clientId: string): string {
    return `${this.baseUrl.replace(/^http/i, 'ws')}/ws?clientId=${encodeURIComponent(clientId)}`;
  }

  async request(path: string, opts: RequestOptions = {}): Promise<Response> {
    const method = opts.method ?? (opts.json !== undefined || opts.form ? 'POST' : 'GET');
    const timeoutMs = opts.timeoutMs ?? 10_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    const init: RequestInit = { method, signal };
    if (opts.json !== undefined) {
      init.body = JSON.stringify(opts.json);
      init.headers = { 'content-type': 'application/json' };
    } else if (opts.form) init.body = opts.form;
    let res: Response;
    try {
      res = await fetch(this.url(path), init);
    } catch (err) {
      throw this.networkError(`${method} ${path}`, err, opts.signal, timeout, timeoutMs);
    }
    if (!res.ok && !opts.acceptErrors) {
      const body = (await res.text().catch(() => '')).slice(0, 500);
      throw new ProviderError(
        'comfyui',
        `ComfyUI at ${this.baseUrl} answered HTTP ${res.status} to ${method} ${path}${body ? `: ${body}` : ''}`,
        res.status >= 500 ? 'server_error' : 'bad_response',
      );
    }
    return res;
  }

  async json<T>(path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await this.request(path, opts);
    const text = await res.text();
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ProviderError('comfyui', `ComfyUI at ${this.baseUrl} answered ${path} with something that is not JSON (is this URL really ComfyUI?)`, 'bad_response');
    }
  }

  /** Maps a failed fetch (or stream read) to cancelled / timeout / unreachable. */
  networkError(what: string, err: unknown, signal: AbortSignal | undefined, timeout: AbortSignal | null, timeoutMs: number): Error {
    if (signal?.aborted) return new CancelledError();
    if (timeout?.aborted || (err as Error)?.name === 'TimeoutError') {
      return new ProviderError('comfyui', `ComfyUI at ${this.baseUrl} did not answer ${what} within ${Math.round(timeoutMs / 1000)} s. Check that it is running and not stuck; ${COMFY_START_HINT}`, 'timeout');
    }
    const code = causeCode(err);
    const why = code === 'ECONNREFUSED' ? 'connection refused' : code === 'ENOTFOUND' ? 'host not found' : code ?? (err as Error)?.message ?? 'network error';
    return new ProviderError('comfyui', `ComfyUI is not reachable at ${this.baseUrl} (${why}). ${COMFY_START_HINT}`, 'unreachable');
  }
}
