import sharp from 'sharp';
import type { MaterialType, RecipeMaterial } from '../../shared/world/recipe.js';
import { MATERIALS } from '../../shared/world/vocabulary.js';
import { fbm, valueNoise } from './noise.js';

/**
 * Procedural albedo textures baked to PNG with sharp at the seed's budgets (128–512 px). Every
 * pattern is periodic over the texture, so it tiles (UVs are in metres, sampler REPEAT). The
 * material colour is modulated by the pattern's brightness, so one recipe colour drives it.
 */

type Pattern = (u: number, v: number, seed: number) => number; // u, v in [0, 1); result ~[0, 1]

const P = 8; // lattice cells across the texture (periodic noise wraps on it)
const n = (seed: number, u: number, v: number, f = 1, oct = 4) => fbm(seed, u * P * f, v * P * f, 0, oct, P * f);

const PATTERNS: Record<MaterialType, Pattern> = {
  wood: (u, v, s) => { const w = n(s, u * 0.25, v, 1, 3); const ring = 0.5 + 0.5 * Math.sin((v * 24 + w * 6) * Math.PI); return 0.55 + 0.3 * ring * ring + 0.15 * n(s + 7, u, v, 4, 2); },
  painted_wood: (u, v, s) => 0.85 + 0.1 * n(s, u, v, 2, 3) - (Math.abs(((v * 4) % 1) - 0.5) > 0.48 ? 0.25 : 0),
  metal: (u, v, s) => 0.8 + 0.12 * valueNoise(s, u * 2 * P, v * 64, 0, 0) + 0.08 * n(s + 3, u, v, 1, 3),
  painted_metal: (u, v, s) => { const chip = n(s, u, v, 2, 4); return chip > 0.68 ? 0.55 : 0.88 + 0.08 * n(s + 5, u, v, 4, 2); },
  rust: (u, v, s) => { const r = n(s, u, v, 1, 5); return 0.5 + 0.5 * r + (r > 0.6 ? 0.15 : -0.1); },
  stone: (u, v, s) => { const a = n(s, u, v, 1, 5); const crack = Math.abs(n(s + 9, u, v, 1.5, 3) - 0.5) < 0.02 ? 0.5 : 1; return (0.6 + 0.45 * a) * crack; },
  brick: (u, v) => { const row = Math.floor(v * 8); const x = (u * 4 + (row % 2) * 0.5) % 1; const y = (v * 8) % 1; return x < 0.05 || y < 0.1 ? 1.4 : 0.85 + 0.15 * valueNoise(row * 13, Math.floor(u * 4 + (row % 2) * 0.5), row, 0, 0); },
  concrete: (u, v, s) => 0.8 + 0.2 * n(s, u, v, 2, 5),
  fabric: (u, v, s) => { const warp = Math.sin(u * 128 * Math.PI) * Math.sin(v * 128 * Math.PI); return 0.8 + 0.12 * warp + 0.1 * n(s, u, v, 1, 2); },
  leather: (u, v, s) => 0.75 + 0.25 * n(s, u, v, 4, 4),
  foliage: (u, v, s) => { const l = n(s, u, v, 2, 4); return 0.5 + 0.7 * l * l + (valueNoise(s + 1, u * 64, v * 64, 0, 64) > 0.8 ? 0.2 : 0); },
  bark: (u, v, s) => 0.5 + 0.5 * n(s, u * 4, v * 0.5, 1, 4),
  plastic: (u, v, s) => 0.95 + 0.05 * n(s, u, v, 1, 2),
  rubber: (u, v, s) => 0.9 + 0.1 * n(s, u, v, 8, 2),
  glass: (u, v, s) => 0.95 + 0.05 * n(s, u, v, 1, 2),
  ceramic: (u, v, s) => 0.92 + 0.08 * n(s, u, v, 2, 3),
  gold: (u, v, s) => 0.85 + 0.15 * n(s, u, v, 1, 3),
  ground: (u, v, s) => 0.6 + 0.5 * n(s, u, v, 1, 5),
  sand: (u, v, s) => 0.85 + 0.1 * n(s, u, v, 2, 4) + 0.05 * Math.sin((v + 0.1 * n(s + 2, u, v, 1, 2)) * 40 * Math.PI),
  snow: (u, v, s) => 0.93 + 0.07 * n(s, u, v, 2, 4),
};

function hexRgb(hex: string): [number, number, number] {
  const v = Number.parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** One material's albedo as PNG bytes, `size` px square. */
export async function bakeTexture(material: RecipeMaterial, size: number, seed: number): Promise<Uint8Array> {
  const rgb = hexRgb(material.color ?? MATERIALS[material.type].color);
  const pattern = PATTERNS[material.type];
  const px = Buffer.alloc(size * size * 3);
  // Rust is an orange-brown over the colour; the others modulate the colour's brightness.
  const rust = material.type === 'rust';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const k = pattern(x / size, y / size, seed);
      const o = (y * size + x) * 3;
      for (let c = 0; c < 3; c++) {
        const base = rust ? rgb[c]! * (k > 0.75 ? 1.25 : 1) : rgb[c]!;
        px[o + c] = Math.max(0, Math.min(255, Math.round(base * k)));
      }
    }
  }
  return new Uint8Array(await sharp(px, { raw: { width: size, height: size, channels: 3 } }).png({ compressionLevel: 6 }).toBuffer());
}

/** The texture at a smaller edge (LOD1/LOD2 embed smaller copies). */
export async function downsize(png: Uint8Array, size: number): Promise<Uint8Array> {
  return new Uint8Array(await sharp(png).resize(size, size, { kernel: 'lanczos3', fit: 'fill' }).png({ compressionLevel: 6 }).toBuffer());
}
