import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProviderChoice, WorkerProviderConfig } from '../../shared/schemas/providers.js';
import { splitSentences, timeCaptions } from '../providers/asr/script-timing.js';
import type { Cue } from '../providers/asr/vtt.js';
import { planTts, synthesizeSpeech, type TtsPlan } from '../providers/tts/select.js';
import type { CachedSpeech } from '../providers/tts/cache.js';
import { CancelledError } from '../task-context.js';
import { concatAudio } from './ffmpeg/audio.js';
import { concatWavs, parseWav } from './wav.js';

export interface NarrationSegment {
  text: string;
  startSec: number;
  durationSec: number;
  cached: boolean;
}

export interface Narration {
  /** One WAV holding every sentence with the pauses between them. */
  path: string;
  durationSec: number;
  segments: NarrationSegment[];
  plan: TtsPlan;
}

export interface NarrateOptions {
  text: string;
  voice?: string;
  rate?: number;
  choice?: ProviderChoice;
  /** Silence between sentences. */
  pauseSec?: number;
}

export interface NarrateEnv {
  config: WorkerProviderConfig;
  dataDir: string;
  outDir: string;
  /** Needed only when the speech is not same-format WAV (ElevenLabs MP3). */
  ffmpegPath: () => string;
  signal?: AbortSignal;
  onProgress?: (fraction: number, message: string) => void;
  log?: (message: string) => void;
}

/**
 * Script → speech, one sentence at a time (each cached on its own), joined with pauses. Every
 * sentence's start and length are measured, so captions timed from them match the audio.
 */
export async function narrate(o: NarrateOptions, env: NarrateEnv): Promise<Narration> {
  const sentences = splitSentences(o.text);
  if (sentences.length === 0) throw new Error('The narration has no words');
  const plan = await planTts(env.config, { choice: o.choice ?? null, voice: o.voice ?? null, signal: env.signal });
  env.log?.(`Narration: ${plan.provider} (${plan.model}, voice ${plan.voice}) — ${plan.reason}`);
  const pause = o.pauseSec ?? 0.35;
  const parts: CachedSpeech[] = [];
  for (const [i, text] of sentences.entries()) {
    if (env.signal?.aborted) throw new CancelledError();
    env.onProgress?.(i / sentences.length, `Speaking sentence ${i + 1} of ${sentences.length}`);
    parts.push(await synthesizeSpeech(plan, { text, rate: o.rate, previousText: sentences[i - 1], nextText: sentences[i + 1] }, env));
  }
  const path = join(env.outDir, 'narration.wav');
  let starts: number[];
  let durationSec: number;
  const wavs = parts.every((p) => p.ext === 'wav') ? parts.map((p) => readFileSync(p.path)) : null;
  const formats = new Set(wavs?.map((w) => { const i = parseWav(w); return `${i.sampleRate}/${i.channels}/${i.bitsPerSample}`; }));
  if (wavs && formats.size === 1) {
    const joined = concatWavs(wavs, pause);
    writeFileSync(path, joined.wav);
    starts = joined.starts;
    durationSec = joined.durationSec;
  } else {
    const r = await concatAudio(env.ffmpegPath(), { parts: parts.map((p, i) => ({ path: p.path, pauseAfterSec: i < parts.length - 1 ? pause : 0 })), out: path, signal: env.signal });
    starts = [];
    let t = 0;
    for (const p of parts) {
      starts.push(t);
      t += p.durationSec + pause;
    }
    durationSec = r.durationSec;
  }
  env.onProgress?.(1, 'Narration ready');
  return {
    path,
    durationSec,
    plan,
    segments: parts.map((p, i) => ({ text: sentences[i]!, startSec: starts[i]!, durationSec: p.durationSec, cached: p.cached })),
  };
}

/** Caption cues for a narration: each sentence's cues span exactly its measured speech. */
export function narrationCaptions(n: Narration): Cue[] {
  return timeCaptions(n.segments.map((s) => ({ text: s.text, durationSec: s.durationSec, startSec: s.startSec })));
}
