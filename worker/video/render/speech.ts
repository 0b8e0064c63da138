import { mkdirSync } from 'node:fs';
import type { ProviderChoice, WorkerProviderConfig } from '../../../shared/schemas/providers.js';
import type { DialogLine } from '../../../shared/video/script.js';
import { narrate, type NarrationSegment } from '../../media/narration.js';
import type { TtsPlan } from '../../providers/tts/select.js';

/** One scene's spoken lines as one WAV, every sentence measured (from the speech cache when seen before). */
export interface SceneSpeech {
  path: string;
  durationSec: number;
  segments: NarrationSegment[];
  plan: TtsPlan;
  lines: number;
  cachedSentences: number;
}

export interface SpeechEnv {
  config: WorkerProviderConfig;
  dataDir: string;
  ffmpegPath: string;
  signal: AbortSignal;
  log?: (message: string) => void;
}

/** Pause between sentences and between lines of one scene. */
export const SENTENCE_PAUSE_SEC = 0.3;

/**
 * The scene's dialog through the existing narration path (planTts + per-sentence speech cache).
 * Lines are joined with a paragraph break, which always ends a sentence. null: nothing is said.
 */
export async function speakScene(
  dialog: readonly DialogLine[],
  o: { voice: string | null; choice: ProviderChoice; outDir: string },
  env: SpeechEnv,
): Promise<SceneSpeech | null> {
  const lines = dialog.map((d) => d.text.trim()).filter(Boolean);
  if (lines.length === 0) return null;
  mkdirSync(o.outDir, { recursive: true });
  const n = await narrate(
    { text: lines.join('\n\n'), ...(o.voice ? { voice: o.voice } : {}), choice: o.choice, pauseSec: SENTENCE_PAUSE_SEC },
    { config: env.config, dataDir: env.dataDir, outDir: o.outDir, ffmpegPath: () => env.ffmpegPath, signal: env.signal, ...(env.log ? { log: env.log } : {}) },
  );
  return {
    path: n.path,
    durationSec: n.durationSec,
    segments: n.segments,
    plan: n.plan,
    lines: lines.length,
    cachedSentences: n.segments.filter((s) => s.cached).length,
  };
}

/**
 * The voice when none was chosen: ElevenLabs' multilingual model speaks whatever language it is
 * given, but espeak-ng needs the language's voice (its voices are named by language code).
 */
export function voiceFor(language: string, voice: string | null, choice: ProviderChoice, config: WorkerProviderConfig): string | null {
  if (voice) return voice;
  const lang = language.toLowerCase();
  if (lang === 'en' || lang.startsWith('en-')) return null;
  if (choice !== 'espeak' && config.elevenlabs.apiKey) return null;
  return lang.split('-')[0]!;
}
