import type { WorkerProviderConfig } from '../../../shared/schemas/providers.js';
import { timeCaptions } from '../../providers/asr/script-timing.js';
import type { Cue } from '../../providers/asr/vtt.js';
import { locateWhisper, transcribeWhisper } from '../../providers/asr/whisper.js';
import type { SceneSpeech } from './speech.js';

export type CaptionChoice = 'auto' | 'whisper' | 'script-timing';

export interface TimedSceneSpeech {
  speech: SceneSpeech | null;
  /** Where the scene's first word falls in the joined video. */
  speechStartSec: number;
  /** Tempo the speech was played at (1 = as synthesized; a dub squeezed into its scene is faster). */
  tempo?: number;
}

/** Script timing: every sentence's cues span exactly its measured speech, placed on the video's timeline. */
export function scriptTimedCues(scenes: TimedSceneSpeech[]): Cue[] {
  const segments = scenes.flatMap((s) =>
    (s.speech?.segments ?? []).map((seg) => ({ text: seg.text, startSec: s.speechStartSec + seg.startSec / (s.tempo ?? 1), durationSec: seg.durationSec / (s.tempo ?? 1) })),
  );
  return timeCaptions(segments);
}

/** Whisper when chosen, or under auto when it is the configured ASR and installed; else script timing. */
export function wantsWhisper(choice: CaptionChoice, config: WorkerProviderConfig): { whisper: boolean; why: string } {
  if (choice === 'whisper') return { whisper: true, why: 'Whisper chosen' };
  if (choice === 'script-timing') return { whisper: false, why: 'script timing chosen' };
  if (config.choice.asr !== 'whisper') return { whisper: false, why: 'auto: Whisper is not the configured ASR, so captions are timed from the script and the measured speech' };
  const setup = locateWhisper(config);
  if (setup.problem) return { whisper: false, why: `auto: Whisper is configured but not usable (${setup.problem.message}); captions timed from the script` };
  return { whisper: true, why: 'auto: Whisper is the configured ASR' };
}

export interface CaptionResult {
  cues: Cue[];
  source: 'whisper' | 'script-timing';
  model: string;
  warning: string | null;
}

/**
 * The captions of a render. An explicit Whisper choice fails loudly; under auto a failed Whisper
 * falls back to script timing and says so.
 */
export async function makeCaptions(
  o: { choice: CaptionChoice; voiceAudio: string; language: string; scenes: TimedSceneSpeech[] },
  env: { config: WorkerProviderConfig; ffmpegPath: string; signal: AbortSignal },
): Promise<CaptionResult> {
  const plan = wantsWhisper(o.choice, env.config);
  if (plan.whisper) {
    try {
      const t = await transcribeWhisper(o.voiceAudio, { config: env.config, ffmpegPath: env.ffmpegPath, signal: env.signal, language: o.language });
      return { cues: t.cues, source: 'whisper', model: t.model, warning: null };
    } catch (err) {
      if (o.choice === 'whisper' || env.signal.aborted) throw err;
      return { cues: scriptTimedCues(o.scenes), source: 'script-timing', model: 'script-timing 1', warning: `Whisper failed (${(err as Error).message}); captions were timed from the script instead` };
    }
  }
  return { cues: scriptTimedCues(o.scenes), source: 'script-timing', model: 'script-timing 1', warning: null };
}
