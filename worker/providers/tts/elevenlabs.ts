import type { WorkerProviderConfig } from '../../../shared/schemas/providers.js';
import { CancelledError } from '../../task-context.js';
import { mp3Info } from '../../media/mp3.js';
import { buildWav, parseWav } from '../../media/wav.js';
import { ProviderError, type ProviderModule } from '../types.js';
import type { SpeechAudio, VoiceInfo } from './types.js';

/**
 * ElevenLabs text-to-speech through the official SDK (@elevenlabs/elevenlabs-js):
 * POST /v1/text-to-speech/{voice_id} and GET /v1/voices, authenticated with the xi-api-key
 * header. ELEVENLABS_BASE_URL points it elsewhere (a data-residency region, or the test fixture).
 */

export const ELEVENLABS_DEFAULT_URL = 'https://api.elevenlabs.io';
export const DEFAULT_OUTPUT_FORMAT = 'mp3_44100_128';

export function elevenLabsBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.ELEVENLABS_BASE_URL || ELEVENLABS_DEFAULT_URL).replace(/\/+$/, '');
}

interface Conn {
  apiKey: string;
  baseUrl?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** The SDK retries 408/429/5xx with backoff; 2 by default. */
  maxRetries?: number;
}

// The SDK is large (seconds to import on a busy machine): load it on first use only.
type Sdk = typeof import('@elevenlabs/elevenlabs-js');
let sdk: Promise<Sdk> | null = null;
const loadSdk = () => (sdk ??= import('@elevenlabs/elevenlabs-js'));

async function client(c: Conn) {
  const { ElevenLabsClient } = await loadSdk();
  return new ElevenLabsClient({ apiKey: c.apiKey, baseUrl: c.baseUrl ?? elevenLabsBaseUrl(), maxRetries: c.maxRetries ?? 2, timeoutInSeconds: (c.timeoutMs ?? 120_000) / 1000 });
}

function redact(text: string, secret: string): string {
  return secret ? text.split(secret).join('[redacted]') : text;
}

/** `{"detail":{"status":"invalid_api_key","message":"…"}}` → "invalid_api_key: …". */
function describeBody(body: unknown): string {
  const detail = (body as { detail?: unknown } | null)?.detail;
  if (typeof detail === 'string') return detail;
  if (detail && typeof detail === 'object') {
    const d = detail as { status?: string; message?: string; msg?: string };
    if (Array.isArray(detail)) return detail.map((x: { msg?: string; loc?: unknown[] }) => `${x.loc?.join('.') ?? ''} ${x.msg ?? ''}`.trim()).join('; ');
    return [d.status, d.message ?? d.msg].filter(Boolean).join(': ');
  }
  return typeof body === 'string' ? body.slice(0, 200) : '';
}

/** Every failure as a ProviderError naming ElevenLabs and the fix; the key never appears. */
async function toProviderError(err: unknown, c: Conn, what: string): Promise<Error> {
  if (c.signal?.aborted) return new CancelledError();
  const { ElevenLabsError, ElevenLabsTimeoutError } = await loadSdk();
  const url = c.baseUrl ?? elevenLabsBaseUrl();
  if (err instanceof ElevenLabsTimeoutError) return new ProviderError('elevenlabs', `ElevenLabs did not answer ${what} within ${Math.round((c.timeoutMs ?? 120_000) / 1000)} s (${url}).`, 'timeout');
  if (err instanceof ElevenLabsError && err.statusCode !== undefined) {
    const why = redact(describeBody(err.body), c.apiKey);
    const s = err.statusCode;
    if (s === 401 || s === 403) return new ProviderError('elevenlabs', `ElevenLabs rejected the API key (HTTP ${s}${why ? `, ${why}` : ''}). Check the key in Settings → Providers or ELEVENLABS_API_KEY.`, 'auth');
    if (s === 404) return new ProviderError('elevenlabs', `ElevenLabs: not found for ${what} (HTTP 404${why ? `, ${why}` : ''}). Pick a voice from the voices list in Settings → Providers.`, 'not_configured');
    if (s === 429) return new ProviderError('elevenlabs', `ElevenLabs is rate-limiting or the quota is used up (HTTP 429${why ? `, ${why}` : ''}). Wait, or check the plan's character quota.`, 'server_error');
    if (s >= 500) return new ProviderError('elevenlabs', `ElevenLabs had a server error for ${what} (HTTP ${s}${why ? `, ${why}` : ''}). Try again later.`, 'server_error');
    return new ProviderError('elevenlabs', `ElevenLabs refused ${what} (HTTP ${s}${why ? `, ${why}` : ''}).`, 'bad_response');
  }
  const msg = redact((err as Error)?.message ?? String(err), c.apiKey);
  return new ProviderError('elevenlabs', `ElevenLabs is not reachable at ${url} (${msg.split('\n')[0]}). Check the network connection.`, 'unreachable');
}

export async function listElevenLabsVoices(c: Conn): Promise<VoiceInfo[]> {
  try {
    const res = await (await client(c)).voices.getAll({}, { abortSignal: c.signal, timeoutInSeconds: (c.timeoutMs ?? 10_000) / 1000, maxRetries: c.maxRetries ?? 0 });
    return res.voices.map((v) => ({ id: v.voiceId, name: v.name ?? v.voiceId, ...(v.category ? { detail: String(v.category) } : {}) }));
  } catch (err) {
    throw await toProviderError(err, c, 'the voices list (GET /v1/voices)');
  }
}

async function readAll(stream: ReadableStream<Uint8Array>, signal?: AbortSignal): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  try {
    for (;;) {
      if (signal?.aborted) throw new CancelledError();
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks);
}

export interface ElevenLabsSpeechOptions extends Conn {
  voiceId: string;
  model: string;
  /** mp3_<rate>_<kbps>, pcm_<rate> or wav_<rate> (the API's output_format). */
  outputFormat?: string;
  /** Multiple of normal speed; the API accepts 0.7..1.2 (voice_settings.speed). */
  rate?: number;
  /** Neighbouring text, for natural prosody when a script is synthesized sentence by sentence. */
  previousText?: string;
  nextText?: string;
}

/** Decodes what came back into measured audio: MP3 frames are counted, PCM is wrapped as WAV. */
export function measureElevenLabsAudio(bytes: Buffer, format: string): Pick<SpeechAudio, 'audio' | 'mime' | 'ext' | 'durationSec' | 'sampleRate'> {
  const [codec, rate] = format.split('_');
  if (codec === 'mp3') {
    const info = mp3Info(bytes);
    return { audio: bytes, mime: 'audio/mpeg', ext: 'mp3', durationSec: info.durationSec, sampleRate: info.sampleRate };
  }
  const wav = codec === 'pcm' ? buildWav(bytes, Number(rate), 1) : bytes;
  const info = parseWav(wav);
  return { audio: wav, mime: 'audio/wav', ext: 'wav', durationSec: info.durationSec, sampleRate: info.sampleRate };
}

export async function synthesizeElevenLabs(text: string, o: ElevenLabsSpeechOptions): Promise<SpeechAudio> {
  const format = o.outputFormat ?? DEFAULT_OUTPUT_FORMAT;
  if (!/^(mp3_\d+_\d+|pcm_\d+|wav_\d+)$/.test(format)) {
    throw new ProviderError('elevenlabs', `Output format ${format} is not supported here; use an mp3_*, pcm_* or wav_* format.`, 'not_configured');
  }
  let bytes: Buffer;
  try {
    const stream = await (await client(o)).textToSpeech.convert(
      o.voiceId,
      {
        text,
        modelId: o.model,
        outputFormat: format as never,
        ...(o.rate && o.rate !== 1 ? { voiceSettings: { speed: Math.min(1.2, Math.max(0.7, o.rate)) } } : {}),
        ...(o.previousText ? { previousText: o.previousText } : {}),
        ...(o.nextText ? { nextText: o.nextText } : {}),
      },
      { abortSignal: o.signal },
    );
    bytes = await readAll(stream, o.signal);
  } catch (err) {
    if (err instanceof CancelledError) throw err;
    throw await toProviderError(err, o, `speech for voice ${o.voiceId}`);
  }
  try {
    return { ...measureElevenLabsAudio(bytes, format), provider: 'elevenlabs', model: o.model, voice: o.voiceId };
  } catch (err) {
    throw new ProviderError('elevenlabs', `ElevenLabs sent ${bytes.length} bytes that are not ${format} audio: ${(err as Error).message}`, 'bad_response');
  }
}

function keyOf(config: WorkerProviderConfig): string | null {
  return config.elevenlabs.apiKey || null;
}

export const elevenlabsProvider: ProviderModule = {
  id: 'elevenlabs',
  label: 'ElevenLabs',
  capabilities: ['tts'],
  embedded: false,
  async status(config, signal) {
    const apiKey = keyOf(config);
    if (!apiKey) return { provider: 'elevenlabs', reachable: false, version: null, detail: 'No API key: set ELEVENLABS_API_KEY or add the key in Settings → Providers.' };
    try {
      const voices = await listElevenLabsVoices({ apiKey, signal, timeoutMs: 2500 }); // inside the status cap of 3 s
      const chosen = config.elevenlabs.voiceId ? ` voice ${config.elevenlabs.voiceId}${voices.some((v) => v.id === config.elevenlabs.voiceId) ? '' : ' (not in this account!)'}` : ' no voice chosen (the first one is used)';
      return { provider: 'elevenlabs', reachable: true, version: null, detail: `${elevenLabsBaseUrl()}: ${voices.length} voices, model ${config.elevenlabs.model},${chosen}`, models: [config.elevenlabs.model], voices: voices.map((v) => `${v.id} ${v.name}`) };
    } catch (err) {
      return { provider: 'elevenlabs', reachable: false, version: null, detail: (err as Error).message };
    }
  },
  async test(config, signal) {
    const t0 = performance.now();
    const apiKey = keyOf(config);
    try {
      if (!apiKey) throw new ProviderError('elevenlabs', 'No API key: set ELEVENLABS_API_KEY or add the key in Settings → Providers.', 'not_configured');
      const voiceId = config.elevenlabs.voiceId ?? (await listElevenLabsVoices({ apiKey, signal, timeoutMs: 5000 }))[0]?.id;
      if (!voiceId) throw new ProviderError('elevenlabs', 'This ElevenLabs account has no voices.', 'not_configured');
      const s = await synthesizeElevenLabs('Hello.', { apiKey, voiceId, model: config.elevenlabs.model, signal, timeoutMs: 30_000, maxRetries: 0 });
      return { ok: s.durationSec > 0, detail: `${s.durationSec.toFixed(2)} s of ${s.mime} from voice ${voiceId}, model ${s.model}`, ms: performance.now() - t0 };
    } catch (err) {
      return { ok: false, detail: (err as Error).message, ms: performance.now() - t0 };
    }
  },
};
