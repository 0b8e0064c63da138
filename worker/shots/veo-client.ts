import { writeFileSync } from 'node:fs';
import { VEO_MODEL, VeoGeminiRequest, type VeoRequest } from '../../shared/shots/veo.js';
import { CancelledError } from '../task-context.js';

/**
 * Veo 3.1 through the Gemini API's long-running predict operation (ai.google.dev/gemini-api/docs/video):
 *   POST {base}/v1beta/models/{model}:predictLongRunning  (x-goog-api-key) → { name }
 *   GET  {base}/v1beta/{name} until { done: true }, then
 *        response.generateVideoResponse.generatedSamples[0].video.uri (or an `error`)
 *   GET  that uri with the key (it redirects to the bytes).
 * Tested against test/fixtures/fake-veo.ts; the shots.veo_submit job (worker/tasks/shots-veo-submit.ts)
 * runs it with the Gemini key and base URL from provider settings.
 */

export const GEMINI_API_BASE = 'https://generativelanguage.googleapis.com';

export type VeoErrorKind = 'auth' | 'bad_request' | 'quota' | 'filtered' | 'failed' | 'timeout' | 'unreachable';

export class VeoError extends Error {
  constructor(
    readonly kind: VeoErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'VeoError';
  }
}

export interface VeoClientOptions {
  apiKey: string;
  baseUrl?: string;
  model?: string;
  /** Between polls (Google suggests ~10 s). */
  pollMs?: number;
  /** Give up waiting for the operation after this long (default 10 min). */
  timeoutMs?: number;
  signal?: AbortSignal;
  onPoll?: (polls: number, elapsedMs: number) => void;
}

export interface VeoClip {
  operation: string;
  path: string;
  bytes: number;
  mime: string;
  model: string;
  uri: string;
}

interface GoogleError {
  error?: { code?: number; message?: string; status?: string };
}

function base(o: VeoClientOptions): string {
  return (o.baseUrl ?? GEMINI_API_BASE).replace(/\/+$/, '');
}

async function call(url: string, init: RequestInit, o: VeoClientOptions): Promise<Response> {
  if (o.signal?.aborted) throw new CancelledError();
  try {
    return await fetch(url, { ...init, headers: { 'x-goog-api-key': o.apiKey, ...(init.headers ?? {}) }, ...(o.signal ? { signal: o.signal } : {}) });
  } catch (err) {
    if (o.signal?.aborted) throw new CancelledError();
    throw new VeoError('unreachable', `The Gemini API at ${base(o)} could not be reached: ${(err as Error).message}`);
  }
}

async function failure(res: Response, what: string): Promise<VeoError> {
  const body = (await res.json().catch(() => ({}))) as GoogleError;
  const msg = body.error?.message ?? res.statusText;
  const kind: VeoErrorKind = res.status === 401 || res.status === 403 ? 'auth' : res.status === 429 ? 'quota' : res.status === 400 || res.status === 404 ? 'bad_request' : 'failed';
  const hint = kind === 'auth' ? ' — check the Gemini API key' : kind === 'quota' ? ' — the quota is used up; try again later' : '';
  return new VeoError(kind, `${what}: ${res.status} ${msg}${hint}`);
}

/** Starts the operation; returns its name (models/…/operations/…). */
export async function submitVeo(request: VeoRequest, o: VeoClientOptions): Promise<string> {
  const body = VeoGeminiRequest.parse(request);
  const model = o.model ?? VEO_MODEL.gemini;
  const res = await call(`${base(o)}/v1beta/models/${model}:predictLongRunning`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, o);
  if (!res.ok) throw await failure(res, 'Veo refused the request');
  const op = (await res.json()) as { name?: unknown };
  if (typeof op.name !== 'string' || !op.name) throw new VeoError('failed', 'Veo answered without an operation name');
  return op.name;
}

interface Operation extends GoogleError {
  name: string;
  done?: boolean;
  response?: { generateVideoResponse?: { generatedSamples?: { video?: { uri?: string } }[]; raiMediaFilteredCount?: number; raiMediaFilteredReasons?: string[] } };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), reject(new CancelledError())), { once: true });
  });

/** Polls until done; returns the video URI or throws why there is none. */
export async function waitForVeo(name: string, o: VeoClientOptions): Promise<string> {
  const started = Date.now();
  const limit = o.timeoutMs ?? 10 * 60_000;
  for (let polls = 1; ; polls++) {
    const res = await call(`${base(o)}/v1beta/${name}`, { method: 'GET' }, o);
    if (!res.ok) throw await failure(res, `Polling ${name} failed`);
    const op = (await res.json()) as Operation;
    o.onPoll?.(polls, Date.now() - started);
    if (op.done) {
      if (op.error) throw new VeoError('failed', `Veo could not make the clip: ${op.error.message ?? 'unknown error'} (code ${op.error.code ?? '?'})`);
      const gen = op.response?.generateVideoResponse;
      const uri = gen?.generatedSamples?.[0]?.video?.uri;
      if (uri) return uri;
      if (gen?.raiMediaFilteredCount) throw new VeoError('filtered', `Veo's safety filters blocked the clip: ${(gen.raiMediaFilteredReasons ?? []).join('; ') || 'no reason given'}`);
      throw new VeoError('failed', 'The Veo operation finished without a video');
    }
    if (Date.now() - started + (o.pollMs ?? 10_000) > limit) throw new VeoError('timeout', `Veo did not finish within ${Math.round(limit / 1000)} s (operation ${name}; it may still finish on Google's side)`);
    await sleep(o.pollMs ?? 10_000, o.signal);
  }
}

/** Submit, wait, download to `outPath` (MP4). */
export async function generateVeoClip(request: VeoRequest, outPath: string, o: VeoClientOptions): Promise<VeoClip> {
  const operation = await submitVeo(request, o);
  const uri = await waitForVeo(operation, o);
  const res = await call(uri, { method: 'GET', redirect: 'follow' }, o);
  if (!res.ok) throw await failure(res, 'Downloading the Veo clip failed');
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.length < 8 || bytes.subarray(4, 8).toString('latin1') !== 'ftyp') throw new VeoError('failed', `The Veo download is not an MP4 (${bytes.length} bytes, ${res.headers.get('content-type') ?? 'no type'})`);
  writeFileSync(outPath, bytes);
  return { operation, path: outPath, bytes: bytes.length, mime: 'video/mp4', model: o.model ?? VEO_MODEL.gemini, uri };
}
