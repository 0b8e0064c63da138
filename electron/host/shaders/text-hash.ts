/**
 * Feature hashing: strings → signed buckets of a fixed-size vector. The sign (from a second
 * hash bit) makes collisions cancel on average instead of piling up (Weinberger et al. 2009).
 */

/** FNV-1a, 32-bit, over UTF-16 code units: fast, deterministic across processes and platforms. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Final avalanche so short strings spread over all buckets.
  return fmix32(h);
}

/** murmur3 fmix32: a full avalanche of a 32-bit value. */
export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** Adds `weight` for `feature` into out[offset … offset+size). */
export function addHashed(out: Float32Array, offset: number, size: number, feature: string, weight: number): void {
  const h = fnv1a(feature);
  const bucket = h % size;
  const sign = (h >>> 31) & 1 ? -1 : 1;
  out[offset + bucket] = (out[offset + bucket] as number) + sign * weight;
}

/** Uniform in [0, 1) from a string key: seeded, reproducible "randomness" (feed exploration). */
export function unitHash(key: string): number {
  return fnv1a(key) / 4294967296;
}

// Words that carry no style: dropped so "I want a neon tunnel" ≈ "neon tunnel".
const STOPWORDS = new Set(
  ('a an the and or but of to in on at for with without from by as is are be was were it its this that these those ' +
    'i me my we our you your please want wanted would like love make made some something any very really so just ' +
    'shader shaders one thing kind sort of into onto over under about can could should show see looks look').split(' '),
);

/** Lower-cased word tokens without stopwords, lightly stemmed ("tunnels" = "tunnel", "zooming" = "zoom"). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().normalize('NFKD').matchAll(/[\p{L}\p{N}]+/gu)) {
    let w = m[0].replace(/\p{M}/gu, '');
    if (w.length < 2 || STOPWORDS.has(w)) continue;
    if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
    else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
    else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
    out.push(w);
  }
  return out;
}

/**
 * Hashed text features into out[offset … offset+size): words (1.0), word bigrams (0.5) and
 * character trigrams of each padded word (0.35, tolerant of typos and inflections).
 */
export function addTextFeatures(out: Float32Array, offset: number, size: number, text: string, weight = 1): void {
  const ws = words(text);
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i] as string;
    addHashed(out, offset, size, `w:${w}`, weight);
    if (i > 0) addHashed(out, offset, size, `b:${ws[i - 1]} ${w}`, 0.5 * weight);
    const padded = `^${w}$`;
    for (let j = 0; j + 3 <= padded.length; j++) addHashed(out, offset, size, `c:${padded.slice(j, j + 3)}`, 0.35 * weight);
  }
}

export function l2norm(v: Float32Array, from = 0, to = v.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += (v[i] as number) * (v[i] as number);
  return Math.sqrt(s);
}

/** Scales v[from … to) to unit length (left as zeros when it is all zeros); returns whether it had mass. */
export function normalizeRange(v: Float32Array, from = 0, to = v.length, scale = 1): boolean {
  const n = l2norm(v, from, to);
  if (n === 0) return false;
  for (let i = from; i < to; i++) v[i] = ((v[i] as number) / n) * scale;
  return true;
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
