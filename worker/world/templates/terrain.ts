import { fbm } from '../noise.js';
import { param, segs, type Template, type TemplateContext } from './context.js';

/**
 * Terrain stamps: a height function over the stamp's footprint (metres, may go below 0 for a
 * crater's bowl). The GLB is the closed slab above ground (max(0, h)); `stampHeights` samples the
 * full function so the terrain editor can apply it to its heightmap.
 */

export type HeightFn = (u: number, v: number) => number; // u, v in [-1, 1]; result in units of size[1]

function heightFn(shape: string, c: Pick<TemplateContext, 'params' | 'seed'>): HeightFn {
  const p = (n: string, d: number, lo: number, hi: number) => param(c as TemplateContext, n, d, lo, hi);
  const noise = p('noise', 0.12, 0, 0.5);
  const nz = (u: number, v: number) => (fbm(c.seed, u * 3 + 11, v * 3 + 11, 0, 4) - 0.5) * 2 * noise;
  const edge = (u: number, v: number) => Math.max(0, 1 - Math.max(Math.abs(u), Math.abs(v)) ** 8); // fades to 0 at the border
  switch (shape) {
    case 'crater': {
      const rim = p('rim', 0.35, 0.05, 1);
      const depth = p('depth', 0.6, 0, 1);
      return (u, v) => {
        const r = Math.hypot(u, v);
        const ring = Math.exp(-(((r - 0.6) / 0.18) ** 2)) * rim * 2.5;
        const bowl = r < 0.6 ? -depth * (1 - (r / 0.6) ** 2) : 0;
        return (Math.min(1, ring) + bowl + nz(u, v) * 0.3) * edge(u, v);
      };
    }
    case 'plateau': {
      const e = p('edge', 0.2, 0.02, 0.6);
      return (u, v) => {
        const r = Math.max(Math.abs(u), Math.abs(v));
        const t = Math.min(1, Math.max(0, (0.85 - r) / e));
        return (t * t * (3 - 2 * t) * (1 + nz(u, v) * 0.3)) * edge(u, v);
      };
    }
    case 'ridge': {
      const f = p('falloff', 2, 0.5, 6);
      return (u, v) => Math.max(0, (Math.exp(-((v / 0.35) ** 2) * f) * (1 - u * u * 0.5) + nz(u, v))) * edge(u, v);
    }
    default: {
      // hill, mound: a smooth dome with noise.
      const f = p('falloff', shape === 'mound' ? 1.5 : 2, 0.5, 6);
      return (u, v) => Math.max(0, Math.exp(-(u * u + v * v) * f * 1.6) + nz(u, v) * Math.exp(-(u * u + v * v))) * edge(u, v);
    }
  }
}

export function terrainTemplate(shape: string): Template {
  return (c) => {
    const [x, y, z] = c.size;
    const h = heightFn(shape, c);
    const res = segs(c, param(c, 'resolution', 24, 4, 64), 4);
    c.b.heightfield(x, z, res, (px, pz) => y * h((px / x) * 2, (pz / z) * 2));
  };
}

/** The stamp's heights (metres, row-major over z then x, res+1 per side) for the terrain editor. */
export function stampHeights(shape: string, size: readonly [number, number, number], params: Readonly<Record<string, number>>, seed: number, res: number): number[] {
  const h = heightFn(shape, { params, seed });
  const out: number[] = [];
  for (let j = 0; j <= res; j++) for (let i = 0; i <= res; i++) out.push(Math.round(size[1] * h((i / res) * 2 - 1, (j / res) * 2 - 1) * 1000) / 1000);
  return out;
}
