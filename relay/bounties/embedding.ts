import { createHash } from 'node:crypto';

/**
 * A 512-dimension text embedding by feature hashing (word unigrams and bigrams, signed buckets,
 * L2-normalised). The relay runs with no model server, so desires are compared with this:
 * near-identical wishes ("neon tunnel, fast" / "fast neon tunnel") land above the 0.82
 * similarity threshold, unrelated ones near 0. A deployment with an embedding model can write
 * better vectors into the same column.
 */
export const EMBEDDING_DIMS = 512;

function bucket(token: string): [number, number] {
  const h = createHash('sha1').update(token).digest();
  return [h.readUInt32LE(0) % EMBEDDING_DIMS, h[4]! & 1 ? 1 : -1];
}

export function embedText(text: string): number[] {
  const words = text.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter((w) => w.length > 1);
  const v = new Array<number>(EMBEDDING_DIMS).fill(0);
  const add = (t: string, w: number) => {
    const [i, sign] = bucket(t);
    v[i]! += sign * w;
  };
  for (const w of words) add(w, 1);
  const sorted = [...words].sort();
  // Order-insensitive pairs so word order does not change the wish.
  for (let i = 0; i + 1 < sorted.length; i++) add(`${sorted[i]}|${sorted[i + 1]}`, 0.5);
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return norm ? v.map((x) => x / norm) : v;
}
