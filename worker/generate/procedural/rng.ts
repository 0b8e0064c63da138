/**
 * Deterministic randomness for the composer: the same (prompt, style, seed) must always give
 * the same shader, so nothing here reads the clock or Math.random.
 */

/** FNV-1a, 32 bit: a stable hash of a string (prompt words, family names). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A small seeded generator (mulberry32) with the helpers the families use. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  int(lo: number, hiInclusive: number): number {
    return lo + Math.floor(this.next() * (hiInclusive - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((s, [, w]) => s + Math.max(0, w), 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= Math.max(0, w);
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** A derived generator, so one family's choices do not shift another's. */
  fork(label: string): Rng {
    return new Rng(hashString(`${label}:${this.next()}`));
  }
}

/** GLSL float literal with a fixed number of decimals (always has a dot, never exponent form). */
export function glslFloat(value: number, decimals = 3): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number for GLSL: ${value}`);
  const s = value.toFixed(decimals);
  return s.includes('.') ? s : `${s}.0`;
}
