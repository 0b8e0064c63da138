/**
 * The relay's ranking and money formulas (seed §8 hot score, §9 heat, §10 fee split), pure so
 * the relay, its tests and the desktop app compute them the same way.
 */

/** Wilson lower bound of the upvote share, decayed by age (halves over the first 48 h). */
export function hotScore(upvotes: number, downvotes: number, ageHours: number): number {
  const n = upvotes + downvotes;
  if (n === 0) return 0;
  const z = 1.96;
  const p = upvotes / n;
  const wilson = (p + (z * z) / (2 * n) - z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  const decay = 1 / (1 + Math.max(0, ageHours) / 48);
  return wilson * decay;
}

/** Demand heat of a desire: log(similar open desires in the last 7 days + 1) × recency. */
export function heatScore(similarCount: number, ageHours: number): number {
  return Math.log(similarCount + 1) * (1 / (1 + Math.max(0, ageHours) / 24));
}

/** Splits a released tip: the platform keeps 10 % (rounded down to the cent), the creator the rest. */
export function splitTip(grossCents: number, feePercent = 10): { feeCents: number; netCents: number } {
  const feeCents = Math.floor((grossCents * feePercent) / 100);
  return { feeCents, netCents: grossCents - feeCents };
}

/** Cosine similarity of two equal-length vectors (0 when either is all zeros). */
export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** Desires at or above this cosine similarity count as the same wish (seed §9). */
export const SIMILAR_DESIRE_THRESHOLD = 0.82;
