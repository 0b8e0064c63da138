import { createHash } from 'node:crypto';
import type { ProviderChoice, WorkerProviderConfig } from '../../../shared/schemas/providers.js';
import { ProviderError } from '../types.js';
import { cachedSpeech, type CachedSpeech } from './cache.js';
import { DEFAULT_OUTPUT_FORMAT, elevenLabsBaseUrl, listElevenLabsVoices, synthesizeElevenLabs } from './elevenlabs.js';
import { DEFAULT_ESPEAK_VOICE, espeakVersion, synthesizeEspeak } from './espeak.js';

export type TtsProviderId = 'elevenlabs' | 'espeak';

/** Which engine, model and voice a request will use, and why (for the job log). */
export interface TtsPlan {
  provider: TtsProviderId;
  model: string;
  voice: string;
  reason: string;
  apiKey?: string;
}

// "auto" asks ElevenLabs at most once a minute per key whether it answers.
const reachability = new Map<string, { at: number; ok: boolean; firstVoice: string | null; why: string }>();
const TTL_MS = 60_000;
const ELEVENLABS_VOICE_ID = /^[A-Za-z0-9]{20}$/;

async function elevenLabsReachable(apiKey: string, signal?: AbortSignal) {
  const id = createHash('sha256').update(`${elevenLabsBaseUrl()}\u0000${apiKey}`).digest('hex');
  const hit = reachability.get(id);
  if (hit && Date.now() - hit.at < TTL_MS) return hit;
  try {
    const voices = await listElevenLabsVoices({ apiKey, signal, timeoutMs: 3000 });
    const r = { at: Date.now(), ok: true, firstVoice: voices[0]?.id ?? null, why: `${voices.length} voices` };
    reachability.set(id, r);
    return r;
  } catch (err) {
    if (signal?.aborted) throw err;
    const r = { at: Date.now(), ok: false, firstVoice: null, why: (err as Error).message };
    reachability.set(id, r);
    return r;
  }
}

/**
 * choice: explicit provider → that one or a clear error; "auto" → ElevenLabs when a key is set
 * and it answers, else the embedded espeak-ng. `voice` is the chosen provider's voice id.
 */
export async function planTts(config: WorkerProviderConfig, o: { choice?: ProviderChoice | null; voice?: string | null; signal?: AbortSignal } = {}): Promise<TtsPlan> {
  const choice = o.choice ?? config.choice.tts ?? 'auto';
  const apiKey = config.elevenlabs.apiKey;
  if (choice !== 'auto' && choice !== 'elevenlabs' && choice !== 'espeak') {
    throw new ProviderError(choice, `${choice} does not synthesize speech; choose elevenlabs, espeak or auto for text-to-speech.`, 'not_configured');
  }
  const espeakPlan = async (reason: string): Promise<TtsPlan> => ({ provider: 'espeak', model: `espeak-ng ${await espeakVersion()}`, voice: o.voice || DEFAULT_ESPEAK_VOICE, reason });
  if (choice === 'espeak') return espeakPlan('espeak chosen');
  if (!apiKey) {
    if (choice === 'elevenlabs') throw new ProviderError('elevenlabs', 'ElevenLabs was chosen for speech but has no API key: set ELEVENLABS_API_KEY or add the key in Settings → Providers.', 'not_configured');
    return espeakPlan('auto: no ElevenLabs key, using the embedded espeak-ng');
  }
  if (choice === 'elevenlabs') {
    const voice = o.voice || config.elevenlabs.voiceId || (await listElevenLabsVoices({ apiKey, signal: o.signal, timeoutMs: 10_000 }))[0]?.id;
    if (!voice) throw new ProviderError('elevenlabs', 'This ElevenLabs account has no voices; add one at elevenlabs.io or set a voice id in Settings → Providers.', 'not_configured');
    return { provider: 'elevenlabs', model: config.elevenlabs.model, voice, reason: 'elevenlabs chosen', apiKey };
  }
  // ElevenLabs voice ids are 20 letters/digits; anything else ("en-gb+f3") names an espeak voice.
  if (o.voice && !ELEVENLABS_VOICE_ID.test(o.voice)) return espeakPlan(`auto: "${o.voice}" is an espeak voice`);
  const r = await elevenLabsReachable(apiKey, o.signal);
  const voice = o.voice || config.elevenlabs.voiceId || r.firstVoice;
  if (r.ok && voice) return { provider: 'elevenlabs', model: config.elevenlabs.model, voice, reason: `auto: ElevenLabs answers (${r.why})`, apiKey };
  return espeakPlan(`auto: ElevenLabs not usable (${r.ok ? 'no voices' : r.why}), using the embedded espeak-ng`);
}

export interface SpeechRequest {
  text: string;
  rate?: number;
  pitch?: number;
  previousText?: string;
  nextText?: string;
}

/** One piece of speech with the plan's engine, through the cache. */
export async function synthesizeSpeech(plan: TtsPlan, req: SpeechRequest, env: { dataDir: string; signal?: AbortSignal }): Promise<CachedSpeech> {
  const rate = req.rate ?? 1;
  if (plan.provider === 'espeak') {
    const key = { provider: 'espeak', model: plan.model, voice: plan.voice, text: req.text, rate, pitch: req.pitch ?? 50, format: 'wav' };
    return cachedSpeech(env.dataDir, key, () => synthesizeEspeak(req.text, { voice: plan.voice, rate, pitch: req.pitch, signal: env.signal }));
  }
  const key = { provider: 'elevenlabs', model: plan.model, voice: plan.voice, text: req.text, rate, format: DEFAULT_OUTPUT_FORMAT };
  return cachedSpeech(env.dataDir, key, () =>
    synthesizeElevenLabs(req.text, {
      apiKey: plan.apiKey ?? '',
      voiceId: plan.voice,
      model: plan.model,
      rate,
      previousText: req.previousText,
      nextText: req.nextText,
      signal: env.signal,
    }),
  );
}
