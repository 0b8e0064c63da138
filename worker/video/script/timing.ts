import { MAX_SCENE_SEC } from '../../../shared/video/script.js';

/**
 * Timing rules both writers share: how long a line takes to say, and how a target length is
 * split over scenes. Durations are tenths of a second so the sum is exact.
 */

/** espeak-ng's default 175 words/min is ~2.9 words/s; 2.5 leaves room for pauses and slower voices. */
export const WORDS_PER_SEC = 2.5;
/** Silence around a scene's narration (breath in, settle out). */
export const SPEECH_PAD_SEC = 0.4;
/** A scene shorter than this barely registers on screen. */
export const MIN_SCENE_SHARE_SEC = 1;

/** CJK scripts write no spaces; about two characters take as long to say as an English word. */
export const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

/** Spoken words of a text: whitespace words, with CJK runs counted as one word per two characters. */
export function wordsOf(text: string): string[] {
  const out: string[] = [];
  for (const w of text.split(/\s+/)) {
    if (!/[\p{L}\p{N}]/u.test(w)) continue;
    if (!CJK.test(w)) {
      out.push(w);
      continue;
    }
    const rest = w.replace(CJK_RUN, ' ').trim();
    if (/[\p{L}\p{N}]/u.test(rest)) out.push(...rest.split(/\s+/));
    for (const run of w.match(CJK_RUN) ?? []) for (let i = 0; i < run.length; i += 2) out.push(run.slice(i, i + 2));
  }
  return out;
}

/** Seconds a narrator needs for these lines at WORDS_PER_SEC, plus padding. */
export function speechSec(lines: readonly string[]): number {
  const words = lines.reduce((n, l) => n + wordsOf(l).length, 0);
  return words ? words / WORDS_PER_SEC + SPEECH_PAD_SEC : 0;
}

/** How many words fit in a scene of this length. */
export function wordBudget(durationSec: number): number {
  return Math.max(2, Math.floor((durationSec - SPEECH_PAD_SEC) * WORDS_PER_SEC));
}

/**
 * Splits `target` seconds over scenes in proportion to `weights`, each at least
 * MIN_SCENE_SHARE_SEC (when the target allows) and at most `maxSec` (when the target allows), in
 * tenths, summing to exactly the target.
 */
export function fitDurations(weights: readonly number[], target: number, maxSec = MAX_SCENE_SEC): number[] {
  const n = weights.length;
  if (!n) return [];
  const tenths = Math.round(target * 10);
  const floor = Math.min(Math.round(MIN_SCENE_SHARE_SEC * 10), Math.floor(tenths / n));
  const spare = tenths - floor * n;
  const w = weights.map((x) => (Number.isFinite(x) && x > 0 ? x : 1));
  const sum = w.reduce((a, b) => a + b, 0);
  const exact = w.map((x) => (spare * x) / sum);
  const out = exact.map((x) => floor + Math.floor(x));
  // Largest remainders get the leftover tenths, so the total is the target to the tenth.
  let left = tenths - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) {
    const i = order[k]![1];
    out[i] = out[i]! + 1;
  }
  // A scene over the ceiling gives its excess, a tenth at a time, to the lightest-loaded scenes.
  const cap = Math.max(Math.round(maxSec * 10), Math.ceil(tenths / n));
  for (let i = 0; i < n; i++) {
    while (out[i]! > cap) {
      const j = out.reduce((best, t, k) => (t < out[best]! ? k : best), 0);
      out[i] = out[i]! - 1;
      out[j] = out[j]! + 1;
    }
  }
  return out.map((t) => t / 10);
}

/** The writer's default scene count for a target: about one scene per 3.5 s, 1–12. */
export function defaultSceneCount(target: number): number {
  return Math.max(1, Math.min(12, Math.round(target / 3.5)));
}
