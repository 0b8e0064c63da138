/** Seeded randomness for the procedural generators: same seed → same asset, on every machine. */

/** mulberry32: a tiny fast PRNG with a 32-bit state. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash3(seed: number, x: number, y: number, z: number): number {
  let h = seed ^ Math.imul(x, 0x27d4eb2d) ^ Math.imul(y, 0x165667b1) ^ Math.imul(z, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

const smooth = (t: number) => t * t * (3 - 2 * t);
const mod = (a: number, p: number) => ((a % p) + p) % p;

/**
 * Value noise in [0, 1] on a lattice; `period` > 0 wraps x and y on it, so a texture baked over
 * [0, period) tiles seamlessly.
 */
export function valueNoise(seed: number, x: number, y: number, z = 0, period = 0): number {
  const xi = Math.floor(x), yi = Math.floor(y), zi = Math.floor(z);
  const fx = smooth(x - xi), fy = smooth(y - yi), fz = smooth(z - zi);
  const wx = (v: number) => (period > 0 ? mod(v, period) : v);
  const wy = wx;
  let acc = 0;
  for (let dz = 0; dz <= 1; dz++) {
    for (let dy = 0; dy <= 1; dy++) {
      for (let dx = 0; dx <= 1; dx++) {
        const w = (dx ? fx : 1 - fx) * (dy ? fy : 1 - fy) * (dz ? fz : 1 - fz);
        if (w) acc += w * hash3(seed, wx(xi + dx), wy(yi + dy), zi + dz);
      }
    }
  }
  return acc;
}

/** 2D value noise (the texture baker's hot loop: four lattice corners instead of eight). */
export function valueNoise2(seed: number, x: number, y: number, period = 0): number {
  const xi = Math.floor(x), yi = Math.floor(y);
  const fx = smooth(x - xi), fy = smooth(y - yi);
  let x0 = xi, x1 = xi + 1, y0 = yi, y1 = yi + 1;
  if (period > 0) {
    x0 = mod(x0, period); x1 = mod(x1, period); y0 = mod(y0, period); y1 = mod(y1, period);
  }
  const a = hash3(seed, x0, y0, 0), b = hash3(seed, x1, y0, 0), c = hash3(seed, x0, y1, 0), d = hash3(seed, x1, y1, 0);
  return (a + (b - a) * fx) * (1 - fy) + (c + (d - c) * fx) * fy;
}

/** Fractal sum of value noise, in [0, 1]. */
export function fbm(seed: number, x: number, y: number, z = 0, octaves = 4, period = 0): number {
  let sum = 0, amp = 0.5, norm = 0, f = 1;
  for (let o = 0; o < octaves; o++) {
    const p = period > 0 ? period * f : 0;
    sum += amp * (z === 0 ? valueNoise2(seed + o * 1013, x * f, y * f, p) : valueNoise(seed + o * 1013, x * f, y * f, z * f, p));
    norm += amp;
    amp *= 0.5;
    f *= 2;
  }
  return sum / norm;
}
