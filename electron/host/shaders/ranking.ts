/**
 * The ranking formulas of seed 000 §8 and §9, as pure functions so tests can hold them to the
 * seed's numbers and services, MCP and benchmarks share one definition.
 */

/** 95 % confidence (seed §8). */
export const WILSON_Z = 1.96;
/** Hot score halves after 48 h (seed §8: decay = 1/(1 + age_hours/48)). */
export const HOT_DECAY_HOURS = 48;
/** Desire heat recency: 1/(1 + age_hours/24) (seed §9). */
export const HEAT_DECAY_HOURS = 24;
/** Similar desires counted for heat were posted in the last 7 days (seed §9). */
export const HEAT_WINDOW_MS = 7 * 24 * 3600_000;
/** Desires closer than this (cosine similarity) are the same wish (seed §9). */
export const DESIRE_SIMILARITY = 0.82;
/** Taste EMA: responsive but not volatile (seed §8). */
export const TASTE_ALPHA = 0.15;
/** Feed = similarity × 0.6 + hot × 0.3 + exploration × 0.1 (seed §8). */
export const FEED_WEIGHTS = { similarity: 0.6, hot: 0.3, exploration: 0.1 } as const;

/** Seed §8 signal weights for the taste vector. */
export const SIGNAL_WEIGHTS = {
  upvote: 1.0,
  downvote: -0.8,
  dwell10: 0.3,
  dwell30: 0.6,
  replay: 0.5,
  desire: 1.2,
  skip: -0.4,
} as const;
export type TasteSignal = keyof typeof SIGNAL_WEIGHTS;

/** Wilson score lower bound of the upvote share; 0 with no votes. */
export function wilsonLowerBound(up: number, down: number, z = WILSON_Z): number {
  const n = up + down;
  if (n <= 0) return 0;
  const p = up / n;
  const z2 = z * z;
  return (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
}

/** Seed §8 hot score: Wilson lower bound × 1/(1 + age_hours/48). A future timestamp counts as age 0. */
export function hotScore(up: number, down: number, ageHours: number): number {
  return wilsonLowerBound(up, down) * (1 / (1 + Math.max(0, ageHours) / HOT_DECAY_HOURS));
}

/** Seed §9 heat: log(similar_count + 1) × 1/(1 + age_hours/24), natural log as in the seed's Python. */
export function desireHeat(similarCount: number, ageHours: number): number {
  return Math.log(Math.max(0, similarCount) + 1) * (1 / (1 + Math.max(0, ageHours) / HEAT_DECAY_HOURS));
}

/** Seed §8 EMA: new = α · style · weight + (1 − α) · current (current = 0 before the first signal). */
export function emaTaste(current: Float32Array | null, style: Float32Array, weight: number, alpha = TASTE_ALPHA): Float32Array {
  if (current && current.length !== style.length) throw new Error(`Taste has ${current.length} dimensions, style has ${style.length}`);
  const out = new Float32Array(style.length);
  for (let i = 0; i < style.length; i++) out[i] = alpha * (style[i] as number) * weight + (1 - alpha) * (current ? (current[i] as number) : 0);
  return out;
}

export function feedScore(similarity: number, hot: number, exploration: number): number {
  return similarity * FEED_WEIGHTS.similarity + hot * FEED_WEIGHTS.hot + exploration * FEED_WEIGHTS.exploration;
}

export type DwellSignal = 'ignored' | 'skip' | 'dwell' | 'dwell_10s' | 'dwell_30s';

/**
 * A dwell report as a signal: flicks under 1 s are noise and ignored; under 2 s is a skip
 * (−0.4); over 10 s / 30 s count +0.3 / +0.6 unless the user upvoted it (the upvote already did).
 */
export function classifyDwell(seconds: number, upvoted: boolean): { signal: DwellSignal; weight: number | null } {
  if (seconds < 1) return { signal: 'ignored', weight: null };
  if (seconds < 2) return { signal: 'skip', weight: SIGNAL_WEIGHTS.skip };
  if (seconds > 30) return { signal: 'dwell_30s', weight: upvoted ? null : SIGNAL_WEIGHTS.dwell30 };
  if (seconds > 10) return { signal: 'dwell_10s', weight: upvoted ? null : SIGNAL_WEIGHTS.dwell10 };
  return { signal: 'dwell', weight: null };
}

export const hoursBetween = (fromMs: number, toMs: number): number => (toMs - fromMs) / 3600_000;
