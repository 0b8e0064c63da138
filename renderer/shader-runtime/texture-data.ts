/**
 * The channel textures (TEXTURE_NAMES), generated in code from fixed seeds so every machine,
 * the studio UI and the headless renderer see the same bytes and no binary assets ship.
 * They follow the conventions shaders written for Shadertoy's textures rely on.
 */
import type { TEXTURE_NAMES } from '../../shared/shaders/source.js';

export type TextureName = (typeof TEXTURE_NAMES)[number];

export interface TextureData {
  width: number;
  height: number;
  /** RGBA8, row 0 at the bottom (GL order). */
  pixels: Uint8Array;
}

/** mulberry32: tiny, fast, and identical on every JS engine. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * RGBA noise where G is R shifted by (37, 17) and A is B shifted the same way: the layout
 * iq's widely copied "3D noise from a 2D texture" lookup (`…+vec2(37,17)*p.z…).yx`) expects.
 */
function rgbaNoise(size: number, seed: number): TextureData {
  const next = rng(seed);
  const r = new Uint8Array(size * size);
  const b = new Uint8Array(size * size);
  for (let i = 0; i < r.length; i++) {
    r[i] = Math.floor(next() * 256);
    b[i] = Math.floor(next() * 256);
  }
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const o = (y * size + x) * 4;
      const src = ((y - 17 + size * 4) % size) * size + ((x - 37 + size * 4) % size);
      pixels[o] = r[y * size + x]!;
      pixels[o + 1] = r[src]!;
      pixels[o + 2] = b[y * size + x]!;
      pixels[o + 3] = b[src]!;
    }
  }
  return { width: size, height: size, pixels };
}

function grayNoise(size: number, seed: number): TextureData {
  const next = rng(seed);
  const pixels = new Uint8Array(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    const v = Math.floor(next() * 256);
    pixels.set([v, v, v, 255], i * 4);
  }
  return { width: size, height: size, pixels };
}

/** Tileable value-noise fbm mapped through an earthy palette: a stand-in for "Organic" photos. */
function organic(size: number, seed: number): TextureData {
  const next = rng(seed);
  const octaves = [8, 16, 32, 64].map((cells) => {
    const lattice = new Float32Array(cells * cells);
    for (let i = 0; i < lattice.length; i++) lattice[i] = next();
    return { cells, lattice };
  });
  const smooth = (t: number): number => t * t * (3 - 2 * t);
  const sample = (o: { cells: number; lattice: Float32Array }, u: number, v: number): number => {
    const x = u * o.cells;
    const y = v * o.cells;
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const fx = smooth(x - x0);
    const fy = smooth(y - y0);
    const at = (i: number, j: number): number => o.lattice[(((j % o.cells) + o.cells) % o.cells) * o.cells + (((i % o.cells) + o.cells) % o.cells)]!;
    const a = at(x0, y0) + (at(x0 + 1, y0) - at(x0, y0)) * fx;
    const b = at(x0, y0 + 1) + (at(x0 + 1, y0 + 1) - at(x0, y0 + 1)) * fx;
    return a + (b - a) * fy;
  };
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Domain warp (by a periodic field, so the texture still tiles) breaks up the lattice's squares.
      const u = x / size + 0.12 * (sample(octaves[0]!, x / size + 0.37, y / size) - 0.5);
      const v = y / size + 0.12 * (sample(octaves[0]!, x / size, y / size + 0.61) - 0.5);
      let n = 0;
      let amp = 0.5;
      for (const o of octaves) {
        n += amp * sample(o, u, v);
        amp *= 0.5;
      }
      n /= 0.9375;
      const veins = 1 - Math.abs(2 * sample(octaves[1]!, u + 0.5 / size, v + 0.5 / size) - 1);
      const o = (y * size + x) * 4;
      pixels[o] = Math.round(255 * Math.min(1, 0.25 + 0.55 * n + 0.15 * veins));
      pixels[o + 1] = Math.round(255 * Math.min(1, 0.22 + 0.5 * n + 0.1 * veins));
      pixels[o + 2] = Math.round(255 * Math.min(1, 0.12 + 0.35 * n * n));
      pixels[o + 3] = 255;
    }
  }
  return { width: size, height: size, pixels };
}

/** 8×8 ordered-dither matrix, value (index + 0.5) / 64 as Shadertoy's Bayer texture stores it. */
function bayer8(): TextureData {
  const pixels = new Uint8Array(8 * 8 * 4);
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) {
      let v = 0;
      for (let bit = 0; bit < 3; bit++) {
        const xb = (x >> bit) & 1;
        const yb = (y >> bit) & 1;
        v |= ((xb ^ yb) << (2 * (2 - bit) + 1)) | (yb << (2 * (2 - bit)));
      }
      const byte = Math.round(((v + 0.5) / 64) * 255);
      pixels.set([byte, byte, byte, 255], (y * 8 + x) * 4);
    }
  }
  return { width: 8, height: 8, pixels };
}

const GENERATORS: Record<TextureName, () => TextureData> = {
  'noise-rgba-256': () => rgbaNoise(256, 0x5eed0256),
  'noise-gray-256': () => grayNoise(256, 0x5eed1256),
  'noise-rgba-64': () => rgbaNoise(64, 0x5eed0064),
  'organic-256': () => organic(256, 0x5eed2256),
  'bayer-8': bayer8,
};

const cache = new Map<TextureName, TextureData>();

/** The texture's pixels, generated once per page. */
export function textureData(name: TextureName): TextureData {
  let data = cache.get(name);
  if (!data) {
    data = GENERATORS[name]();
    cache.set(name, data);
  }
  return data;
}

/** The pixels with rows in reverse order: the upload for a channel whose vflip is false. */
export function flippedRows(data: TextureData): Uint8Array {
  const row = data.width * 4;
  const out = new Uint8Array(data.pixels.length);
  for (let y = 0; y < data.height; y++) out.set(data.pixels.subarray(y * row, (y + 1) * row), (data.height - 1 - y) * row);
  return out;
}
